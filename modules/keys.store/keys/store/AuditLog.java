package keys.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import keys.domain.AuditEntry;

/**
 * One organization's audit index, immutable, ascending by (time, id): the fixed-width fields the
 * endpoint filters and sorts by, plus a locator of the row that holds the rest ({@link
 * AuditRowFile}), as columns of primitives in chunks of at most {@link #MAX_CHUNK} rows. The
 * chunks are sealed but the last, the tail, which rows sorting after every other are appended to
 * in place: a log sees only the first {@code size} rows of its tail, and only the log that first
 * reaches a size may write past it ({@link Chunk#claimed}), so a log and every log made from it
 * share all columns, and an append copies nothing (a branch, a backdated entry, copies the tail or
 * the chunks from its place on). About 52 bytes per entry. A row not (yet) on disk (an in-memory
 * store, the replayed tail of a read-only scan) has the locator {@link #IN_MEMORY} and its address
 * and data in the chunk. Only a page's rows ever become {@link AuditEntry} objects.
 */
final class AuditLog {
    static final int MAX_CHUNK = 256;
    static final long IN_MEMORY = -1;
    static final AuditLog EMPTY = new AuditLog(new Chunk[0], new int[0], Chunk.NONE);
    /** The room a new tail starts with: small, as most organizations have few entries. */
    private static final int FIRST_ROOM = 8;

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

