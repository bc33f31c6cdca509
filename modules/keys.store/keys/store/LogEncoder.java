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
        byte[] frame = new byte[LogFormat.FRAME_HEADER_BYTES + payload.length];
        System.arraycopy(payload, 0, frame, LogFormat.FRAME_HEADER_BYTES, payload.length);
        return header(seq, frame, payload.length);
    }

    /** Fills in the header of a frame whose payload follows the header's room in {@code frame}. */
    private static ByteBuffer header(long seq, byte[] frame, int payloadLength) {
        if (payloadLength > LogFormat.MAX_PAYLOAD) {
            throw new IllegalArgumentException("a record of " + payloadLength + " bytes exceeds the limit of "
                    + LogFormat.MAX_PAYLOAD);
        }
        ByteBuffer b = ByteBuffer.wrap(frame, 0, LogFormat.FRAME_HEADER_BYTES + payloadLength);
        b.putInt(0, payloadLength);
        b.putInt(4, LogFormat.crc(seq, frame, LogFormat.FRAME_HEADER_BYTES, payloadLength));
        b.putLong(8, seq);
        return b;
    }

    /**
     * Appends one record whose payload {@code w} holds after {@link LogFormat#FRAME_HEADER_BYTES}
     * bytes of room ({@link PayloadWriter#reset}); returns the number of bytes written.
     */
    int append(long seq, PayloadWriter w) throws IOException {
        ByteBuffer frame = header(seq, w.array(), w.size() - LogFormat.FRAME_HEADER_BYTES);
        int n = frame.remaining();
        writeFully(frame);
        return n;
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
