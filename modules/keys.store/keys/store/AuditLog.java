package keys.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import keys.domain.AuditEntry;

/**
 * One organization's audit index, immutable, ascending by (time, id): the fixed-width fields the
 * endpoint filters and sorts by, plus a locator of the row that holds the rest ({@link
 * AuditRowFile}), as columns of primitives in chunks of at most {@link #MAX_CHUNK} rows. Appending
 * copies one chunk; the chunk directory and the states before and after share everything else, as
 * {@link KeyList} does. About 52 bytes per entry. A row not (yet) on disk (an in-memory store, the
 * replayed tail of a read-only scan) has the locator {@link #IN_MEMORY} and its address and data in
 * the chunk. Only a page's rows ever become {@link AuditEntry} objects.
 */
final class AuditLog {
    static final int MAX_CHUNK = 256;
    static final long IN_MEMORY = -1;
    static final AuditLog EMPTY = new AuditLog(new Chunk[0], new int[0]);

    /** One entry on its way into a log: its index fields, locator and, in memory, its row. */
    record Row(long id, long micros, int event, long actor, long target, long targetUser, long locator,
               String ip, String data) {
        static Row of(AuditEntry e, long locator) {
            boolean memory = locator == IN_MEMORY;
            return new Row(e.id(), e.createdMicros(), e.event(), e.actorId(), e.targetObject(), e.targetUserId(),
                    locator, memory ? e.ipAddress() : null, memory ? e.data() : null);
        }

        static int compare(Row a, Row b) {
            int c = Long.compare(a.micros, b.micros);
            return c != 0 ? c : Long.compare(a.id, b.id);
        }
    }

    /** Parallel columns, ascending by (micros, id); {@code ips} and {@code data} only when a row is in memory. */
    record Chunk(long[] ids, long[] micros, int[] events, long[] actors, long[] targets, long[] targetUsers,
                 long[] locators, String[] ips, String[] data) {
        int size() {
            return ids.length;
        }

        static Chunk of(Row[] rows, int from, int to) {
            int n = to - from;
            boolean memory = false;
            for (int i = from; i < to; i++) {
                memory |= rows[i].locator == IN_MEMORY;
            }
            Chunk c = new Chunk(new long[n], new long[n], new int[n], new long[n], new long[n], new long[n],
                    new long[n], memory ? new String[n] : null, memory ? new String[n] : null);
            for (int i = 0; i < n; i++) {
                c.set(i, rows[from + i]);
            }
            return c;
        }

        /** This chunk's rows, then {@code rows[from..to)}: columns copied, no row objects made. */
        Chunk plus(Row[] rows, int from, int to) {
            int n = size();
            int m = n + to - from;
            boolean memory = ips != null;
            for (int i = from; i < to; i++) {
                memory |= rows[i].locator == IN_MEMORY;
            }
            Chunk c = new Chunk(Arrays.copyOf(ids, m), Arrays.copyOf(micros, m), Arrays.copyOf(events, m),
                    Arrays.copyOf(actors, m), Arrays.copyOf(targets, m), Arrays.copyOf(targetUsers, m),
                    Arrays.copyOf(locators, m), !memory ? null : ips == null ? new String[m] : Arrays.copyOf(ips, m),
                    !memory ? null : data == null ? new String[m] : Arrays.copyOf(data, m));
            for (int i = from; i < to; i++) {
                c.set(n + i - from, rows[i]);
            }
            return c;
        }

        private void set(int i, Row r) {
            ids[i] = r.id;
            micros[i] = r.micros;
            events[i] = r.event;
            actors[i] = r.actor;
            targets[i] = r.target;
            targetUsers[i] = r.targetUser;
            locators[i] = r.locator;
            if (ips != null) {
                ips[i] = r.ip;
                data[i] = r.data;
            }
        }

        Row row(int i) {
            return new Row(ids[i], micros[i], events[i], actors[i], targets[i], targetUsers[i], locators[i],
                    ips == null ? null : ips[i], data == null ? null : data[i]);
        }

        AuditEntry entry(long orgId, int i, AuditRows rows) {
            if (locators[i] == IN_MEMORY) {
                return new AuditEntry(ids[i], orgId, events[i], actors[i], ips[i], targets[i], targetUsers[i], data[i],
                        micros[i]);
            }
            AuditEntry onDisk = rows.read(locators[i], ids[i], orgId);
            return new AuditEntry(ids[i], orgId, events[i], actors[i], onDisk.ipAddress(), targets[i], targetUsers[i],
                    onDisk.data(), micros[i]);
        }

        boolean inMemory() {
            return ips != null;
        }
    }

