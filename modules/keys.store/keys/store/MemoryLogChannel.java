package keys.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The log of an in-memory store: it takes each frame the store writes, checks and decodes it as
 * recovery would read it back from disk (header, length, CRC, seq, payload), then drops the
 * bytes. So an in-memory store refuses exactly the records a disk store could not read back, and
 * its memory does not grow with the number of writes.
 */
final class MemoryLogChannel implements LogChannel {
    private boolean headerSeen;
    private long lastSeq;
    private long size;

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        byte[] bytes = new byte[n];
        src.get(bytes);
        if (!headerSeen) {
            checkHeader(bytes);
            headerSeen = true;
        } else {
            checkFrame(ByteBuffer.wrap(bytes));
        }
        size += n;
        return n;
    }

    private static void checkHeader(byte[] bytes) throws IOException {
        if (!Arrays.equals(bytes, LogFormat.header(LogFormat.LOG_MAGIC))) {
            throw new IOException("not a log header");
        }
    }

    /** One whole frame, as {@link LogEncoder#frame} builds it and {@link LogDecoder#next} reads it. */
    private void checkFrame(ByteBuffer b) throws IOException {
        if (b.remaining() < LogFormat.FRAME_HEADER_BYTES) {
            throw new IOException("a partial frame header of " + b.remaining() + " bytes");
        }
        int len = b.getInt();
        int crc = b.getInt();
        long seq = b.getLong();
        if (len != b.remaining()) {
            throw new IOException("a frame of " + len + " bytes written as " + b.remaining());
        }
        byte[] payload = new byte[len];
        b.get(payload);
        if (LogFormat.crc(seq, payload, 0, len) != crc) {
            throw new IOException("checksum mismatch");
        }
        if (seq != lastSeq + 1) {
            throw new IOException("record seq " + seq + " where " + (lastSeq + 1) + " was expected");
        }
        try {
            ChangeCodec.decode(payload);
        } catch (PayloadFormatException e) {
            throw new IOException("record " + seq + " would not read back: " + e.getMessage(), e);
        }
        lastSeq = seq;
    }

    /** The store replaced its state without a record ({@link Store#replaceState}): the next frame is {@code seq + 1}. */
    void replacedAt(long seq) {
        lastSeq = seq;
    }

    @Override
    public void force() {
        // nothing is kept, so nothing to make durable
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() {
    }
}
