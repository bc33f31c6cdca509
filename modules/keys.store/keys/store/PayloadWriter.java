package keys.store;

import java.util.Arrays;

/**
 * Appends the primitives of the payload format to a growable array: unsigned LEB128 varints and
 * length-prefixed strings. Strings are written as WTF-8 (UTF-8 that also encodes lone surrogates
 * as three bytes) so every Java string, even one a JSON body smuggled a lone surrogate into,
 * reads back exactly.
 */
final class PayloadWriter {
    /** The most a reused writer keeps between records. */
    private static final int REUSED_BYTES = 64 << 10;

    private byte[] buf;
    private int pos;

    PayloadWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    void u8(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    void bool(boolean b) {
        u8(b ? 1 : 0);
    }

    /** Unsigned LEB128: 1 byte below 128, at most 10 bytes. */
    void varLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    /** An int as its unsigned 32-bit value: at most 5 bytes. */
    void varInt(int v) {
        varLong(v & 0xFFFF_FFFFL);
    }

    /** Eight bytes, big-endian: for values that are random bits, where a varint would only grow them. */
    void fixed64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
    }

    /** Byte length + 1 (0 stands for null), then the WTF-8 bytes. */
    void string(String s) {
        if (s == null) {
            u8(0);
            return;
        }
        if (!ascii(s)) {
            wtf8(s);
        }
    }

    /**
     * The common case in one pass: each char one byte. Gives up at the first char that is not
     * ASCII, leaving the writer as it was, since the length prefix written first is then wrong.
     */
    private boolean ascii(String s) {
        int start = pos;
        int len = s.length();
        varLong(len + 1L);
        ensure(len);
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                pos = start;
                return false;
            }
            b[p + i] = (byte) c;
        }
        pos = p + len;
        return true;
    }

    private void wtf8(String s) {
        int n = encodedLength(s);
        varLong(n + 1L);
        ensure(n);
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | c >> 6);
                buf[pos++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[pos++] = (byte) (0xF0 | cp >> 18);
                buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[pos++] = (byte) (0x80 | cp & 0x3F);
            } else {
                buf[pos++] = (byte) (0xE0 | c >> 12);
                buf[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[pos++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    int size() {
        return pos;
    }

    /**
     * Empties the writer for reuse, leaving {@code room} bytes at the front for a frame header; a
     * buffer a big record grew is let go rather than kept for every later small one.
     */
    void reset(int room) {
        if (buf.length > REUSED_BYTES) {
            buf = new byte[REUSED_BYTES];
        }
        pos = 0;
        ensure(room);
        pos = room;
    }

    /** The bytes written so far are {@code array()[0..size())}; valid until the next write. */
    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private static int encodedLength(String s) {
        int n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private void ensure(int extra) {
        if (extra > buf.length - pos) {
            long want = Math.max((long) buf.length * 2, (long) pos + extra);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("payload would exceed 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }
}
