package keys.store;

/**
 * A set of 128-bit values held as pairs of longs in open-addressed arrays: the integrity check
 * keeps every key's public and secret value of a million-key store, which boxed would take
 * several times the memory.
 */
final class LongPairSet {
    private long[] highs = new long[64];
    private long[] lows = new long[64];
    private boolean[] used = new boolean[64];
    private int size;

    /** False when the value was already in the set. */
    boolean add(long high, long low) {
        if (2 * (size + 1) > used.length) {
            grow();
        }
        int i = slot(high, low);
        if (used[i]) {
            return false;
        }
        used[i] = true;
        highs[i] = high;
        lows[i] = low;
        size++;
        return true;
    }

    boolean contains(long high, long low) {
        return used[slot(high, low)];
    }

    /** Where the value is, or the free slot where it would go. */
    private int slot(long high, long low) {
        int mask = used.length - 1;
        long h = (high * 0x9E3779B97F4A7C15L ^ low) * 0xFF51AFD7ED558CCDL;
        int i = (int) (h ^ h >>> 32) & mask;
        while (used[i] && (highs[i] != high || lows[i] != low)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldHighs = highs;
        long[] oldLows = lows;
        boolean[] oldUsed = used;
        highs = new long[oldUsed.length * 2];
        lows = new long[oldUsed.length * 2];
        used = new boolean[oldUsed.length * 2];
        size = 0;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                add(oldHighs[i], oldLows[i]);
            }
        }
    }
}
