package keys.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A snapshot: the live state after record {@code seq}, in the log's framing (magic KEYSNAP).
 * Frame 0 is a meta record (seq covered, lastId, from format 2 lastAuditId, from format 3 the
 * audit rows' end {@link AuditRowWriter#end()}), frames 1..n carry the state's changes in chunks
 * and, from format 3, its audit index ({@link AuditIndexBlock}: the rows stay in their files), and
 * a last end record gives the count of frames and changes (and index rows): a snapshot without it
 * is incomplete. Formats 1 and 2 carried audit entries whole, as changes; they still read. It is written to a temp file, synced, then renamed, so a complete name always
 * means a complete file; a damaged one is therefore corruption, never a torn write.
 */
final class SnapshotFile {
    private static final int KIND_META = 1;
    private static final int KIND_CHANGES = 2;
    private static final int KIND_END = 3;
    private static final int FORMAT = 3;
    /** The format 0.1.0 wrote: no audit id counter. */
    private static final int FORMAT_0_1 = 1;
    /** Audit entries whole among the changes, no row files. */
    private static final int FORMAT_AUDIT_IN_SNAPSHOT = 2;
    private static final int CHUNK_CHANGES = 4096;
    private static final int CHUNK_BYTES = LogFormat.MAX_PAYLOAD / 4;

    /** A snapshot read back. */
    record Loaded(long seq, State state, long changes, long auditEnd) {
    }

    private SnapshotFile() {
    }

    /**
     * Writes {@code snapshot-<seq>.snap} atomically and syncs the directory. Every audit row of
     * {@code state} must be on disk, below {@code auditEnd}, and synced.
     */
    static Path write(Path dir, long seq, State state, long auditEnd, LogChannelFactory io, CompactionHook hook)
            throws IOException {
        Path target = dir.resolve(DataDir.snapshotName(seq));
        Path temp = dir.resolve(target.getFileName() + DataDir.TEMP_SUFFIX);
        Files.deleteIfExists(temp);
        List<Change> changes = state.asChangesWithoutAudit();
        List<byte[]> index = AuditIndexBlock.frames(state);
        try (LogChannel ch = io.create(temp)) {
            LogEncoder enc = LogEncoder.start(ch, LogFormat.SNAPSHOT_MAGIC);
            PayloadWriter meta = new PayloadWriter(32);
            meta.u8(KIND_META);
            meta.u8(FORMAT);
            meta.varLong(seq);
            meta.varLong(state.lastId());
            meta.varLong(state.lastAuditId());
            meta.varLong(auditEnd);
            long frameSeq = 0;
            enc.append(frameSeq++, meta.toByteArray());
            long chunks = 0;
            for (int from = 0; from < changes.size(); ) {
                int to = Math.min(changes.size(), from + CHUNK_CHANGES);
                byte[] payload = chunk(changes.subList(from, to));
                while (payload.length > CHUNK_BYTES && to - from > 1) {
                    to = from + (to - from) / 2; // a few huge records: fewer per chunk
                    payload = chunk(changes.subList(from, to));
                }
                enc.append(frameSeq++, payload);
                if (chunks++ == 0) {
                    hook.reached(CompactionHook.Step.SNAPSHOT_PARTIAL);
                }
                from = to;
            }
            long indexRows = 0;
            for (byte[] frame : index) {
                enc.append(frameSeq++, frame);
                chunks++;
            }
            for (AuditLog log : state.auditByOrg.values()) {
                indexRows += log.size();
            }
            PayloadWriter end = new PayloadWriter(24);
            end.u8(KIND_END);
            end.varLong(chunks);
            end.varLong(changes.size());
            end.varLong(indexRows);
            enc.append(frameSeq, end.toByteArray());
            ch.force();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        hook.reached(CompactionHook.Step.SNAPSHOT_SYNCED);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        hook.reached(CompactionHook.Step.SNAPSHOT_RENAMED);
        io.syncDirectory(dir);
        return target;
    }

    private static byte[] chunk(List<Change> changes) {
        byte[] body = ChangeCodec.encode(0, changes);
        byte[] out = new byte[body.length + 1];
        out[0] = KIND_CHANGES;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** Reads and checks a whole snapshot; any damage is a {@link StoreCorruptException}. */
    static Loaded read(Path file, long expectedSeq, AuditRows rows) throws IOException {
        // Each chunk is applied as soon as it is decoded (on a second core): its change objects
        // die young instead of a million of them being held (and copied by the GC) until the end.
        StateBuilder builder = new StateBuilder(State.empty().withAuditRows(rows));
        try (LogDecoder d = LogDecoder.open(file, LogFormat.SNAPSHOT_MAGIC, 0);
             ChunkDecoder decoder = new ChunkDecoder(file, builder)) {
            LogDecoder.Frame f = frame(d);
            if (f == null) {
                throw new StoreCorruptException(file, d.goodEnd(), "snapshot has no meta record");
            }
            PayloadReader meta = new PayloadReader(f.payload(), 0, f.payload().length);
            long seq;
            long lastId;
            long lastAuditId = 0;
            long auditEnd = 0;
            int format;
            try {
                expectKind(meta, KIND_META);
                format = meta.u8();
                if (format != FORMAT && format != FORMAT_AUDIT_IN_SNAPSHOT && format != FORMAT_0_1) {
                    throw new PayloadFormatException("snapshot format " + format + " (this release reads " + FORMAT + ")");
                }
                seq = meta.varLong();
                lastId = meta.varLong();
                if (format >= 2) {
                    lastAuditId = meta.varLong();
                }
                if (format >= 3) {
                    auditEnd = meta.varLong();
                }
            } catch (PayloadFormatException e) {
                throw new StoreCorruptException(file, f.offset(), e.getMessage());
            }
            if (seq != expectedSeq) {
                throw new StoreCorruptException(file, f.offset(), "snapshot covers seq " + seq + " but is named for "
                        + expectedSeq);
            }
            long changes = 0;
            AuditIndexBlock.Reader index = new AuditIndexBlock.Reader(auditEnd);
            long chunks = 0;
            while (true) {
                f = frame(d);
                if (f == null) {
                    throw new StoreCorruptException(file, d.goodEnd(), "snapshot ends without its end record");
                }
                byte[] p = f.payload();
                try {
                    if (p.length > 0 && p[0] == KIND_CHANGES) {
                        decoder.add(p, 1, f.offset());
                        chunks++;
                        continue;
                    }
                    // Chunks decoded ahead are applied before any later record is read, so the
                    // first damage in the file is the one reported.
                    changes = decoder.finish();
                    if (format >= 3 && p.length > 0 && p[0] == AuditIndexBlock.KIND) {
                        index.add(p);
                        chunks++;
                        continue;
                    }
                    PayloadReader end = new PayloadReader(p, 0, p.length);
                    expectKind(end, KIND_END);
                    long wantChunks = end.varLong();
                    long wantChanges = end.varLong();
                    long wantRows = format >= 3 ? end.varLong() : 0;
                    end.expectEnd();
                    if (wantRows != index.rows()) {
                        throw new PayloadFormatException("end record counts " + wantRows + " audit index rows, the file"
                                + " holds " + index.rows());
                    }
                    if (wantChunks != chunks || wantChanges != changes) {
                        throw new PayloadFormatException("end record counts " + wantChunks + " chunks and "
                                + wantChanges + " changes, the file holds " + chunks + " and " + changes);
                    }
                } catch (PayloadFormatException e) {
                    throw new StoreCorruptException(file, f.offset(), e.getMessage());
                }
                if (frame(d) != null) {
                    throw new StoreCorruptException(file, f.end(), "records after the end record");
                }
                break;
            }
            builder.raiseLastId(lastId);
            builder.raiseLastAuditId(lastAuditId);
            State state = builder.build();
            if (format >= 3) {
                state = state.withAuditLogs(index.logs());
            }
            return new Loaded(seq, state, changes, auditEnd);
        }
    }

    private static LogDecoder.Frame frame(LogDecoder d) throws IOException {
        try {
            return d.next();
        } catch (TornTailException t) {
            throw new StoreCorruptException(t.file(), t.offset(), "damaged snapshot (" + t.reason()
                    + "); snapshots are synced before they get their name, so this is not a crash");
        }
    }

    private static void expectKind(PayloadReader r, int kind) throws PayloadFormatException {
        int k = r.u8();
        if (k != kind) {
            throw new PayloadFormatException("snapshot record of kind " + k + " where " + kind + " was expected");
        }
    }
}
