package keys.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes framed records to a {@link LogChannel} (see {@link LogFormat}). It does not sync: the
 * store decides when to force. After any exception the file may end in a partial frame, which
 * the next open cuts as a torn tail; the store stops writing to it.
 */
final class LogEncoder {
    private final LogChannel channel;
    private long position;

    /** @param position the file's current size, where the next frame starts */
    LogEncoder(LogChannel channel, long position) {
        this.channel = channel;
        this.position = position;
    }

    /** Writes the file header to a new, empty file. */
    static LogEncoder start(LogChannel channel, byte[] magic) throws IOException {
        LogEncoder e = new LogEncoder(channel, 0);
        e.writeFully(ByteBuffer.wrap(LogFormat.header(magic)));
        return e;
    }

    static ByteBuffer frame(long seq, byte[] payload) {
        if (payload.length > LogFormat.MAX_PAYLOAD) {
            throw new IllegalArgumentException("a record of " + payload.length + " bytes exceeds the limit of "
                    + LogFormat.MAX_PAYLOAD);
        }
        ByteBuffer b = ByteBuffer.allocate(LogFormat.FRAME_HEADER_BYTES + payload.length);
        b.putInt(payload.length);
        b.putInt(LogFormat.crc(seq, payload, 0, payload.length));
        b.putLong(seq);
        b.put(payload);
        return b.flip();
    }

    /** Appends one record; returns the number of bytes written. */
    int append(long seq, byte[] payload) throws IOException {
        ByteBuffer frame = frame(seq, payload);
        int n = frame.remaining();
        writeFully(frame);
        return n;
    }

    long position() {
        return position;
    }

    LogChannel channel() {
        return channel;
    }

    private void writeFully(ByteBuffer b) throws IOException {
        int stalls = 0;
        while (b.hasRemaining()) {
            int n = channel.write(b);
            if (n > 0) {
                position += n;
                stalls = 0;
            } else if (++stalls > 16) {
                throw new IOException("the file accepts no more bytes (" + b.remaining() + " left to write)");
            }
        }
    }
}
