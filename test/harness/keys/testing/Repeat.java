package keys.testing;

/**
 * Decides, element by element, whether a collection goes on. Each element after the minimum is
 * preceded by a "more?" choice whose zero means "stop", so the shrinker deletes an element by
 * deleting its choices, and cuts the tail by zeroing one choice; no separate size to keep in step.
 */
final class Repeat {
    private final Source s;
    private final int min;
    private final int max;
    private final double pMore;
    private int count;
    private int open = -1; // where the current element's span starts, -1 when none is open

    Repeat(Source s, int min, int max) {
        checkSizes(min, max);
        this.s = s;
        this.min = min;
        this.max = max;
        long extra = (long) max - min;
        long average = 0;
        if (extra > 0) {
            // Mostly short collections, sometimes half full, sometimes at or near the maximum.
            long mode = s.draw(0, 9);
            average = mode < 7 ? Math.min(extra, 5) : mode < 9 ? Math.max(1, extra / 2) : extra;
        }
        pMore = average / (average + 1.0);
    }

    static void checkSizes(int min, int max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("bad size range [" + min + ", " + max + "]");
        }
    }

    /**
     * True when one more element should be generated (and counts it). Also ends the previous
     * element's span, which includes the "more?" choice before it.
     */
    boolean more() {
        done();
        if (count >= max) {
            return false;
        }
        int start = s.position();
        if (count >= min && !s.drawBiased(pMore)) {
            return false;
        }
        open = start;
        count++;
        return true;
    }

    /** Ends the current element's span, for loops that stop without asking {@link #more()}. */
    void done() {
        if (open >= 0) {
            s.span(open, s.position());
            open = -1;
        }
    }
}