    private final Chunk[] chunks;
    private final int[] ends; // ends[c] = rows in chunks 0..c

    private AuditLog(Chunk[] chunks, int[] ends) {
        this.chunks = chunks;
        this.ends = ends;
    }

    /** A log of these chunks, already in order (a snapshot's index). */
    static AuditLog ofChunks(Chunk[] chunks) {
        return new AuditLog(chunks, ends(chunks));
    }

    int size() {
        return ChunkEnds.size(ends);
    }

    AuditEntry get(long orgId, int index, AuditRows rows) {
        int c = chunkOf(index);
        return chunks[c].entry(orgId, index - start(c), rows);
    }

    Row row(int index) {
        int c = chunkOf(index);
        return chunks[c].row(index - start(c));
    }

    long micros(int index) {
        int c = chunkOf(index);
        return chunks[c].micros[index - start(c)];
    }

    long id(int index) {
        int c = chunkOf(index);
        return chunks[c].ids[index - start(c)];
    }

    /**
     * The rows {@code q} selects, in its order; only those are read from disk. The bound is found
     * by binary search; from there the filters (event, actor) walk the columns chunk by chunk.
     */
    List<AuditEntry> query(long orgId, AuditQuery q, AuditRows rows) {
        List<AuditEntry> out = new ArrayList<>(Math.min(q.limit(), 128));
        int skip = q.offset();
        if (q.ascending()) {
            long from = Math.max(q.bound(), q.fromMicros());
            int i = from == Long.MIN_VALUE ? 0 : countAtMost(from - 1);
            for (int c = i < size() ? chunkOf(i) : chunks.length, j = i - (c < chunks.length ? start(c) : 0);
                 c < chunks.length && out.size() < q.limit(); c++, j = 0) {
                Chunk chunk = chunks[c];
                for (; j < chunk.size() && out.size() < q.limit(); j++) {
                    if (chunk.micros[j] > q.toMicros()) {
                        return out;
                    }
                    if (matches(q, chunk, j) && skip-- <= 0) {
                        out.add(chunk.entry(orgId, j, rows));
                    }
                }
            }
        } else {
            int i = countAtMost(Math.min(q.bound(), q.toMicros())) - 1;
            for (int c = i >= 0 ? chunkOf(i) : -1, j = i - (c >= 0 ? start(c) : 0);
                 c >= 0 && out.size() < q.limit(); c--, j = c >= 0 ? chunks[c].size() - 1 : 0) {
                Chunk chunk = chunks[c];
                for (; j >= 0 && out.size() < q.limit(); j--) {
                    if (chunk.micros[j] < q.fromMicros()) {
                        return out;
                    }
                    if (matches(q, chunk, j) && skip-- <= 0) {
                        out.add(chunk.entry(orgId, j, rows));
                    }
                }
            }
        }
        return out;
    }

