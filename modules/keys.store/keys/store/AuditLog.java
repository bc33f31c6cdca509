package keys.store;

import java.util.Arrays;

import keys.domain.AuditEntry;

/**
 * One organization's audit entries, immutable, ascending by (time, id): columns of primitives in
 * chunks of at most {@link #MAX_CHUNK} rows, so that appending copies one chunk and the chunk
 * directory and the states before and after share everything else, as {@link KeyList} does.
 * Only a page's rows ever become {@link AuditEntry} objects.
 */
final class AuditLog {
    static final int MAX_CHUNK = 256;
    static final AuditLog EMPTY = new AuditLog(new Chunk[0], new int[0]);

    /** Parallel columns, ascending by (micros, id). */
    record Chunk(long[] ids, long[] micros, int[] events, long[] actors, long[] targets, long[] targetUsers,
                 String[] ips, String[] data) {
        int size() {
            return ids.length;
        }

        static Chunk of(AuditEntry[] rows, int from, int to) {
            int n = to - from;
            Chunk c = new Chunk(new long[n], new long[n], new int[n], new long[n], new long[n], new long[n],
                    new String[n], new String[n]);
            for (int i = 0; i < n; i++) {
                c.set(i, rows[from + i]);
            }
            return c;
        }

        /** This chunk's rows, then {@code rows[from..to)}: columns copied, no row objects made. */
        Chunk plus(AuditEntry[] rows, int from, int to) {
            int n = size();
            int m = n + to - from;
            Chunk c = new Chunk(Arrays.copyOf(ids, m), Arrays.copyOf(micros, m), Arrays.copyOf(events, m),
                    Arrays.copyOf(actors, m), Arrays.copyOf(targets, m), Arrays.copyOf(targetUsers, m),
                    Arrays.copyOf(ips, m), Arrays.copyOf(data, m));
            for (int i = from; i < to; i++) {
                c.set(n + i - from, rows[i]);
            }
            return c;
        }

        private void set(int i, AuditEntry e) {
            ids[i] = e.id();
            micros[i] = e.createdMicros();
            events[i] = e.event();
            actors[i] = e.actorId();
            targets[i] = e.targetObject();
            targetUsers[i] = e.targetUserId();
            ips[i] = e.ipAddress();
            data[i] = e.data();
        }

        AuditEntry row(long orgId, int i) {
            return new AuditEntry(ids[i], orgId, events[i], actors[i], ips[i], targets[i], targetUsers[i], data[i],
                    micros[i]);
        }
    }

    private final Chunk[] chunks;
    private final int[] ends; // ends[c] = rows in chunks 0..c

    private AuditLog(Chunk[] chunks, int[] ends) {
        this.chunks = chunks;
        this.ends = ends;
    }

    int size() {
        return ChunkEnds.size(ends);
    }

    AuditEntry get(long orgId, int index) {
        int c = chunkOf(index);
        return chunks[c].row(orgId, index - start(c));
    }

    long micros(int index) {
        int c = chunkOf(index);
        return chunks[c].micros[index - start(c)];
    }

    long id(int index) {
        int c = chunkOf(index);
        return chunks[c].ids[index - start(c)];
    }

    int event(int index) {
        int c = chunkOf(index);
        return chunks[c].events[index - start(c)];
    }

    long actor(int index) {
        int c = chunkOf(index);
        return chunks[c].actors[index - start(c)];
    }

    /** The rows {@code q} selects, in its order. */
    java.util.List<AuditEntry> query(long orgId, AuditQuery q) {
        java.util.List<AuditEntry> out = new java.util.ArrayList<>(Math.min(q.limit(), 128));
        int skip = q.offset();
        if (q.ascending()) {
            long from = Math.max(q.bound(), q.fromMicros());
            for (int i = from == Long.MIN_VALUE ? 0 : countAtMost(from - 1); i < size() && out.size() < q.limit(); i++) {
                if (micros(i) > q.toMicros()) {
                    break;
                }
                if (matches(q, i) && skip-- <= 0) {
                    out.add(get(orgId, i));
                }
            }
        } else {
            for (int i = countAtMost(Math.min(q.bound(), q.toMicros())) - 1; i >= 0 && out.size() < q.limit(); i--) {
                if (micros(i) < q.fromMicros()) {
                    break;
                }
                if (matches(q, i) && skip-- <= 0) {
                    out.add(get(orgId, i));
                }
            }
        }
        return out;
    }

