package keys.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a repair would throw away, read as leniently as possible from the bytes it cuts: every
 * frame whose checksum still holds is counted and its changes named (by type and id); the bytes
 * that read as no frame at all are counted as unreadable. Only records after the snapshot count:
 * the ones before it are in the snapshot and lose nothing.
 */
final class DroppedRecords {
    /** Bytes of one file from {@code from} on; {@code lastSeq} is the seq before its first frame. */
    record Region(Path file, long from, long lastSeq) {
    }

    long records;
    long undecodable;
    /** Records whose seqs the readable ones skip, plus one for damage with no readable record after it. */
    long damagedRecords;
    long unreadableBytes;
    long firstSeq = -1;
    long lastSeq = -1;
    /** "put key" → ids, in the order met. */
    final Map<String, List<Long>> objects = new LinkedHashMap<>();

    private final long snapshotSeq;

    private DroppedRecords(long snapshotSeq) {
        this.snapshotSeq = snapshotSeq;
    }

    static DroppedRecords read(List<Region> regions, long snapshotSeq) throws IOException {
        DroppedRecords d = new DroppedRecords(snapshotSeq);
        for (Region r : regions) {
            try (FileChannel ch = FileChannel.open(r.file(), StandardOpenOption.READ)) {
                d.salvage(new FileWindow(ch, ch.size()), Math.max(r.from(), LogFormat.HEADER_BYTES), r.lastSeq());
            }
        }
        return d;
    }

    private void salvage(FileWindow w, long from, long last) throws IOException {
        long skipped = 0;
        for (long pos = from; pos < w.size(); ) {
            long end = frameEnd(w, pos, last, 1 + skipped / LogFormat.FRAME_HEADER_BYTES);
            if (end < 0) {
                skipped++;
                pos++;
                continue;
            }
            unreadableBytes += skipped;
            skipped = 0;
            long seq = w.int64(pos + 8);
            for (long missing = last + 1; missing < seq; missing++) {
                damaged(missing);
            }
            record(seq, w.bytes(pos + LogFormat.FRAME_HEADER_BYTES, (int) (end - pos - LogFormat.FRAME_HEADER_BYTES)));
            last = seq;
            pos = end;
        }
        unreadableBytes += skipped;
        if (skipped > 0) {
            damaged(last + 1); // at least the record that starts in them
        }
    }

    private void damaged(long seq) {
        if (seq > snapshotSeq) {
            damagedRecords++;
            seen(seq);
        }
    }

    private void seen(long seq) {
        firstSeq = firstSeq < 0 ? seq : Math.min(firstSeq, seq);
        lastSeq = Math.max(lastSeq, seq);
    }

    /**
     * The end of a frame at {@code p} whose checksum holds and whose seq lies after {@code last}
     * by at most {@code maxStep} (only so many records fit in the bytes skipped: any other seq is
     * noise, rejected before a checksum over up to 64 MiB is paid at every offset), else -1.
     */
    private static long frameEnd(FileWindow w, long p, long last, long maxStep) throws IOException {
        long size = w.size();
        if (p > size - LogFormat.FRAME_HEADER_BYTES) {
            return -1;
        }
        int len = w.int32(p);
        if (len < 0 || len > LogFormat.MAX_PAYLOAD || len > size - p - LogFormat.FRAME_HEADER_BYTES) {
            return -1;
        }
        long seq = w.int64(p + 8);
        if (seq <= last || seq - last > maxStep) {
            return -1;
        }
        byte[] payload = w.bytes(p + LogFormat.FRAME_HEADER_BYTES, len);
        return LogFormat.crc(seq, payload, 0, len) == w.int32(p + 4) ? p + LogFormat.FRAME_HEADER_BYTES + len : -1;
    }

    private void record(long seq, byte[] payload) {
        if (seq <= snapshotSeq) {
            return;
        }
        records++;
        seen(seq);
        try {
            for (Change c : ChangeCodec.decode(payload).changes()) {
                name(c);
            }
        } catch (PayloadFormatException e) {
            undecodable++;
        }
    }

    private void name(Change c) {
        switch (c) {
            case Change.PutOrganization(var o) -> add("put organization", o.id());
            case Change.DeleteOrganization(long id) -> add("delete organization", id);
            case Change.PutTeam(var t) -> add("put team", t.id());
            case Change.DeleteTeam(long id) -> add("delete team", id);
            case Change.PutProject(var p) -> add("put project", p.id());
            case Change.DeleteProject(long id) -> add("delete project", id);
            case Change.PutUser(var u) -> add("put user", u.id());
            case Change.DeleteUser(long id) -> add("delete user", id);
            case Change.PutMember(var m) -> add("put member", m.id());
            case Change.DeleteMember(long id) -> add("delete member", id);
            case Change.PutToken(var t) -> add("put token", t.id());
            case Change.DeleteToken(long id) -> add("delete token", id);
            case Change.PutKey(var k) -> add("put key", k.id());
            case Change.DeleteKey(long projectId, long id) -> add("delete key", id);
            case Change.PutAudit(var a) -> add("put audit entry", a.id());
            case Change.DropAuditBefore(long micros) -> add("audit retention cut at micros", micros);
        }
    }

    private void add(String what, long id) {
        objects.computeIfAbsent(what, k -> new ArrayList<>()).add(id);
    }

    /** Lines for a person: the counts, then one line per kind of change with its ids. */
    void describe(StringBuilder sb) {
        long total = records + damagedRecords;
        if (total == 0) {
            sb.append("  drops no record after the snapshot");
        } else {
            sb.append("  drops ").append(total).append(total == 1 ? " record" : " records").append(" (seq ")
                    .append(firstSeq).append(firstSeq == lastSeq ? "" : ".." + lastSeq).append("): ")
                    .append(records).append(" readable, listed below");
            if (undecodable > 0) {
                sb.append(" (").append(undecodable).append(" of them undecodable)");
            }
            sb.append(", and ").append(damagedRecords).append(" damaged");
        }
        if (unreadableBytes > 0) {
            sb.append(" (").append(unreadableBytes).append(" bytes that read as no record)");
        }
        sb.append('\n');
        objects.forEach((what, ids) -> {
            StringJoiner j = new StringJoiner(", ", "    " + what + ": ", "\n");
            ids.forEach(id -> j.add(Long.toString(id)));
            sb.append(j);
        });
    }
}
