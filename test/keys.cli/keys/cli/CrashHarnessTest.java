package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short crash run: 24 SIGKILLs of a real server under concurrent writes, half with
 * {@code --fsync batch}, half with {@code always}. The seed is printed; rerun a failure with
 * {@code -Dkeys.crash.seed=N} (e.g. KEYS_TEST_JAVA_OPTS). The long run is keys.bench.CrashBench.
 */
class CrashHarnessTest {
    static final int CYCLES = 24;

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedWriteSurvivesSigkillAndNothingHalfDoneShows() throws Exception {
        long seed = Long.getLong("keys.crash.seed", System.nanoTime());
        System.out.println("crash harness seed " + seed + " (rerun with -Dkeys.crash.seed=" + seed + ")");
        CrashHarness.Result r = CrashHarness.run(CrashHarness.Config.standard(tmp.resolve("data"), CYCLES, seed, 450, null),
                System.out);
        System.out.println(r.summary());
        assertEquals(List.of(), r.lost(), r.summary());
        assertEquals(List.of(), r.violations(), r.summary());
        assertTrue(r.cleanShutdown(), r.summary());
        assertEquals(CYCLES, r.cycles(), r.summary());
        assertEquals(Map.of("batch", CYCLES / 2, "always", CYCLES / 2), r.cyclesByFsync(), r.summary());
        // The run proves something only if kills hit traffic and compactions: writes were
        // acknowledged, some were cut off mid-flight, and snapshots were written.
        assertTrue(r.acknowledged() >= CYCLES, r.summary());
        assertTrue(r.unknown() > 0, r.summary());
        assertTrue(r.snapshots() > 0, r.summary());
    }
}
