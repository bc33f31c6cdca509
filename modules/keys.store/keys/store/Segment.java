package keys.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The log segment the store appends to. Used under the store's write lock only. */
final class Segment implements Closeable {
    final Path file;
    final long firstSeq;
    final LogEncoder encoder;

    private Segment(Path file, long firstSeq, LogEncoder encoder) {
        this.file = file;
        this.firstSeq = firstSeq;
        this.encoder = encoder;
    }

    /**
     * Creates {@code log-<firstSeq>.log} holding just its header: written under a temp name,
     * synced, renamed and the directory synced, so the real name never points at a partial header.
     */
    static Segment create(Path dir, long firstSeq, LogChannelFactory io) throws IOException {
        Path file = dir.resolve(DataDir.logName(firstSeq));
        Path temp = dir.resolve(file.getFileName() + DataDir.TEMP_SUFFIX);
        if (Files.exists(file)) {
            throw new IOException("refusing to replace the existing segment " + file);
        }
        Files.deleteIfExists(temp);
        try (LogChannel ch = io.create(temp)) {
            LogEncoder.start(ch, LogFormat.LOG_MAGIC);
            ch.force();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        io.syncDirectory(dir);
        return resume(file, firstSeq, LogFormat.HEADER_BYTES, io);
    }

    /** The segment of an in-memory store: no file, records go to {@code channel} from seq 1. */
    static Segment inMemory(LogChannel channel) throws IOException {
        return new Segment(null, 1, LogEncoder.start(channel, LogFormat.LOG_MAGIC));
    }

    /** Opens an existing segment whose good bytes end at {@code end} (its size) for appending. */
    static Segment resume(Path file, long firstSeq, long end, LogChannelFactory io) throws IOException {
        LogChannel ch = io.append(file);
        try {
            long size = ch.size();
            if (size != end) {
                throw new IOException(file + " is " + size + " bytes but its records end at " + end);
            }
            return new Segment(file, firstSeq, new LogEncoder(ch, end));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Cuts this segment back to {@code end} (the end of a record) and forces it; appends go on from there. */
    Segment truncatedTo(long end, Counters counters) throws IOException {
        LogChannel ch = channel();
        ch.truncate(end);
        counters.force(ch);
        return new Segment(file, firstSeq, new LogEncoder(ch, end));
    }

    LogChannel channel() {
        return encoder.channel();
    }

    @Override
    public void close() throws IOException {
        encoder.channel().close();
    }
}
