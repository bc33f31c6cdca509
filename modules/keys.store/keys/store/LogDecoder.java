package keys.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads the frames of one log segment or snapshot in order, read-only.
 *
 * <p>A frame that is short, runs past the end of the file or fails its CRC is damage. Damage
 * with no valid frame anywhere after it is a torn write ({@link TornTailException}: the caller
 * may cut there). Damage followed by a valid frame with a higher seq is corruption
 * ({@link StoreCorruptException}): records after it were acknowledged, so nothing may be cut.
 * A frame whose CRC holds but whose seq is not the next one is corruption too.
 */
final class LogDecoder implements Closeable {

    /** One good frame: its seq, payload and where it sits in the file. */
    record Frame(long seq, byte[] payload, long offset, long end) {
    }

    private final Path file;
    private final FileChannel channel;
    private final FileWindow window;
    private long pos = LogFormat.HEADER_BYTES;
    private long lastSeq;

    private LogDecoder(Path file, FileChannel channel, long firstSeq) throws IOException {
        this.file = file;
        this.channel = channel;
        this.window = new FileWindow(channel, channel.size());
        this.lastSeq = firstSeq - 1;
    }

    /**
     * Opens {@code file} and checks its header.
     *
     * @param firstSeq the seq the first frame must carry; later ones follow one by one
     */
    static LogDecoder open(Path file, byte[] magic, long firstSeq) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            LogDecoder d = new LogDecoder(file, ch, firstSeq);
            d.checkHeader(magic);
            return d;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void checkHeader(byte[] magic) throws IOException {
        if (window.size() < LogFormat.HEADER_BYTES) {
            throw new StoreCorruptException(file, 0, "file of " + window.size() + " bytes is shorter than its header");
        }
        byte[] h = window.bytes(0, LogFormat.HEADER_BYTES);
        if (!Arrays.equals(h, 0, magic.length, magic, 0, magic.length)) {
            throw new StoreCorruptException(file, 0, "not a " + new String(magic, java.nio.charset.StandardCharsets.US_ASCII)
                    + " file (bad magic)");
        }
        int version = h[7] & 0xFF;
        if (version != LogFormat.VERSION) {
            throw new StoreCorruptException(file, 7, "file format version " + version + " (this release reads "
                    + LogFormat.VERSION + (version > LogFormat.VERSION ? "; written by a newer release?)" : ")"));
        }
    }

    /** The next good frame, or null at a clean end of file. */
    Frame next() throws IOException, TornTailException {
        long size = window.size();
        if (pos == size) {
            return null;
        }
        long left = size - pos;
        String problem;
        if (left < LogFormat.FRAME_HEADER_BYTES) {
            problem = "a partial frame header of " + left + " bytes";
        } else {
            int len = window.int32(pos);
            if (len < 0 || len > LogFormat.MAX_PAYLOAD) {
                problem = "impossible frame length " + Integer.toUnsignedString(len);
            } else if (len > left - LogFormat.FRAME_HEADER_BYTES) {
                problem = "a frame of " + len + " bytes runs past the end of the file";
            } else {
                int crc = window.int32(pos + 4);
                long seq = window.int64(pos + 8);
                byte[] payload = window.bytes(pos + LogFormat.FRAME_HEADER_BYTES, len);
                if (LogFormat.crc(seq, payload, 0, len) == crc) {
                    if (seq != lastSeq + 1) {
                        throw new StoreCorruptException(file, pos, "record seq " + seq + " where "
                                + (lastSeq + 1) + " was expected");
                    }
                    Frame f = new Frame(seq, payload, pos, pos + LogFormat.FRAME_HEADER_BYTES + len);
                    pos = f.end();
                    lastSeq = seq;
                    return f;
                }
                problem = "checksum mismatch";
            }
        }
        long later = validFrameAfter(pos);
        if (later >= 0) {
            throw new StoreCorruptException(file, pos, problem + ", and a valid record follows at offset " + later
                    + ", so this is not a torn write");
        }
        throw new TornTailException(file, pos, problem);
    }

    /** The end of the last good frame so far: where a torn tail would be cut. */
    long goodEnd() {
        return pos;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Offset of the first frame after {@code from} that passes its CRC with a later seq, or -1. */
    private long validFrameAfter(long from) throws IOException {
        long size = window.size();
        for (long p = from + 1; p <= size - LogFormat.FRAME_HEADER_BYTES; p++) {
            int len = window.int32(p);
            if (len < 0 || len > LogFormat.MAX_PAYLOAD || len > size - p - LogFormat.FRAME_HEADER_BYTES) {
                continue;
            }
            long seq = window.int64(p + 8);
            // Only as many records as fit between here and there can have been lost: any other
            // seq is noise, rejected before its payload is read (garbage must not cost a CRC of
            // up to MAX_PAYLOAD bytes at every offset).
            if (seq <= lastSeq || seq - lastSeq > 1 + (p - from) / LogFormat.FRAME_HEADER_BYTES) {
                continue;
            }
            byte[] payload = window.bytes(p + LogFormat.FRAME_HEADER_BYTES, len);
            if (LogFormat.crc(seq, payload, 0, len) == window.int32(p + 4)) {
                return p;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
