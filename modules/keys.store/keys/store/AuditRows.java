package keys.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import keys.domain.AuditEntry;

/**
 * Reads audit rows ({@link AuditRowFile}) by locator, for every state of one store or one
 * read-only scan. Rows are checked (CRC, then that the row is the entry the index names); damage
 * is a {@link StoreCorruptException} naming the file and offset.
 *
 * <p>Every row file present is opened when this is made, and a file opened stays open until
 * {@link #close()}: a compaction may delete a file that retention emptied while an older state
 * (an in-flight request, a backup being written) still points into it, and an open file stays
 * readable after its name is gone. Reads use positional I/O, so any number of threads share a
 * channel. When the owner forgets to close, each channel is still closed once nothing can reach
 * it, by the cleaner the JDK registers for every {@link FileChannel} it opens; a cleaner of our own
 * would start a thread of its own at every open of a store.
 */
final class AuditRows implements Closeable {
    private static final int FIRST_READ = 512;

    /** For states with no data directory: every row is in memory, none is ever read. */
    static final AuditRows NONE = new AuditRows(null);

    private final Path dir;
    private final Map<Integer, FileChannel> open;

    private AuditRows(Path dir) {
        this.dir = dir;
        this.open = new ConcurrentHashMap<>();
    }

    /** A reader for {@code dir}, holding every row file present open. */
    static AuditRows open(Path dir) throws IOException {
        AuditRows rows = new AuditRows(dir);
        try {
            for (DataDir.Numbered f : DataDir.auditFiles(dir)) {
                if (f.number() <= AuditRowFile.MAX_FILE_NUMBER) {
                    rows.channel((int) f.number());
                }
            }
        } catch (IOException | RuntimeException e) {
            rows.close();
            throw e;
        }
        return rows;
    }

    /** Opens {@code file} now if it is not open yet, so it stays readable should it be deleted. */
    void pin(int file) throws IOException {
        channel(file);
    }

    /**
     * Closes the channels of file {@code from} and later, to be opened again when next read: at
     * open, the writer cut or replaced them ({@link AuditRowWriter#resume}) and no state points
     * into them yet.
     */
    void forgetFrom(int from) {
        synchronized (open) {
            open.entrySet().removeIf(e -> {
                if (e.getKey() < from) {
                    return false;
                }
                try {
                    e.getValue().close();
                } catch (IOException ignored) {
                    // reading only: nothing to lose
                }
                return true;
            });
        }
    }

    /** The entry at {@code locator}, which the index says has this id and organization. */
    AuditEntry read(long locator, long id, long orgId) {
        int file = AuditRowFile.file(locator);
        long offset = AuditRowFile.offset(locator);
        Path path = path(file);
        try {
            FileChannel ch = channel(file);
            long size = ch.size();
            if (offset + AuditRowFile.ROW_HEADER_BYTES > size) {
                throw damaged(path, offset, "the row lies past the end of the file (" + size + " bytes)");
            }
            byte[] first = readAt(ch, path, offset, (int) Math.min(FIRST_READ, size - offset));
            ByteBuffer b = ByteBuffer.wrap(first);
            int length = b.getInt();
            int crc = b.getInt();
            if (length < 0 || length > LogFormat.MAX_PAYLOAD || offset + AuditRowFile.ROW_HEADER_BYTES + length > size) {
                throw damaged(path, offset, "row length " + Integer.toUnsignedString(length) + " runs past the end");
            }
            byte[] payload;
            if (AuditRowFile.ROW_HEADER_BYTES + length <= first.length) {
                payload = first;
            } else {
                payload = new byte[AuditRowFile.ROW_HEADER_BYTES + length];
                System.arraycopy(first, 0, payload, 0, first.length);
                byte[] rest = readAt(ch, path, offset + first.length, payload.length - first.length);
                System.arraycopy(rest, 0, payload, first.length, rest.length);
            }
            if (AuditRowFile.crc(payload, AuditRowFile.ROW_HEADER_BYTES, length) != crc) {
                throw damaged(path, offset, "row CRC mismatch");
            }
            AuditEntry e;
            try {
                e = AuditRowFile.decode(payload, AuditRowFile.ROW_HEADER_BYTES, length);
            } catch (PayloadFormatException bad) {
                throw damaged(path, offset, "row does not decode: " + bad.getMessage());
            }
            if (e.id() != id || e.orgId() != orgId) {
                throw damaged(path, offset, "the row is audit entry " + e.id() + " of organization " + e.orgId()
                        + " but the index expects entry " + id + " of organization " + orgId);
            }
            return e;
        } catch (NoSuchFileException gone) {
            throw damaged(path, offset, "the row file is missing");
        } catch (IOException io) {
            throw new java.io.UncheckedIOException("cannot read audit rows from " + path + ": " + io.getMessage(), io);
        }
    }

    private static StoreCorruptException damaged(Path file, long offset, String reason) {
        return new StoreCorruptException(file, offset, "audit row: " + reason);
    }

    private static byte[] readAt(FileChannel ch, Path path, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        boolean interrupted = Thread.interrupted(); // an interrupt would close the shared channel
        try {
            while (b.hasRemaining()) {
                if (ch.read(b, position + b.position()) < 0) {
                    throw damaged(path, position, "the file ends inside the row");
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return b.array();
    }

    private FileChannel channel(int file) throws IOException {
        if (dir == null) {
            throw new IllegalStateException("an audit row on disk in a state without a data directory");
        }
        FileChannel ch = open.get(file);
        if (ch != null && ch.isOpen()) {
            return ch;
        }
        synchronized (open) {
            ch = open.get(file);
            if (ch == null || !ch.isOpen()) { // absent, or closed by an interrupt that came during a read
                ch = FileChannel.open(path(file), StandardOpenOption.READ);
                open.put(file, ch);
            }
            return ch;
        }
    }

    private Path path(int file) {
        return dir == null ? Path.of(DataDir.auditName(file)) : dir.resolve(DataDir.auditName(file));
    }

    @Override
    public void close() {
        synchronized (open) {
            for (FileChannel ch : open.values()) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // reading only: nothing to lose
                }
            }
            open.clear();
        }
    }
}
