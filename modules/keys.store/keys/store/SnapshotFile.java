package keys.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A snapshot: the live state after record {@code seq}, in the log's framing (magic KEYSNAP).
 * Frame 0 is a meta record (seq covered, lastId, and from format 2 lastAuditId), frames 1..n carry the state's changes in
 * chunks, and a last end record gives the count of chunks and changes: a snapshot without it is
 * incomplete. It is written to a temp file, synced, then renamed, so a complete name always
 * means a complete file; a damaged one is therefore corruption, never a torn write.
 */
final class SnapshotFile {
    private static final int KIND_META = 1;
    private static final int KIND_CHANGES = 2;
    private static final int KIND_END = 3;
    private static final int FORMAT = 2;
    /** The format 0.1.0 wrote: no audit id counter. */
    private static final int FORMAT_0_1 = 1;
    private static final int CHUNK_CHANGES = 4096;
    private static final int CHUNK_BYTES = LogFormat.MAX_PAYLOAD / 4;

    /** A snapshot read back. */
    record Loaded(long seq, State state, long changes) {
    }

    private SnapshotFile() {
    }

    /** Writes {@code snapshot-<seq>.snap} atomically and syncs the directory. */
    static Path write(Path dir, long seq, State state, LogChannelFactory io, CompactionHook hook) throws IOException {
        Path target = dir.resolve(DataDir.snapshotName(seq));
        Path temp = dir.resolve(target.getFileName() + DataDir.TEMP_SUFFIX);
        Files.deleteIfExists(temp);
        List<Change> changes = state.asChanges();
        try (LogChannel ch = io.create(temp)) {
            LogEncoder enc = LogEncoder.start(ch, LogFormat.SNAPSHOT_MAGIC);
            PayloadWriter meta = new PayloadWriter(32);
            meta.u8(KIND_META);
            meta.u8(FORMAT);
            meta.varLong(seq);
            meta.varLong(state.lastId());
            meta.varLong(state.lastAuditId());
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
            PayloadWriter end = new PayloadWriter(16);
            end.u8(KIND_END);
            end.varLong(chunks);
            end.varLong(changes.size());
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
    static Loaded read(Path file, long expectedSeq) throws IOException {
        // Each chunk is applied as soon as it is decoded (on a second core): its change objects
        // die young instead of a million of them being held (and copied by the GC) until the end.
        StateBuilder builder = new StateBuilder(State.empty());
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
            try {
                expectKind(meta, KIND_META);
                int format = meta.u8();
                if (format != FORMAT && format != FORMAT_0_1) {
                    throw new PayloadFormatException("snapshot format " + format + " (this release reads " + FORMAT + ")");
                }
                seq = meta.varLong();
                lastId = meta.varLong();
                if (format >= 2) {
                    lastAuditId = meta.varLong();
                }
            } catch (PayloadFormatException e) {
                throw new StoreCorruptException(file, f.offset(), e.getMessage());
            }
            if (seq != expectedSeq) {
                throw new StoreCorruptException(file, f.offset(), "snapshot covers seq " + seq + " but is named for "
                        + expectedSeq);
            }
            long changes = 0;
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
                    changes = decoder.finish();
                    PayloadReader end = new PayloadReader(p, 0, p.length);
                    expectKind(end, KIND_END);
                    long wantChunks = end.varLong();
                    long wantChanges = end.varLong();
                    end.expectEnd();
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
            return new Loaded(seq, builder.build(), changes);
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
