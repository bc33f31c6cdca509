package keys.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Positional reads of a file through a cached window, so that decoding many small frames (and
 * scanning byte by byte past damage) costs one read system call per megabyte, not per frame.
 */
final class FileWindow {
    private static final int WINDOW = 1 << 20;

    private final FileChannel channel;
    private final long size;
    private byte[] buf = new byte[0];
    private long start;
    private int length;

    FileWindow(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    long size() {
        return size;
    }

    int int32(long pos) throws IOException {
        int i = at(pos, 4);
        return (buf[i] & 0xFF) << 24 | (buf[i + 1] & 0xFF) << 16 | (buf[i + 2] & 0xFF) << 8 | buf[i + 3] & 0xFF;
    }

    long int64(long pos) throws IOException {
        return (long) int32(pos) << 32 | int32(pos + 4) & 0xFFFF_FFFFL;
    }

    byte[] bytes(long pos, int n) throws IOException {
        int i = at(pos, n);
        byte[] out = new byte[n];
        System.arraycopy(buf, i, out, 0, n);
        return out;
    }

    /** Makes [pos, pos+n) resident and returns its index in {@link #buf}. */
    private int at(long pos, int n) throws IOException {
        if (pos < 0 || n < 0 || pos > size - n) {
            throw new IllegalArgumentException("read of " + n + " bytes at " + pos + " past the end " + size);
        }
        if (pos >= start && pos + n <= start + length) {
            return (int) (pos - start);
        }
        int want = (int) Math.min(size - pos, Math.max(n, WINDOW));
        if (buf.length < want) {
            buf = new byte[want];
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, want);
        while (b.hasRemaining()) {
            int r = channel.read(b, pos + b.position());
            if (r < 0) {
                throw new IOException("file shrank while being read (at " + (pos + b.position()) + ")");
            }
        }
        start = pos;
        length = want;
        return 0;
    }
}
