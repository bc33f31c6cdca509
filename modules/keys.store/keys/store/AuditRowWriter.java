package keys.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import keys.domain.AuditEntry;

/**
 * The appending end of the audit row files of a store's directory, used under the store's write
 * lock. A row is appended (not synced) as the write that holds its entry is applied; the log
 * record that holds the same entry is what makes it durable. Why that is enough:
 * <ul>
 * <li>Rows are only ever pointed at by an index. An index in memory points at rows this process
 *     appended, which it reads back through the page cache whether or not they were synced.
 * <li>The index in a snapshot points only below the snapshot's {@code auditEnd}, and every row
 *     below it is synced before the snapshot is written (at the compaction's segment switch).
 * <li>Rows appended after that are also in log records after the snapshot. On open they are cut
 *     off ({@link #resume}) and appended again from the replayed records, so a row lost or torn by a
 *     crash is rebuilt, and a row whose record was lost is simply gone with it.
 * </ul>
 * A file is synced before the next one is started, so every file but the newest is complete.
 */
final class AuditRowWriter implements AuditRowSink, AutoCloseable {
    /** A new file once one passes this, so that retention can delete whole files. */
    static final long ROTATE_BYTES = 64L << 20;

    private final Path dir;
    private final LogChannelFactory io;
    private final long rotateBytes;
    private int file;
    private LogChannel channel;
    private long position;
    private boolean directoryDirty;
    private final PayloadWriter scratch = new PayloadWriter(512); // each row is framed here, then written

    private AuditRowWriter(Path dir, LogChannelFactory io, long rotateBytes, int file, LogChannel channel,
                           long position, boolean directoryDirty) {
        this.dir = dir;
        this.rotateBytes = rotateBytes;
        this.io = io;
        this.file = file;
        this.channel = channel;
        this.position = position;
        this.directoryDirty = directoryDirty;
    }

    /**
     * Takes appends from {@code end} (a snapshot's {@link #end()}, or 0 for none) on: the rest of
     * that file and every later file hold only rows of records the log still has (or lost), so they
     * are cut and deleted; the caller then appends the rows of the replayed records again. Without
     * a snapshot that is every file, except a first file that holds only its header: a restart of
     * a store without audit entries keeps it rather than delete and create it again.
     */
    static AuditRowWriter resume(Path dir, long end, LogChannelFactory io) throws IOException {
        return resume(dir, end, io, ROTATE_BYTES);
    }

    static AuditRowWriter resume(Path dir, long end, LogChannelFactory io, long rotateBytes) throws IOException {
        int file = end == 0 ? 1 : AuditRowFile.file(end);
        long offset = end == 0 ? 0 : AuditRowFile.offset(end);
        boolean dirty = false;
        Path first = dir.resolve(DataDir.auditName(1));
        boolean keepFirst = end == 0 && onlyHeader(first);
        for (DataDir.Numbered f : DataDir.auditFiles(dir)) {
            if (f.number() > file || end == 0 && !(keepFirst && f.number() == 1)) {
                Files.deleteIfExists(f.file());
                dirty = true;
            }
        }
        if (keepFirst) {
            // As after a create: the directory is synced with the first rows, whoever made the file.
            return new AuditRowWriter(dir, io, rotateBytes, 1, io.append(first), LogFormat.HEADER_BYTES, true);
        }
        Path path = dir.resolve(DataDir.auditName(file));
        if (end == 0 || !Files.exists(path)) {
            if (end != 0) {
                throw new StoreCorruptException(path, 0, "audit row file missing: the snapshot's index points into it");
            }
            return create(dir, io, rotateBytes, file);
        }
        LogChannel ch = io.append(path);
        try {
            if (ch.size() < offset) {
                throw new StoreCorruptException(path, ch.size(), "audit row file shorter than the snapshot's index"
                        + " needs (" + offset + " bytes)");
            }
            if (ch.size() > offset) {
                ch.truncate(offset);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new AuditRowWriter(dir, io, rotateBytes, file, ch, offset, dirty);
    }

    /** Appends from a new, empty file {@code number} on (repair: no existing file is touched). */
    static AuditRowWriter startFile(Path dir, LogChannelFactory io, int number) throws IOException {
        return create(dir, io, ROTATE_BYTES, number);
    }

    private static AuditRowWriter create(Path dir, LogChannelFactory io, long rotateBytes, int file)
            throws IOException {
        LogChannel ch = io.create(dir.resolve(DataDir.auditName(file)));
        try {
            writeFully(ch, ByteBuffer.wrap(headerBytes()));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new AuditRowWriter(dir, io, rotateBytes, file, ch, LogFormat.HEADER_BYTES, true);
    }

    private static boolean onlyHeader(Path file) throws IOException {
        return Files.isRegularFile(file) && Files.size(file) == LogFormat.HEADER_BYTES
                && Arrays.equals(Files.readAllBytes(file), headerBytes());
    }

    private static byte[] headerBytes() {
        return LogFormat.header(AuditRowFile.MAGIC);
    }

    /** Appends the row; its locator. A failure leaves the file as it was for later appends. */
    @Override
    public long place(AuditEntry e) {
        try {
            if (position >= rotateBytes) {
                rotate();
            }
            ByteBuffer row = AuditRowFile.encode(e, scratch);
            long locator = AuditRowFile.locator(file, position);
            int n = row.remaining();
            try {
                writeFully(channel, row);
            } catch (IOException | RuntimeException failed) {
                position = channel.size(); // a part may be there: never point into it
                throw failed;
            }
            position += n;
            return locator;
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot append an audit row to " + dir.resolve(DataDir.auditName(file))
                    + ": " + failed.getMessage(), failed);
        }
    }

    private void rotate() throws IOException {
        channel.force();
        AuditRowWriter next = create(dir, io, rotateBytes, file + 1);
        channel.close();
        file = next.file;
        channel = next.channel;
        position = next.position;
        directoryDirty = true;
    }

    /** Where the next row goes: every row a state points at so far lies before it. */
    long end() {
        return AuditRowFile.locator(file, position);
    }

    int currentFile() {
        return file;
    }

    /** Makes every row appended so far durable, the names of new files too. */
    void sync() throws IOException {
        channel.force();
        if (directoryDirty) {
            io.syncDirectory(dir);
            directoryDirty = false;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void writeFully(LogChannel ch, ByteBuffer b) throws IOException {
        int stalls = 0;
        while (b.hasRemaining()) {
            if (ch.write(b) > 0) {
                stalls = 0;
            } else if (++stalls > 16) {
                throw new IOException("the file accepts no more bytes (" + b.remaining() + " left to write)");
            }
        }
    }
}