    private boolean matches(AuditQuery q, int i) {
        return (q.event() == 0 || event(i) == q.event()) && (q.actorId() == 0 || actor(i) == q.actorId());
    }

    /** The number of rows whose time is at most {@code micros} (the index of the first later one). */
    int countAtMost(long micros) {
        int lo = 0, hi = size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (micros(mid) <= micros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * This log with {@code added} merged in. The chunks before the first one an added entry sorts
     * into are shared; that one and those after it are rebuilt. Time moving on (the usual case)
     * therefore copies only the last chunk; a backdated entry copies from its place on.
     */
    AuditLog with(AuditEntry[] added, int count) {
        if (count == 0) {
            return this;
        }
        AuditEntry[] sorted = Arrays.copyOf(added, count);
        Arrays.sort(sorted, AuditLog::compare);
        int n = size();
        if (n > 0 && compare(sorted[0], micros(n - 1), id(n - 1)) > 0) {
            return appended(sorted);
        }
        int keep = 0;
        if (n > 0) {
            int at = countBefore(sorted[0]);
            keep = at == 0 ? 0 : chunkOf(at - 1);
        }
        int from = start(keep);
        AuditEntry[] tail = new AuditEntry[n - from + count];
        for (int i = from; i < n; i++) {
            tail[i - from] = get(0, i); // the columns hold no org id; Chunk.of drops it again
        }
        System.arraycopy(sorted, 0, tail, n - from, count);
        Arrays.sort(tail, AuditLog::compare);
        int more = (tail.length + MAX_CHUNK - 1) / MAX_CHUNK;
        Chunk[] out = Arrays.copyOf(chunks, keep + more);
        for (int c = 0; c < more; c++) {
            out[keep + c] = Chunk.of(tail, c * MAX_CHUNK, Math.min(tail.length, (c + 1) * MAX_CHUNK));
        }
        return new AuditLog(out, ends(out));
    }

    /** Rows that all sort after the last one: the last chunk filled up, then new chunks. */
    private AuditLog appended(AuditEntry[] sorted) {
        Chunk last = chunks[chunks.length - 1];
        int fill = Math.min(sorted.length, MAX_CHUNK - last.size());
        int more = (sorted.length - fill + MAX_CHUNK - 1) / MAX_CHUNK;
        Chunk[] out = Arrays.copyOf(chunks, chunks.length + more);
        out[chunks.length - 1] = last.plus(sorted, 0, fill);
        for (int c = 0; c < more; c++) {
            int from = fill + c * MAX_CHUNK;
            out[chunks.length + c] = Chunk.of(sorted, from, Math.min(sorted.length, from + MAX_CHUNK));
        }
        int[] newEnds = Arrays.copyOf(ends, out.length);
        for (int c = chunks.length - 1; c < out.length; c++) {
            newEnds[c] = (c == 0 ? 0 : newEnds[c - 1]) + out[c].size();
        }
        return new AuditLog(out, newEnds);
    }

    /** Every row in order, for bulk work (org id left 0: callers that need it set it). */
    AuditEntry[] rows(long orgId) {
        AuditEntry[] out = new AuditEntry[size()];
        int n = 0;
        for (Chunk c : chunks) {
            for (int i = 0; i < c.size(); i++) {
                out[n++] = c.row(orgId, i);
            }
        }
        return out;
    }

    /** The number of rows that sort before {@code e}. */
    private int countBefore(AuditEntry e) {
        int lo = 0, hi = size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(e, micros(mid), id(mid)) > 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static int compare(AuditEntry a, AuditEntry b) {
        return compare(a, b.createdMicros(), b.id());
    }

    private static int compare(AuditEntry a, long micros, long id) {
        int c = Long.compare(a.createdMicros(), micros);
        return c != 0 ? c : Long.compare(a.id(), id);
    }

    private int start(int chunk) {
        return ChunkEnds.start(ends, chunk);
    }

    private int chunkOf(int index) {
        return ChunkEnds.chunkOf(ends, index);
    }

    private static int[] ends(Chunk[] chunks) {
        return ChunkEnds.of(chunks.length, c -> chunks[c].size());
    }
}
