package keys.testing;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The random choices a generator draws from, recorded so that they can be replayed and shrunk.
 * Every draw is stored as its offset from the minimum (an unsigned long), so a smaller choice means
 * a value nearer the minimum. When replaying, a recorded choice too large for the asked range is
 * reduced modulo the range, and a draw past the end of the recording returns the minimum.
 */
public final class Source {
    /** Bound on choices per case: stops runaway recursive generators. */
    static final int MAX_DRAWS = 1 << 20;

    private final long[] prefix;
    private final SplittableRandom random; // null when replaying only
    private long[] drawn = new long[16];
    private int count;
    private int[] spans = new int[8]; // start, end pairs of collection elements
    private int spanInts;

    private Source(long[] prefix, SplittableRandom random) {
        this.prefix = prefix;
        this.random = random;
    }

    /** A source of fresh random choices, the same ones for the same seed. */
    public static Source random(long seed) {
        return new Source(new long[0], new SplittableRandom(seed));
    }

    /** A source that replays {@code choices}, then answers every further draw with its minimum. */
    static Source replay(long[] choices) {
        return new Source(choices.clone(), null);
    }

    /** A value in {@code [min, max]} (both inclusive); shrinks toward {@code min}. */
    public long draw(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        return min + drawUnsigned(max - min);
    }

    /** A value in {@code [min, max]} (both inclusive); shrinks toward {@code min}. */
    public int drawInt(int min, int max) {
        return (int) draw(min, max);
    }

    /** Shrinks toward {@code false}. */
    public boolean drawBoolean() {
        return drawUnsigned(1) == 1;
    }

    /** True with probability {@code p} when drawing fresh; shrinks toward {@code false}. */
    boolean drawBiased(double p) {
        if (count < prefix.length || random == null) {
            return drawUnsigned(1) == 1;
        }
        return record(random.nextDouble() < p ? 1 : 0) == 1;
    }

    /** A choice in {@code [0, span]}, {@code span} read as unsigned. */
    long drawUnsigned(long span) {
        return drawSteered(span, 0, span);
    }

    /**
     * A choice in {@code [0, span]} (unsigned) that, when drawn fresh, falls in {@code [lo, hi]}:
     * generators steer fresh draws toward interesting values this way (or force one, with
     * {@code lo == hi}) while a replayed choice keeps meaning the same value, so the shrinker
     * can still reach everything.
     */
    long drawSteered(long span, long lo, long hi) {
        long c;
        if (count < prefix.length) {
            c = prefix[count];
            if (span != -1L && Long.compareUnsigned(c, span) > 0) {
                c = Long.remainderUnsigned(c, span + 1);
            }
        } else {
            c = random == null ? 0 : lo + uniform(hi - lo);
        }
        return record(c);
    }

    private long record(long c) {
        if (count >= MAX_DRAWS) {
            throw Discard.OVERRUN;
        }
        if (count == drawn.length) {
            drawn = Arrays.copyOf(drawn, count * 2);
        }
        drawn[count++] = c;
        return c;
    }

    private long uniform(long span) {
        if (span == -1L) {
            return random.nextLong();
        }
        if (span >= 0 && span != Long.MAX_VALUE) {
            return random.nextLong(span + 1);
        }
        long c;
        do {
            c = random.nextLong();
        } while (Long.compareUnsigned(c, span) > 0);
        return c;
    }

    /** How many choices were drawn so far: where the next one goes. */
    int position() {
        return count;
    }

    /**
     * Marks choices {@code [start, end)} as one element of a collection: the shrinker tries
     * deleting such spans whole, whatever the number of choices inside.
     */
    void span(int start, int end) {
        if (end <= start) {
            return;
        }
        if (spanInts == spans.length) {
            spans = Arrays.copyOf(spans, spanInts * 2);
        }
        spans[spanInts++] = start;
        spans[spanInts++] = end;
    }

    /** The element spans, as start, end pairs in the order they closed. */
    int[] spans() {
        return Arrays.copyOf(spans, spanInts);
    }

    /** The choices drawn so far, in order. */
    long[] choices() {
        return Arrays.copyOf(drawn, count);
    }
}
