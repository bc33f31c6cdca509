package keys.store;

import java.util.Arrays;

/** An immutable set of ids, kept as a sorted array so that unions, intersections and lookups are cheap. */
public final class IdSet {
    public static final IdSet EMPTY = new IdSet(new long[0]);

    private final long[] ids;

    private IdSet(long[] sortedUnique) {
        this.ids = sortedUnique;
    }

    /** The first {@code n} ids of {@code sortedUnique}, copied. */
    static IdSet ofSorted(long[] sortedUnique, int n) {
        return n == 0 ? EMPTY : new IdSet(Arrays.copyOf(sortedUnique, n));
    }

    public static IdSet of(long... ids) {
        long[] copy = ids.clone();
        Arrays.sort(copy);
        return new IdSet(unique(copy, copy.length));
    }

    public int size() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    /** The i-th smallest id. */
    public long get(int i) {
        return ids[i];
    }

    public boolean contains(long id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    public long[] toArray() {
        return ids.clone();
    }

    public IdSet with(long id) {
        int at = Arrays.binarySearch(ids, id);
        if (at >= 0) {
            return this;
        }
        int insert = -at - 1;
        long[] out = new long[ids.length + 1];
        System.arraycopy(ids, 0, out, 0, insert);
        out[insert] = id;
        System.arraycopy(ids, insert, out, insert + 1, ids.length - insert);
        return new IdSet(out);
    }

    public IdSet without(long id) {
        int at = Arrays.binarySearch(ids, id);
        if (at < 0) {
            return this;
        }
        if (ids.length == 1) {
            return EMPTY;
        }
        long[] out = new long[ids.length - 1];
        System.arraycopy(ids, 0, out, 0, at);
        System.arraycopy(ids, at + 1, out, at, ids.length - at - 1);
        return new IdSet(out);
    }

    public IdSet union(IdSet other) {
        if (other.ids.length == 0) {
            return this;
        }
        if (ids.length == 0) {
            return other;
        }
        long[] out = new long[ids.length + other.ids.length];
        int i = 0, j = 0, n = 0;
        while (i < ids.length && j < other.ids.length) {
            long a = ids[i], b = other.ids[j];
            if (a < b) {
                out[n++] = a;
                i++;
            } else if (b < a) {
                out[n++] = b;
                j++;
            } else {
                out[n++] = a;
                i++;
                j++;
            }
        }
        while (i < ids.length) {
            out[n++] = ids[i++];
        }
        while (j < other.ids.length) {
            out[n++] = other.ids[j++];
        }
        return new IdSet(n == out.length ? out : Arrays.copyOf(out, n));
    }

    public IdSet intersect(IdSet other) {
        if (16L * ids.length <= other.ids.length) {
            return within(other);
        }
        if (16L * other.ids.length <= ids.length) {
            return other.within(this);
        }
        long[] out = new long[Math.min(ids.length, other.ids.length)];
        int i = 0, j = 0, n = 0;
        while (i < ids.length && j < other.ids.length) {
            long a = ids[i], b = other.ids[j];
            if (a < b) {
                i++;
            } else if (b < a) {
                j++;
            } else {
                out[n++] = a;
                i++;
                j++;
            }
        }
        return n == 0 ? EMPTY : new IdSet(n == out.length ? out : Arrays.copyOf(out, n));
    }

    /**
     * The ids of this (much smaller) set that {@code larger} holds, each looked up there rather
     * than both walked: a team's handful of projects within an organization's thousands.
     */
    private IdSet within(IdSet larger) {
        long[] kept = new long[ids.length];
        int n = 0;
        for (long id : ids) {
            if (larger.contains(id)) {
                kept[n++] = id;
            }
        }
        return n == ids.length ? this : n == 0 ? EMPTY : new IdSet(Arrays.copyOf(kept, n));
    }

    private static long[] unique(long[] sorted, int length) {
        int n = 0;
        for (int i = 0; i < length; i++) {
            if (n == 0 || sorted[n - 1] != sorted[i]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdSet other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return Arrays.toString(ids);
    }
}
