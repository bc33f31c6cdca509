package keys.server;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The test-mode start settings (test-mode.md §1): whether it is on, and the seed, the clock's
 * start and the fixture file (null: not given), which only test mode takes.
 */
record TestModeSettings(boolean on, Long seed, Instant clock, Path fixture) {
    static final TestModeSettings OFF = new TestModeSettings(false, null, null, null);

    void validate(Path dataDirectory) {
        if (on && dataDirectory != null) {
            throw new KeysServerConfigException("keys serve: --test-mode keeps nothing and takes no data directory;"
                    + " drop --data");
        }
        if (!on) {
            only(seed != null, "--seed");
            only(clock != null, "--clock");
            only(fixture != null, "--fixture");
        }
    }

    private static void only(boolean given, String flag) {
        if (given) {
            throw new KeysServerConfigException("keys serve: " + flag + " needs --test-mode");
        }
    }

    /** The clock's start in microseconds since the epoch; null: the real time at start. */
    Long clockMicros() {
        return clock == null ? null : Math.addExact(Math.multiplyExact(clock.getEpochSecond(), 1_000_000L),
                clock.getNano() / 1_000);
    }
}
