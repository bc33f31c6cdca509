package keys.testing;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Runs properties: {@code tries} random cases, each from its own seed derived from the run seed;
 * on the first failure it shrinks the case and throws an {@link AssertionError} that names the run
 * seed. The run seed is random unless {@code -Dkeys.seed=N} fixes it, which replays a failure
 * exactly (same failing case, same shrunk case) as long as the property is deterministic.
 */
public final class Prop {
    static final int DEFAULT_TRIES = 200;
    /** Bound on the re-runs a shrink may take. */
    static final int SHRINK_BUDGET = 2000;

    private Prop() {
    }

    /** Checks {@code property} on 200 cases, or {@code -Dkeys.tries=N}. */
    public static <T> void forAll(Gen<T> gen, Consumer<T> property) {
        forAll(Integer.getInteger("keys.tries", DEFAULT_TRIES), gen, property);
    }

    public static <T> void forAll(int tries, Gen<T> gen, Consumer<T> property) {
        Long fixed = Long.getLong("keys.seed");
        long seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        Result<T> r = check(seed, tries, gen, property);
        if (!r.passed()) {
            System.err.println("keys.testing: property failed; replay with -Dkeys.seed=" + seed);
            throw r.toAssertionError();
        }
    }

    /** Skips the current case unless {@code condition} holds (call from inside a property). */
    public static void assume(boolean condition) {
        if (!condition) {
            throw Discard.ASSUMPTION;
        }
    }

    /**
     * Checks without throwing: the same seed gives the same result. Cases skipped by filters or
     * {@link #assume} do not count as tries; too many of them is an error in the test.
     */
    public static <T> Result<T> check(long seed, int tries, Gen<T> gen, Consumer<T> property) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries " + tries + " < 1");
        }
        Trial<T> trial = new Trial<>(gen, property);
        int maxDiscards = Math.max(100, tries * 10);
        int passed = 0;
        int discarded = 0;
        for (long attempt = 0; passed < tries; attempt++) {
            Source s = Source.random(caseSeed(seed, attempt));
            Throwable failure;
            try {
                failure = trial.run(s);
            } catch (Discard d) {
                if (++discarded > maxDiscards) {
                    throw new AssertionError("gave up after " + discarded + " skipped cases and "
                            + passed + " passed ones (seed " + seed + "): " + d.getMessage()
                            + "; filter less, or build valid values directly");
                }
                continue;
            }
            if (failure != null) {
                return shrunk(seed, tries, passed + 1, trial, s.choices(), failure);
            }
            passed++;
        }
        return Result.passed(seed, tries);
    }

    private static <T> Result<T> shrunk(long seed, int tries, int failingTry, Trial<T> trial,
                                        long[] choices, Throwable failure) {
        Shrinker<T> sh = new Shrinker<>(trial, choices, failure, SHRINK_BUDGET).shrink();
        return new Result<>(seed, tries, false, failingTry,
                trial.value(choices), trial.value(sh.best()),
                trial.describe(choices), trial.describe(sh.best()),
                failure, sh.bestFailure(), sh.steps(), sh.runs());
    }

    /** SplitMix64 of the run seed and the attempt: independent, well-mixed case seeds. */
    static long caseSeed(long seed, long attempt) {
        long z = seed + (attempt + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
