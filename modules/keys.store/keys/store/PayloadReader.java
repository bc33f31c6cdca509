package keys.store;

/**
 * Reads what {@link PayloadWriter} writes, checking every length against the bytes left before
 * allocating anything, so a damaged or hostile payload fails with {@link PayloadFormatException}
 * and never with an out-of-memory or index error.
 */
final class PayloadReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    PayloadReader(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("bad range " + off + "+" + len + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    int remaining() {
        return end - pos;
    }

    int u8() throws PayloadFormatException {
        if (pos >= end) {
            throw new PayloadFormatException("payload ends early at byte " + pos);
        }
        return buf[pos++] & 0xFF;
    }

    boolean bool() throws PayloadFormatException {
        int b = u8();
        if (b > 1) {
            throw new PayloadFormatException("boolean byte " + b + " at " + (pos - 1));
        }
        return b == 1;
    }

    long varLong() throws PayloadFormatException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            if (shift == 63 && b > 1) {
                throw new PayloadFormatException("varint overflows 64 bits at " + (pos - 1));
            }
            v |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return v;
            }
        }
        throw new PayloadFormatException("varint longer than 10 bytes at " + pos);
    }

    long fixed64() throws PayloadFormatException {
        if (remaining() < 8) {
            throw new PayloadFormatException("payload ends inside an 8-byte value at " + pos);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | buf[pos++] & 0xFF;
        }
        return v;
    }

    int varInt() throws PayloadFormatException {
        long v = varLong();
        if (v > 0xFFFF_FFFFL || v < 0) {
            throw new PayloadFormatException("varint " + Long.toUnsignedString(v) + " overflows 32 bits");
        }
        return (int) v;
    }

    /** A count of items each taking at least {@code minBytesEach} bytes, bounded by what is left. */
    int count(int minBytesEach) throws PayloadFormatException {
        long n = varLong();
        if (n < 0 || n > remaining() / Math.max(1, minBytesEach)) {
            throw new PayloadFormatException("count " + Long.toUnsignedString(n) + " exceeds the "
                    + remaining() + " bytes left");
        }
        return (int) n;
    }

    String string() throws PayloadFormatException {
        long lenPlusOne = varLong();
        if (lenPlusOne == 0) {
            return null;
        }
        long len = lenPlusOne - 1;
        if (len < 0 || len > remaining()) {
            throw new PayloadFormatException("string of " + Long.toUnsignedString(len) + " bytes exceeds the "
                    + remaining() + " bytes left");
        }
        int stop = pos + (int) len;
        int ascii = pos;
        while (ascii < stop && buf[ascii] >= 0) {
            ascii++;
        }
        if (ascii == stop) { // the usual case: one copy of the bytes, no char[] on the way
            String out = new String(buf, pos, (int) len, java.nio.charset.StandardCharsets.ISO_8859_1);
            pos = stop;
            return out;
        }
        char[] out = new char[(int) len]; // a byte never yields more than one char
        int n = 0;
        while (pos < stop) {
            int b0 = buf[pos++] & 0xFF;
            if (b0 < 0x80) {
                out[n++] = (char) b0;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                out[n++] = (char) ((b0 & 0x1F) << 6 | cont(stop));
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                int b1 = cont(stop);
                if (b0 == 0xE0 && b1 < 0x20) {
                    throw bad("overlong three-byte sequence");
                }
                out[n++] = (char) ((b0 & 0x0F) << 12 | b1 << 6 | cont(stop));
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                int cp = (b0 & 0x07) << 18 | cont(stop) << 12 | cont(stop) << 6 | cont(stop);
                if (cp < 0x10000 || cp > 0x10FFFF) {
                    throw bad("four-byte sequence out of range");
                }
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
            } else {
                throw bad("invalid lead byte 0x" + Integer.toHexString(b0));
            }
        }
        return new String(out, 0, n);
    }

    /**
     * When the next string is one of {@code ascii} (each under 127 characters), reads it and
     * returns its index without allocating; otherwise (null, another string, damage) reads nothing
     * and returns -1, for {@link #string()} to read it.
     */
    int oneOf(String[] ascii) {
        if (pos >= end || buf[pos] <= 0) { // a null, or a length of two varint bytes
            return -1;
        }
        int len = buf[pos] - 1;
        if (len > end - pos - 1) {
            return -1;
        }
        candidates:
        for (int i = 0; i < ascii.length; i++) {
            String s = ascii[i];
            if (s.length() != len) {
                continue;
            }
            for (int j = 0; j < len; j++) {
                if (buf[pos + 1 + j] != s.charAt(j)) {
                    continue candidates;
                }
            }
            pos += 1 + len;
            return i;
        }
        return -1;
    }

    /**
     * When the next string is ASCII (as labels usually are), reads it and returns where its bytes
     * start in {@link #buffer()}; they end at {@link #position()}. Otherwise (null, another
     * string, damage) reads nothing and returns -1, for {@link #string()} to read it. A decoder
     * can then copy the bytes once instead of making a String of them first.
     */
    int ascii() {
        int start = pos;
        try {
            long len = varLong() - 1;
            if (len >= 0 && len <= end - pos) {
                int stop = pos + (int) len;
                int i = pos;
                while (i < stop && buf[i] >= 0) {
                    i++;
                }
                if (i == stop) {
                    int from = pos;
                    pos = stop;
                    return from;
                }
            }
        } catch (PayloadFormatException e) {
            // string() reports it
        }
        pos = start;
        return -1;
    }

    byte[] buffer() {
        return buf;
    }

    int position() {
        return pos;
    }

    void expectEnd() throws PayloadFormatException {
        if (pos != end) {
            throw new PayloadFormatException((end - pos) + " unexpected bytes after the payload");
        }
    }

    private int cont(int stop) throws PayloadFormatException {
        if (pos >= stop) {
            throw bad("truncated multi-byte sequence");
        }
        int b = buf[pos++] & 0xFF;
        if ((b & 0xC0) != 0x80) {
            throw bad("missing continuation byte");
        }
        return b & 0x3F;
    }

    private PayloadFormatException bad(String what) {
        return new PayloadFormatException("bad string encoding at byte " + pos + ": " + what);
    }
}