    private static boolean matches(AuditQuery q, Chunk c, int j) {
        return (q.event() == 0 || c.events[j] == q.event()) && (q.actorId() == 0 || c.actors[j] == q.actorId());
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
    AuditLog with(Row[] added, int count) {
        if (count == 0) {
            return this;
        }
        Row[] sorted = Arrays.copyOf(added, count);
        Arrays.sort(sorted, Row::compare);
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
        Row[] tail = new Row[n - from + count];
        for (int i = from; i < n; i++) {
            tail[i - from] = row(i);
        }
        System.arraycopy(sorted, 0, tail, n - from, count);
        Arrays.sort(tail, Row::compare);
        int more = (tail.length + MAX_CHUNK - 1) / MAX_CHUNK;
        Chunk[] out = Arrays.copyOf(chunks, keep + more);
        for (int c = 0; c < more; c++) {
            out[keep + c] = Chunk.of(tail, c * MAX_CHUNK, Math.min(tail.length, (c + 1) * MAX_CHUNK));
        }
        return new AuditLog(out, ends(out));
    }

    /** Rows that all sort after the last one: the last chunk filled up, then new chunks. */
    private AuditLog appended(Row[] sorted) {
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

    /** This log without its rows from before {@code micros}: the chunks after the cut are shared. */
    AuditLog withoutBefore(long micros) {
        int drop = countAtMost(micros - 1);
        if (drop == 0) {
            return this;
        }
        if (drop == size()) {
            return EMPTY;
        }
        int c = chunkOf(drop);
        int from = drop - start(c);
        Chunk[] out = Arrays.copyOfRange(chunks, c, chunks.length);
        if (from > 0) {
            Row[] rest = new Row[chunks[c].size() - from];
            for (int i = 0; i < rest.length; i++) {
                rest[i] = chunks[c].row(from + i);
            }
            out[0] = Chunk.of(rest, 0, rest.length);
        }
        return new AuditLog(out, ends(out));
    }

    /** This log without the entries of these ids. */
    AuditLog without(java.util.Set<Long> ids) {
        List<Row> kept = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            if (!ids.contains(id(i))) {
                kept.add(row(i));
            }
        }
        Row[] rows = kept.toArray(Row[]::new);
        int more = (rows.length + MAX_CHUNK - 1) / MAX_CHUNK;
        Chunk[] out = new Chunk[more];
        for (int c = 0; c < more; c++) {
            out[c] = Chunk.of(rows, c * MAX_CHUNK, Math.min(rows.length, (c + 1) * MAX_CHUNK));
        }
        return new AuditLog(out, ends(out));
    }

    /** This log with every row held in memory appended to {@code sink}; chunks already on disk are shared. */
    AuditLog onDisk(long orgId, AuditRowSink sink) {
        Chunk[] out = null;
        for (int c = 0; c < chunks.length; c++) {
            Chunk chunk = chunks[c];
            if (!chunk.inMemory()) {
                continue;
            }
            Row[] rows = new Row[chunk.size()];
            for (int i = 0; i < rows.length; i++) {
                Row r = chunk.row(i);
                if (r.locator == IN_MEMORY) {
                    long at = sink.place(new AuditEntry(r.id, orgId, r.event, r.actor, r.ip, r.target, r.targetUser,
                            r.data, r.micros));
                    r = new Row(r.id, r.micros, r.event, r.actor, r.target, r.targetUser, at, null, null);
                    if (at == IN_MEMORY) {
                        return this; // the sink keeps rows in memory: nothing to move
                    }
                }
                rows[i] = r;
            }
            if (out == null) {
                out = chunks.clone();
            }
            out[c] = Chunk.of(rows, 0, rows.length);
        }
        return out == null ? this : new AuditLog(out, ends);
    }

    /** Every row's index fields in order, for a snapshot's index and for bulk reads. */
    List<Chunk> chunks() {
        return List.of(chunks);
    }

    /** The number of rows that sort before {@code r}. */
    private int countBefore(Row r) {
        int lo = 0, hi = size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(r, micros(mid), id(mid)) > 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int compare(Row a, long micros, long id) {
        int c = Long.compare(a.micros, micros);
        return c != 0 ? c : Long.compare(a.id, id);
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
