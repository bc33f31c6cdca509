package keys.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Where one server's time and invented values come from: every {@code dateCreated}, token expiry
 * check, key hex, token value, pet name and slug suffix is drawn through the server's own
 * instance, so two servers in one JVM never share a clock or a random stream. This is the only
 * source file that reads the system clock or a random generator (a source test checks that).
 *
 * <p>Each draw names its {@link Purpose}: a reproducible implementation keeps one independent
 * stream per purpose, so drawing for one (a fault's probability) never shifts another (the keys
 * created later). Implementations are thread-safe.
 */
public sealed interface Sources permits Sources.Real {

    /** What a random value is for; one stream each. */
    enum Purpose {
        /** The superuser token minted at start. */
        ADMIN_TOKEN,
        /** Public and secret key values. */
        KEY_VALUES,
        /** API token values. */
        TOKEN_VALUES,
        /** Pet names of keys created without one, and slug suffixes. */
        NAMES,
        /** Whether a fault with a probability fires. */
        FAULTS,
        /** The id a 500 answer carries. */
        ERROR_IDS
    }

    /** The system clock and a {@link SecureRandom} of its own. */
    static Sources real() {
        return new Real();
    }

    /** Now, in microseconds since the epoch (UTC). */
    long nowMicros();

    /** Fills {@code into} with random bytes from the purpose's stream. */
    void nextBytes(Purpose purpose, byte[] into);

    /** A random int in {@code [0, bound)} from the purpose's stream. */
    int nextInt(Purpose purpose, int bound);

    /** A random double in {@code [0, 1)} from the purpose's stream. */
    double nextDouble(Purpose purpose);

    /** A new public or secret key: 16 random bytes as 32 lowercase hex digits. */
    default String newKeyHex() {
        return hex(Purpose.KEY_VALUES, 16);
    }

    /** A new API token: {@code sntryu_} and 32 random bytes as 64 lowercase hex digits. */
    default String newUserToken() {
        return Secrets.TOKEN_PREFIX + hex(Purpose.TOKEN_VALUES, 32);
    }

    /** A new superuser token for the admin bootstrap, in the API token's form. */
    default String newAdminToken() {
        return Secrets.TOKEN_PREFIX + hex(Purpose.ADMIN_TOKEN, 32);
    }

    /** A pet name for a key created without one ({@link KeyNames}). */
    default String newKeyName() {
        return KeyNames.random(bound -> nextInt(Purpose.NAMES, bound));
    }

    /** An id to name a failure by in a 500 answer and the log line beside it. */
    default String newErrorId() {
        return hex(Purpose.ERROR_IDS, 16);
    }

    private String hex(Purpose purpose, int bytes) {
        byte[] b = new byte[bytes];
        nextBytes(purpose, b);
        return HexFormat.of().formatHex(b);
    }

    /** The real clock and one {@link SecureRandom} (thread-safe) for every purpose. */
    final class Real implements Sources {
        private final SecureRandom random = new SecureRandom();

        private Real() {
        }

        @Override
        public long nowMicros() {
            Instant now = Instant.now(); // wall clock: it may step back when the clock is set
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        }

        @Override
        public void nextBytes(Purpose purpose, byte[] into) {
            random.nextBytes(into);
        }

        @Override
        public int nextInt(Purpose purpose, int bound) {
            return random.nextInt(bound);
        }

        @Override
        public double nextDouble(Purpose purpose) {
            return random.nextDouble();
        }
    }
}
