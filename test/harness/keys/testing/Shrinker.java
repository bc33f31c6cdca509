package keys.testing;

/**
 * Shrinks a failing case by shrinking the choices that generated it: a candidate is kept when it
 * still fails with the same kind of exception and the choices it actually drew are smaller in
 * shortlex order (fewer, then lower). That order only ever decreases, so shrinking terminates;
 * the run budget bounds its cost.
 */
final class Shrinker<T> {
    private static final int[] CHUNKS = {8, 4, 2, 1};
    private static final int PAIR_DISTANCE = 8;

    private final Trial<T> trial;
    private final Class<?> failureClass;
    private final int budget;
    private long[] best;
    private int[] bestSpans;
    private Throwable bestFailure;
    private int runs;
    private int steps;

    Shrinker(Trial<T> trial, long[] choices, Throwable failure, int budget) {
        this.trial = trial;
        this.best = choices;
        this.bestSpans = spansOf(choices);
        this.bestFailure = failure;
        this.failureClass = failure.getClass();
        this.budget = budget;
    }

    long[] best() {
        return best;
    }

    Throwable bestFailure() {
        return bestFailure;
    }

    int runs() {
        return runs;
    }

    int steps() {
        return steps;
    }

    Shrinker<T> shrink() {
        boolean improved = true;
        while (improved && runs < budget) {
            int before = steps;
            deleteSpans();
            deleteChunks();
            zeroChunks();
            minimizeEach();
            redistributePairs();
            improved = steps > before;
        }
        return this;
    }

    /** Deletes whole collection elements, last first, whatever their number of choices. */
    private void deleteSpans() {
        for (int i = bestSpans.length - 2; i >= 0 && runs < budget; i -= 2) {
            int start = bestSpans[i];
            int end = bestSpans[i + 1];
            if (end <= best.length && consider(without(best, start, end - start))) {
                i = Math.min(i + 2, bestSpans.length); // the spans moved; carry on near here
            }
        }
    }

    /** Deletes runs of choices: also shrinks structures that mark no spans. */
    private void deleteChunks() {
        for (int k : CHUNKS) {
            for (int i = best.length - k; i >= 0 && runs < budget; i--) {
                if (i + k > best.length) {
                    continue;
                }
                long[] cut = without(best, i, k);
                if (consider(cut)) {
                    continue;
                }
                // A size drawn just before the chunk must shrink with it.
                if (i > 0 && cut[i - 1] != 0) {
                    cut[i - 1]--;
                    consider(cut);
                }
            }
        }
    }

    /** Zeroes runs of choices: the simplest value of a whole sub-structure at once. */
    private void zeroChunks() {
        for (int k : CHUNKS) {
            for (int i = 0; i + k <= best.length && runs < budget; i++) {
                long[] c = best.clone();
                boolean change = false;
                for (int j = i; j < i + k; j++) {
                    change |= c[j] != 0;
                    c[j] = 0;
                }
                if (change) {
                    consider(c);
                }
            }
        }
    }

    /** Lowers each choice as far as it goes: to 0, else by binary search (unsigned). */
    private void minimizeEach() {
        for (int i = 0; i < best.length && runs < budget; i++) {
            long v = best[i];
            if (v == 0 || consider(with(best, i, 0))) {
                continue;
            }
            long passes = 0; // lo: known not to fail; hi: fails
            long fails = v;
            while (Long.compareUnsigned(fails - passes, 1) > 0 && runs < budget) {
                long mid = passes + ((fails - passes) >>> 1);
                if (!consider(with(best, i, mid))) {
                    passes = mid;
                } else if (i < best.length && best[i] == mid) {
                    fails = mid;
                } else {
                    break; // the structure changed under us; the next round starts afresh
                }
            }
        }
    }

    /**
     * Moves value from an earlier choice to a later one, e.g. [60, 50] to [0, 110]: the sum is
     * kept, and the zero then usually deletes.
     */
    private void redistributePairs() {
        for (int i = 0; i < best.length && runs < budget; i++) {
            for (int j = i + 1; j < best.length && j <= i + PAIR_DISTANCE && runs < budget; j++) {
                long a = best[i];
                long b = best[j];
                if (a == 0 || Long.compareUnsigned(b + a, b) < 0) {
                    continue;
                }
                long[] c = best.clone();
                c[i] = 0;
                c[j] = b + a;
                consider(c);
            }
        }
    }

    /** Runs a candidate; keeps it when it still fails and is simpler. */
    private boolean consider(long[] candidate) {
        if (runs >= budget) {
            return false;
        }
        runs++;
        Source s = Source.replay(candidate);
        Throwable failure;
        try {
            failure = trial.run(s);
        } catch (Discard d) {
            return false;
        }
        if (failure == null || failure.getClass() != failureClass) {
            return false;
        }
        long[] used = s.choices();
        if (!simpler(used, best)) {
            return false;
        }
        best = used;
        bestSpans = s.spans();
        bestFailure = failure;
        steps++;
        return true;
    }

    private int[] spansOf(long[] choices) {
        Source s = Source.replay(choices);
        try {
            trial.run(s);
        } catch (Discard d) {
            // the spans drawn before the discard still help
        }
        return s.spans();
    }

    /** Shortlex order on unsigned choices. */
    static boolean simpler(long[] a, long[] b) {
        if (a.length != b.length) {
            return a.length < b.length;
        }
        for (int i = 0; i < a.length; i++) {
            int c = Long.compareUnsigned(a[i], b[i]);
            if (c != 0) {
                return c < 0;
            }
        }
        return false;
    }

    private static long[] without(long[] a, int from, int k) {
        long[] c = new long[a.length - k];
        System.arraycopy(a, 0, c, 0, from);
        System.arraycopy(a, from + k, c, from, a.length - from - k);
        return c;
    }

    private static long[] with(long[] a, int i, long v) {
        long[] c = a.clone();
        c[i] = v;
        return c;
    }
}
