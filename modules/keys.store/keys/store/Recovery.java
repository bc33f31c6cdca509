package keys.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a data directory into a state, read-only; {@link Store#open} then acts on the result
 * (cut the torn tail, delete what is superseded) and {@link Store#check} only reports it.
 *
 * <p>The recovery rule, which makes a crash between any two steps of a compaction harmless:
 * <ol>
 * <li>Temp files ({@code *.tmp}) are ignored and removed: nothing was renamed to a real name
 *     before it was complete and synced.
 * <li>The newest snapshot wins; it must be complete (it was synced before being named), so damage
 *     in it is corruption. Older snapshots are superseded.
 * <li>Log segments, in order of their first seq: a segment followed by another that starts at or
 *     before snapshot seq + 1 holds only records the snapshot covers and is superseded unread.
 *     Records up to the snapshot's seq are skipped; the rest must run on without gaps or overlaps
 *     from snapshot seq + 1.
 * <li>Only the newest segment may end torn: a segment is synced before the next one is started.
 * </ol>
 */
final class Recovery {

    /**
     * What a directory holds. {@code active} is null when no segment holds records past the
     * snapshot. The state reads its audit rows on disk through {@code rows} (which the caller
     * closes); the entries of replayed records hold theirs in memory. {@code auditEnd}: the
     * snapshot's, 0 for none.
     */
    record Result(State state, long lastSeq, DataDir.Numbered snapshot, long replayed,
                  DataDir.Numbered active, long activeEnd, TornTailException torn,
                  List<Path> superseded, List<Path> temps, long auditEnd, AuditRows rows) {

        long snapshotSeq() {
            return snapshot == null ? 0 : snapshot.number();
        }
    }

    /** What opening for writing made of a scanned directory: its state now has every audit row on disk. */
    record Opened(Segment segment, TailRepair repair, AuditRowWriter auditRows, State state) {
    }

    private Recovery() {
    }

    /**
     * Makes a scanned directory ready for appends: removes temp files, cuts the torn tail, starts
     * or resumes the active segment, and only then deletes what the snapshot supersedes, so a crash
     * anywhere in here just leads to the same recovery next time. The audit rows of the replayed
     * records are appended again where the snapshot's rows end ({@link AuditRowWriter}).
     */
    static Opened finish(Path dir, Result r, StoreOptions options) throws IOException {
        LogChannelFactory io = options.channels();
        for (Path temp : r.temps()) {
            Files.deleteIfExists(temp);
        }
        TailRepair repair = r.torn() == null ? null : LogRepair.cut(r.torn());
        Segment segment = r.active() == null
                ? Segment.create(dir, r.lastSeq() + 1, io)
                : Segment.resume(r.active().file(), r.active().number(), r.activeEnd(), io);
        try {
            // The scan may have read records a killed process appended but never synced (they sit
            // in the page cache). They become visible as soon as the store opens, so make them
            // durable first: readers only ever see what a power loss cannot take back.
            segment.channel().force();
            for (Path old : r.superseded()) {
                Files.deleteIfExists(old);
            }
            if (!r.superseded().isEmpty() || !r.temps().isEmpty()) {
                io.syncDirectory(dir);
            }
        } catch (IOException | RuntimeException e) {
            segment.close();
            throw e;
        }
        AuditRowWriter rows = null;
        try {
            rows = AuditRowWriter.resume(dir, r.auditEnd(), io, options.auditFileBytes());
            r.rows().forgetFrom(r.auditEnd() == 0 ? 1 : AuditRowFile.file(r.auditEnd()));
            State state = r.state().withAuditRowsOnDisk(rows);
            return new Opened(segment, repair, rows, state);
        } catch (IOException | RuntimeException e) {
            segment.close();
            if (rows != null) {
                rows.close();
            }
            throw e;
        }
    }

    static Result scan(Path dir) throws IOException {
        return scan(dir, DataDir.snapshots(dir), DataDir.logs(dir));
    }

    /**
     * As {@link #scan(Path)}, over listings the caller made: a backup compares them with a later
     * listing, a repair leaves damaged snapshots out of them.
     */
    static Result scan(Path dir, List<DataDir.Numbered> snapshots, List<DataDir.Numbered> logs) throws IOException {
        AuditRows rows = AuditRows.open(dir);
        try {
            return scan(dir, snapshots, logs, rows);
        } catch (IOException | RuntimeException e) {
            rows.close();
            throw e;
        }
    }

    private static Result scan(Path dir, List<DataDir.Numbered> snapshots, List<DataDir.Numbered> logs, AuditRows rows)
            throws IOException {
        List<Path> superseded = new ArrayList<>();
        DataDir.Numbered snapshot = null;
        State base = State.empty().withAuditRows(rows);
        long auditEnd = 0;
        if (!snapshots.isEmpty()) {
            snapshot = snapshots.getLast();
            SnapshotFile.Loaded loaded = SnapshotFile.read(snapshot.file(), snapshot.number(), rows);
            base = loaded.state();
            auditEnd = loaded.auditEnd();
            snapshots.subList(0, snapshots.size() - 1).forEach(s -> superseded.add(s.file()));
        }
        long snapSeq = snapshot == null ? 0 : snapshot.number();
        StateBuilder builder = new StateBuilder(base);
        long next = snapSeq + 1;
        long lastSeq = snapSeq;
        long replayed = 0;
        boolean readAny = false;
        DataDir.Numbered active = null;
        long activeEnd = 0;
        TornTailException torn = null;
        for (int i = 0; i < logs.size(); i++) {
            DataDir.Numbered log = logs.get(i);
            boolean newest = i == logs.size() - 1;
            if (!newest && logs.get(i + 1).number() <= snapSeq + 1) {
                superseded.add(log.file());
                continue;
            }
            if (log.number() > next) {
                throw new StoreCorruptException(log.file(), 0, "records " + next + ".." + (log.number() - 1)
                        + " are missing: the segment starts at " + log.number());
            }
            if (readAny && log.number() < next) {
                throw new StoreCorruptException(log.file(), 0, "segment starts at " + log.number()
                        + " but the previous one already reaches " + (next - 1));
            }
            readAny = true;
            TornTailException tornHere = null;
            long end;
            long fileLast;
            try (LogDecoder d = LogDecoder.open(log.file(), LogFormat.LOG_MAGIC, log.number());
                 ChunkDecoder records = new ChunkDecoder(log.file(), builder)) {
                try {
                    for (LogDecoder.Frame f; (f = d.next()) != null; ) {
                        if (f.seq() > snapSeq) {
                            records.add(f);
                            replayed++;
                        }
                    }
                    records.finish();
                } catch (TornTailException t) {
                    records.finish(); // a record before the tear that does not decode is corruption, not a tear
                    if (!newest) {
                        throw new StoreCorruptException(t.file(), t.offset(), t.reason() + " in a segment that is not the"
                                + " newest; segments are synced before the next starts, so this is not a crash");
                    }
                    tornHere = t;
                } catch (StoreCorruptException e) {
                    records.finish(); // as read without decoding ahead: the first damage is the one reported
                    throw e;
                }
                end = d.goodEnd();
                fileLast = d.lastSeq();
            }
            lastSeq = Math.max(lastSeq, fileLast);
            next = Math.max(next, fileLast + 1);
            if (newest) {
                if (fileLast <= snapSeq && log.number() <= snapSeq) {
                    superseded.add(log.file()); // everything in it is in the snapshot, torn tail or not
                } else {
                    active = log;
                    activeEnd = end;
                    torn = tornHere;
                }
            }
        }
        return new Result(builder.build(), lastSeq, snapshot, replayed, active, activeEnd, torn, superseded,
                DataDir.temps(dir), auditEnd, rows);
    }
}
