package keys.store;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

import keys.domain.ClientKey;

/**
 * Keys ascending by id, immutable: a project's keys, or a whole organization's. Held in chunks of
 * at most {@link #MAX_CHUNK} so that adding or removing one key copies one chunk and the chunk
 * directory, never the whole list (an organization may hold a million keys).
 */
final class KeyList extends AbstractList<ClientKey> implements RandomAccess {
    static final int MAX_CHUNK = 512;
    static final KeyList EMPTY = new KeyList(new ClientKey[0][], new int[0]);

    private final ClientKey[][] chunks; // each non-empty and ascending; chunks ascending too
    private final int[] ends;           // ends[c] = number of keys in chunks 0..c

    private KeyList(ClientKey[][] chunks, int[] ends) {
        this.chunks = chunks;
        this.ends = ends;
    }

    /** Wraps keys already ascending by id (unique ids). */
    static KeyList ofSorted(ClientKey[] sorted, int count) {
        if (count == 0) {
            return EMPTY;
        }
        int half = MAX_CHUNK / 2;
        int n = (count + half - 1) / half;
        ClientKey[][] chunks = new ClientKey[n][];
        for (int c = 0; c < n; c++) {
            chunks[c] = Arrays.copyOfRange(sorted, c * half, Math.min(count, (c + 1) * half));
        }
        return new KeyList(chunks, ends(chunks));
    }

    @Override
    public int size() {
        return ChunkEnds.size(ends);
    }

    @Override
    public ClientKey get(int index) {
        int c = chunkOf(index);
        return chunks[c][index - start(c)];
    }

    /** Index of the key with this id, or (-(insertion point) - 1), as Arrays.binarySearch. */
    int indexOf(long id) {
        if (chunks.length == 0) {
            return -1;
        }
        int c = chunkFor(id);
        int at = search(chunks[c], chunks[c].length, id);
        return at >= 0 ? start(c) + at : -(start(c) + (-at - 1)) - 1;
    }

    KeyList with(ClientKey key) {
        if (chunks.length == 0) {
            return new KeyList(new ClientKey[][] {{key}}, new int[] {1});
        }
        int c = chunkFor(key.id());
        ClientKey[] chunk = chunks[c];
        int at = search(chunk, chunk.length, key.id());
        ClientKey[] changed;
        if (at >= 0) {
            changed = chunk.clone();
            changed[at] = key;
        } else {
            int insert = -at - 1;
            changed = new ClientKey[chunk.length + 1];
            System.arraycopy(chunk, 0, changed, 0, insert);
            changed[insert] = key;
            System.arraycopy(chunk, insert, changed, insert + 1, chunk.length - insert);
        }
        if (changed.length <= MAX_CHUNK) {
            return replace(c, changed);
        }
        int half = changed.length / 2;
        ClientKey[][] out = new ClientKey[chunks.length + 1][];
        System.arraycopy(chunks, 0, out, 0, c);
        out[c] = Arrays.copyOfRange(changed, 0, half);
        out[c + 1] = Arrays.copyOfRange(changed, half, changed.length);
        System.arraycopy(chunks, c + 1, out, c + 2, chunks.length - c - 1);
        return new KeyList(out, ends(out));
    }

    KeyList without(long id) {
        if (chunks.length == 0) {
            return this;
        }
        int c = chunkFor(id);
        ClientKey[] chunk = chunks[c];
        int at = search(chunk, chunk.length, id);
        if (at < 0) {
            return this;
        }
        if (chunk.length == 1) {
            ClientKey[][] out = new ClientKey[chunks.length - 1][];
            System.arraycopy(chunks, 0, out, 0, c);
            System.arraycopy(chunks, c + 1, out, c, chunks.length - c - 1);
            return out.length == 0 ? EMPTY : new KeyList(out, ends(out));
        }
        ClientKey[] changed = new ClientKey[chunk.length - 1];
        System.arraycopy(chunk, 0, changed, 0, at);
        System.arraycopy(chunk, at + 1, changed, at, chunk.length - at - 1);
        return replace(c, changed);
    }

    /**
     * A walk from position {@code from} (a valid index) one key at a time, upwards or downwards:
     * no chunk search per key, as {@link #get} makes.
     */
    Walk walk(int from, boolean ascending) {
        int c = chunkOf(from);
        return new Walk(chunks, c, from - start(c), ascending);
    }

    /** A position in the chunks that moves one way. */
    static final class Walk {
        private final ClientKey[][] chunks;
        private final boolean ascending;
        private ClientKey[] chunk;
        private int c;
        private int i;

        private Walk(ClientKey[][] chunks, int c, int i, boolean ascending) {
            this.chunks = chunks;
            this.ascending = ascending;
            this.chunk = chunks[c];
            this.c = c;
            this.i = i;
        }

        ClientKey key() {
            return chunk[i];
        }

        /** Moves to the next key; false when there is none, after which the walk is done. */
        boolean advance() {
            if (ascending) {
                if (++i == chunk.length) {
                    if (++c == chunks.length) {
                        return false;
                    }
                    chunk = chunks[c];
                    i = 0;
                }
            } else if (--i < 0) {
                if (--c < 0) {
                    return false;
                }
                chunk = chunks[c];
                i = chunk.length - 1;
            }
            return true;
        }
    }

    /** All keys into a plain array, for bulk edits. */
    ClientKey[] toSortedArray() {
        ClientKey[] out = new ClientKey[size()];
        int n = 0;
        for (ClientKey[] chunk : chunks) {
            System.arraycopy(chunk, 0, out, n, chunk.length);
            n += chunk.length;
        }
        return out;
    }

    private KeyList replace(int c, ClientKey[] chunk) {
        ClientKey[][] out = chunks.clone();
        out[c] = chunk;
        int[] newEnds = ends.clone();
        int delta = chunk.length - chunks[c].length;
        for (int i = c; i < newEnds.length; i++) {
            newEnds[i] += delta;
        }
        return new KeyList(out, newEnds);
    }

    private int start(int chunk) {
        return ChunkEnds.start(ends, chunk);
    }

    /** The chunk holding global position {@code index}. */
    private int chunkOf(int index) {
        return ChunkEnds.chunkOf(ends, index);
    }

    /** The chunk an id belongs in: the last whose first id is at most {@code id} (or the first). */
    private int chunkFor(long id) {
        int lo = 0, hi = chunks.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (chunks[mid][0].id() <= id) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static int[] ends(ClientKey[][] chunks) {
        return ChunkEnds.of(chunks.length, c -> chunks[c].length);
    }

    static int search(ClientKey[] keys, int length, long id) {
        int lo = 0, hi = length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = keys[mid].id();
            if (m < id) {
                lo = mid + 1;
            } else if (m > id) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