    /**
     * Parallel columns, ascending by (micros, id), of which the first {@code size} rows are this
     * chunk's; {@code ips} and {@code data} only when a row is in memory. A tail's columns have room
     * past {@code size}; {@code claimed} (shared by every chunk on the same columns, null when
     * nothing may be appended) counts the rows written, and whoever moves it on owns those slots.
     */
    record Chunk(long[] ids, long[] micros, int[] events, long[] actors, long[] targets, long[] targetUsers,
                 long[] locators, String[] ips, String[] data, int size, AtomicInteger claimed) {
        static final Chunk NONE = new Chunk(new long[0], new long[0], new int[0], new long[0], new long[0],
                new long[0], new long[0], null, null);

        /** A sealed chunk of exactly these columns. */
        Chunk(long[] ids, long[] micros, int[] events, long[] actors, long[] targets, long[] targetUsers,
              long[] locators, String[] ips, String[] data) {
            this(ids, micros, events, actors, targets, targetUsers, locators, ips, data, ids.length, null);
        }

        static Chunk of(Row[] rows, int from, int to) {
            int n = to - from;
            boolean memory = anyInMemory(rows, from, to);
            Chunk c = new Chunk(new long[n], new long[n], new int[n], new long[n], new long[n], new long[n],
                    new long[n], memory ? new String[n] : null, memory ? new String[n] : null);
            for (int i = 0; i < n; i++) {
                c.set(i, rows[from + i]);
            }
            return c;
        }

        /**
         * This chunk's rows, then {@code rows[from..to)}, at most {@link #MAX_CHUNK} in all: written
         * into the room past {@code size} when this chunk is the first to claim it, else into
         * copied columns with room to grow (doubling, so a tail costs each row O(1) copies).
         */
        Chunk extended(Row[] rows, int from, int to) {
            int n = size;
            int m = n + to - from;
            boolean memory = anyInMemory(rows, from, to);
            Chunk c;
            if (claimed != null && m <= ids.length && (ips != null || !memory) && claimed.compareAndSet(n, m)) {
                c = new Chunk(ids, micros, events, actors, targets, targetUsers, locators, ips, data, m, claimed);
            } else {
                int room = Math.min(MAX_CHUNK, Math.max(m, Math.max(2 * n, FIRST_ROOM)));
                boolean strings = memory || ips != null;
                c = new Chunk(Arrays.copyOf(ids, room), Arrays.copyOf(micros, room), Arrays.copyOf(events, room),
                        Arrays.copyOf(actors, room), Arrays.copyOf(targets, room), Arrays.copyOf(targetUsers, room),
                        Arrays.copyOf(locators, room), strings ? copyOf(ips, room) : null,
                        strings ? copyOf(data, room) : null, m, new AtomicInteger(m));
            }
            for (int i = from; i < to; i++) {
                c.set(n + i - from, rows[i]);
            }
            return c;
        }

        /** Exactly this chunk's rows, for readers of whole columns (snapshots, retention). */
        Chunk trimmed() {
            if (size == ids.length) {
                return this;
            }
            return new Chunk(Arrays.copyOf(ids, size), Arrays.copyOf(micros, size), Arrays.copyOf(events, size),
                    Arrays.copyOf(actors, size), Arrays.copyOf(targets, size), Arrays.copyOf(targetUsers, size),
                    Arrays.copyOf(locators, size), ips == null ? null : Arrays.copyOf(ips, size),
                    data == null ? null : Arrays.copyOf(data, size));
        }

        private static String[] copyOf(String[] strings, int room) {
            return strings == null ? new String[room] : Arrays.copyOf(strings, room);
        }

        private static boolean anyInMemory(Row[] rows, int from, int to) {
            for (int i = from; i < to; i++) {
                if (rows[i].locator == IN_MEMORY) {
                    return true;
                }
            }
            return false;
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

    private final Chunk[] chunks; // sealed
    private final int[] ends; // ends[c] = rows in sealed chunks 0..c
    private final Chunk tail;

    private AuditLog(Chunk[] chunks, int[] ends, Chunk tail) {
        this.chunks = chunks;
        this.ends = ends;
        this.tail = tail;
    }

    /** A log of these chunks, already in order (a snapshot's index); a last chunk not full becomes the tail. */
    static AuditLog ofChunks(Chunk[] chunks) {
        int n = chunks.length;
        if (n > 0 && chunks[n - 1].size() < MAX_CHUNK) {
            Chunk[] sealed = Arrays.copyOf(chunks, n - 1);
            return new AuditLog(sealed, ends(sealed), chunks[n - 1]);
        }
        return new AuditLog(chunks, ends(chunks), Chunk.NONE);
    }

    /** A log of these rows, in order, after the sealed chunks {@code kept}. */
    private static AuditLog of(Chunk[] kept, Row[] rows) {
        int full = rows.length / MAX_CHUNK;
        Chunk[] sealed = Arrays.copyOf(kept, kept.length + full);
        for (int c = 0; c < full; c++) {
            sealed[kept.length + c] = Chunk.of(rows, c * MAX_CHUNK, (c + 1) * MAX_CHUNK);
        }
        Chunk tail = full * MAX_CHUNK == rows.length ? Chunk.NONE : Chunk.of(rows, full * MAX_CHUNK, rows.length);
        return new AuditLog(sealed, ends(sealed), tail);
    }

    int size() {
        return sealedSize() + tail.size();
    }

    AuditEntry get(long orgId, int index, AuditRows rows) {
        int c = chunkOf(index);
        return chunk(c).entry(orgId, index - start(c), rows);
    }

    Row row(int index) {
        int c = chunkOf(index);
        return chunk(c).row(index - start(c));
    }

    long micros(int index) {
        int c = chunkOf(index);
        return chunk(c).micros[index - start(c)];
    }

    long id(int index) {
        int c = chunkOf(index);
        return chunk(c).ids[index - start(c)];
    }

    /**
     * The rows {@code q} selects, in its order; only those are read from disk. The bound is found
     * by binary search; from there the filters (event, actor) walk the columns chunk by chunk.
     */
    List<AuditEntry> query(long orgId, AuditQuery q, AuditRows rows) {
        List<AuditEntry> out = new ArrayList<>(Math.min(q.limit(), 128));
        int skip = q.offset();
        int count = chunks.length + 1;
        if (q.ascending()) {
            long from = Math.max(q.bound(), q.fromMicros());
            int i = from == Long.MIN_VALUE ? 0 : countAtMost(from - 1);
            for (int c = i < size() ? chunkOf(i) : count, j = i - (c < count ? start(c) : 0);
                 c < count && out.size() < q.limit(); c++, j = 0) {
                Chunk chunk = chunk(c);
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
                 c >= 0 && out.size() < q.limit(); c--, j = c >= 0 ? chunk(c).size() - 1 : 0) {
                Chunk chunk = chunk(c);
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
     * This log with {@code added} merged in. Rows that sort after every other (time moving on, the
     * usual case) go into the tail; a backdated one rebuilds the chunks from its place on, sharing
     * those before it.
     */
    AuditLog with(Row[] added, int count) {
        if (count == 0) {
            return this;
        }
        Row[] sorted = Arrays.copyOf(added, count);
        Arrays.sort(sorted, Row::compare);
        int n = size();
        if (n == 0 || compare(sorted[0], micros(n - 1), id(n - 1)) > 0) {
            return appended(sorted);
        }
        int at = countBefore(sorted[0]);
        int keep = at == 0 ? 0 : Math.min(chunkOf(at - 1), chunks.length);
        int from = start(keep);
        Row[] rest = new Row[n - from + count];
        for (int i = from; i < n; i++) {
            rest[i - from] = row(i);
        }
        System.arraycopy(sorted, 0, rest, n - from, count);
        Arrays.sort(rest, Row::compare);
        return of(Arrays.copyOf(chunks, keep), rest);
    }

    /** Rows that all sort after the last one: into the tail, sealing it each time it fills. */
    private AuditLog appended(Row[] sorted) {
        Chunk[] sealed = chunks;
        int[] sealedEnds = ends;
        Chunk t = tail;
        for (int i = 0; i < sorted.length; ) {
            if (t.size() == MAX_CHUNK) {
                int before = ChunkEnds.size(sealedEnds);
                sealed = Arrays.copyOf(sealed, sealed.length + 1);
                sealed[sealed.length - 1] = t;
                sealedEnds = Arrays.copyOf(sealedEnds, sealed.length);
                sealedEnds[sealed.length - 1] = before + MAX_CHUNK;
                t = Chunk.NONE;
            }
            int k = Math.min(sorted.length - i, MAX_CHUNK - t.size());
            t = t.extended(sorted, i, i + k);
            i += k;
        }
        return new AuditLog(sealed, sealedEnds, t);
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
        if (c == chunks.length) {
            return of(new Chunk[0], rows(drop, size()));
        }
        Chunk[] out = Arrays.copyOfRange(chunks, c, chunks.length);
        if (drop > start(c)) {
            out[0] = Chunk.of(rows(drop, ends[c]), 0, ends[c] - drop);
        }
        return new AuditLog(out, ends(out), tail);
    }

    /** This log without the entries of these ids. */
    AuditLog without(java.util.Set<Long> ids) {
        List<Row> kept = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            if (!ids.contains(id(i))) {
                kept.add(row(i));
            }
        }
        return of(new Chunk[0], kept.toArray(Row[]::new));
    }

    /** This log with every row held in memory appended to {@code sink}; chunks already on disk are shared. */
    AuditLog onDisk(long orgId, AuditRowSink sink) {
        Chunk[] out = chunks;
        Chunk newTail = tail;
        for (int c = 0; c <= chunks.length; c++) {
            Chunk chunk = chunk(c);
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
            if (c == chunks.length) {
                newTail = Chunk.of(rows, 0, rows.length);
            } else {
                out = out == chunks ? chunks.clone() : out;
                out[c] = Chunk.of(rows, 0, rows.length);
            }
        }
        return out == chunks && newTail == tail ? this : new AuditLog(out, ends, newTail);
    }

    /** Every row's index fields in order, for a snapshot's index and for bulk reads. */
    List<Chunk> chunks() {
        List<Chunk> out = new ArrayList<>(chunks.length + 1);
        for (Chunk c : chunks) {
            out.add(c.trimmed());
        }
        if (tail.size() > 0) {
            out.add(tail.trimmed());
        }
        return out;
    }

    private Row[] rows(int from, int to) {
        Row[] out = new Row[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = row(i);
        }
        return out;
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

    /** Chunk {@code c}, the tail being the one after the sealed chunks. */
    private Chunk chunk(int c) {
        return c < chunks.length ? chunks[c] : tail;
    }

    private int sealedSize() {
        return ChunkEnds.size(ends);
    }

    private int start(int chunk) {
        return chunk < chunks.length ? ChunkEnds.start(ends, chunk) : sealedSize();
    }

    private int chunkOf(int index) {
        if (index >= sealedSize() && index < size()) {
            return chunks.length;
        }
        return ChunkEnds.chunkOf(ends, index);
    }

    private static int[] ends(Chunk[] chunks) {
        return ChunkEnds.of(chunks.length, c -> chunks[c].size());
    }
}
