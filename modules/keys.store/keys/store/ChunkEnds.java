package keys.store;

import java.util.function.IntUnaryOperator;

/**
 * Positions in an immutable list held as chunks ({@link KeyList}, {@link AuditLog}), kept as
 * {@code ends}, where {@code ends[c]} counts the items in chunks 0..c.
 */
final class ChunkEnds {
    private ChunkEnds() {
    }

    static int[] of(int chunks, IntUnaryOperator sizeOfChunk) {
        int[] ends = new int[chunks];
        int n = 0;
        for (int i = 0; i < chunks; i++) {
            n += sizeOfChunk.applyAsInt(i);
            ends[i] = n;
        }
        return ends;
    }

    static int size(int[] ends) {
        return ends.length == 0 ? 0 : ends[ends.length - 1];
    }

    /** The position of the first item of {@code chunk}. */
    static int start(int[] ends, int chunk) {
        return chunk == 0 ? 0 : ends[chunk - 1];
    }

    /** The chunk holding position {@code index}. */
    static int chunkOf(int[] ends, int index) {
        if (index < 0 || index >= size(ends)) {
            throw new IndexOutOfBoundsException(index);
        }
        int lo = 0, hi = ends.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= index) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
