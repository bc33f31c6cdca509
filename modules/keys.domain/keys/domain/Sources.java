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
public sealed interface Sources permits Sources.Real, Sources.Test {

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

    /**
     * Test mode's sources (test-mode.md §2): a clock that starts at {@code startMicros} (null: the
     * real time now) and stands still unless moved; with a seed, one reproducible stream per
     * purpose, else {@link SecureRandom}.
     */
    static Test test(Long seed, Long startMicros) {
        return new Test(seed, startMicros == null ? new Real().nowMicros() : startMicros);
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
        // Made on the first draw, not at start: seeding it (providers, /dev/urandom) costs start-up
        // time, and a restart with its admin in place answers /healthz without drawing anything.
        private volatile SecureRandom random;

        private Real() {
        }

        private SecureRandom random() {
            SecureRandom r = random;
            if (r == null) {
                synchronized (this) {
                    r = random;
                    if (r == null) {
                        random = r = new SecureRandom();
                    }
                }
            }
            return r;
        }

        @Override
        public long nowMicros() {
            Instant now = Instant.now(); // wall clock: it may step back when the clock is set
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        }

        @Override
        public void nextBytes(Purpose purpose, byte[] into) {
            random().nextBytes(into);
        }

        @Override
        public int nextInt(Purpose purpose, int bound) {
            return random().nextInt(bound);
        }

        @Override
        public double nextDouble(Purpose purpose) {
            return random().nextDouble();
        }
    }

    /**
     * Test mode's clock and randomness. The whole position (the clock and, when seeded, every
     * stream) can be taken as a {@link Mark} and put back, so reset, snapshot and restore bring
     * it back exactly. Each stream is a SplitMix64 generator: one long of state, the same on
     * every JVM, independent of the others because each starts from the seed mixed with its
     * purpose.
     */
    final class Test implements Sources {
        private static final long GOLDEN = 0x9E3779B97F4A7C15L;
        private static final int PURPOSES = Purpose.values().length;

        private final SecureRandom secure = new SecureRandom(); // draws while not seeded
        private long nowMicros;
        private long[] streams; // by Purpose ordinal; null when not seeded
        private Long seed;

        private Test(Long seed, long startMicros) {
            this.nowMicros = startMicros;
            reseedStreams(seed);
        }

        /** Where the clock and the streams stand; immutable. */
        public static final class Mark {
            private final long nowMicros;
            private final Long seed;
            private final long[] streams;

            private Mark(long nowMicros, Long seed, long[] streams) {
                this.nowMicros = nowMicros;
                this.seed = seed;
                this.streams = streams == null ? null : streams.clone();
            }

            /** The clock at the mark, in microseconds since the epoch. */
            public long nowMicros() {
                return nowMicros;
            }
        }

        /** The seed the streams started from; null when not seeded. */
        public synchronized Long seed() {
            return seed;
        }

        public synchronized Mark mark() {
            return new Mark(nowMicros, seed, streams);
        }

        /** Puts the clock and the streams back where {@code mark} was taken. */
        public synchronized void restore(Mark mark) {
            nowMicros = mark.nowMicros;
            seed = mark.seed;
            streams = mark.streams == null ? null : mark.streams.clone();
        }

        /**
         * Starts every stream afresh from {@code newSeed}, as a server started with it would have
         * them (also when it was not seeded before); the clock is not moved.
         */
        public synchronized void reseed(long newSeed) {
            reseedStreams(newSeed);
        }

        private void reseedStreams(Long newSeed) {
            seed = newSeed;
            if (newSeed == null) {
                streams = null;
                return;
            }
            streams = new long[PURPOSES];
            for (int i = 0; i < PURPOSES; i++) {
                streams[i] = mix(newSeed ^ mix(GOLDEN * (i + 1)));
            }
        }

        /** Sets the clock. */
        public synchronized void setNowMicros(long micros) {
            nowMicros = micros;
        }

        /** Moves the clock forward by {@code micros} (at least 0) and returns the new time. */
        public synchronized long advanceMicros(long micros) {
            if (micros < 0) {
                throw new IllegalArgumentException("the clock only moves forward");
            }
            nowMicros = Math.addExact(nowMicros, micros);
            return nowMicros;
        }

        @Override
        public synchronized long nowMicros() {
            return nowMicros;
        }

        @Override
        public synchronized void nextBytes(Purpose purpose, byte[] into) {
            if (streams == null) {
                secure.nextBytes(into);
                return;
            }
            for (int i = 0; i < into.length; ) {
                long r = next(purpose);
                for (int b = 0; b < 8 && i < into.length; b++, i++) {
                    into[i] = (byte) (r >>> (56 - 8 * b));
                }
            }
        }

        @Override
        public synchronized int nextInt(Purpose purpose, int bound) {
            if (bound <= 0) {
                throw new IllegalArgumentException("bound must be positive");
            }
            if (streams == null) {
                return secure.nextInt(bound);
            }
            // Rejection keeps the draw uniform: values in the last, partial run of bound are drawn again.
            long limit = (1L << 31) - (1L << 31) % bound;
            while (true) {
                long r = next(purpose) >>> 33;
                if (r < limit) {
                    return (int) (r % bound);
                }
            }
        }

        @Override
        public synchronized double nextDouble(Purpose purpose) {
            if (streams == null) {
                return secure.nextDouble();
            }
            return (next(purpose) >>> 11) * 0x1.0p-53;
        }

        private long next(Purpose purpose) {
            int i = purpose.ordinal();
            streams[i] += GOLDEN;
            return mix(streams[i]);
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
