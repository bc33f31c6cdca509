package keys.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import keys.domain.Timestamps;
import keys.json.JsonWriter;

/**
 * A growable buffer of JSON text assembled from pre-encoded pieces: the key list writes ~1.7 KB
 * per key, almost all of it fixed text around hex keys, ids and dates, so copying bytes beats
 * encoding them one character at a time. Strings that need escaping (or are not ASCII) go
 * through {@link JsonWriter}, which owns the escaping rules.
 */
final class JsonBytes {
    private byte[] buf;
    private int pos;

    JsonBytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** Writes from the start of {@code buffer}, whatever it holds (it grows into a new array when full). */
    JsonBytes(byte[] buffer) {
        buf = buffer;
    }

    JsonBytes raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    JsonBytes raw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, pos, length);
        pos += length;
        return this;
    }

    /** Appends {@code bytes} and returns where they start, for {@link #patch}. */
    int append(byte[] bytes) {
        int at = pos;
        raw(bytes);
        return at;
    }

    /**
     * Overwrites text already written, at {@code at} plus each of {@code offsets}, with
     * {@code bytes} (a project id's digits, up to 20): eight bytes at a time, each word read,
     * merged and written back, as a byte loop or a call to the copy routine costs more than that
     * (a page patches ~1,200 ids). Near the end of the text it goes byte by byte.
     */
    void patch(int at, int[] offsets, byte[] bytes) {
        int n = bytes.length;
        long w0 = 0, w1 = 0, w2 = 0; // the digits as up to three little-endian words
        for (int i = 0; i < n; i++) {
            long b = (bytes[i] & 0xFFL) << (8 * (i & 7));
            if (i < 8) {
                w0 |= b;
            } else if (i < 16) {
                w1 |= b;
            } else {
                w2 |= b;
            }
        }
        int words = (n + 7) / Long.BYTES;
        int tail = n - (words - 1) * Long.BYTES; // bytes of the last word that are ours
        long keep = tail == Long.BYTES ? 0 : -1L << (8 * tail); // what the last word leaves as it was
        for (int o : offsets) {
            int to = at + o;
            if (to < 0 || to + n > pos) {
                throw new IndexOutOfBoundsException(to);
            }
            if (!LITTLE_ENDIAN || n == 0 || to + words * Long.BYTES > buf.length) {
                System.arraycopy(bytes, 0, buf, to, n);
            } else if (words == 1) {
                merge(to, w0, keep);
            } else if (words == 2) {
                LONGS.set(buf, to, w0);
                merge(to + 8, w1, keep);
            } else {
                LONGS.set(buf, to, w0);
                LONGS.set(buf, to + 8, w1);
                merge(to + 16, w2, keep);
            }
        }
    }

    private void merge(int at, long word, long keep) {
        LONGS.set(buf, at, ((long) LONGS.get(buf, at) & keep) | word);
    }

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /** {@link #patch} for a 32-character key ({@code key} holds exactly that): read once, then four 8-byte moves a place. */
    void patchKey(int at, int[] offsets, byte[] key) {
        long a = (long) LONGS.get(key, 0);
        long b = (long) LONGS.get(key, 8);
        long c = (long) LONGS.get(key, 16);
        long d = (long) LONGS.get(key, 24);
        for (int o : offsets) {
            int to = at + o;
            if (to < 0 || to + KEY_CHARS > pos) {
                throw new IndexOutOfBoundsException(to);
            }
            LONGS.set(buf, to, a);
            LONGS.set(buf, to + 8, b);
            LONGS.set(buf, to + 16, c);
            LONGS.set(buf, to + 24, d);
        }
    }

    static final int KEY_CHARS = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    JsonBytes raw(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
        return this;
    }

    /** A string's characters without quotes; the caller knows they need no escaping. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for ASCII, and a plain copy
    JsonBytes plain(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, buf, pos);
        pos += n;
        return this;
    }

    /** A JSON string value: quoted, escaped where needed. */
    JsonBytes string(String s) {
        if (isPlain(s)) {
            ensure(s.length() + 2);
            buf[pos++] = '"';
            plain(s);
            buf[pos++] = '"';
            return this;
        }
        return raw(new JsonWriter(s.length() * 3 + 8).value(s).toByteArray());
    }

    /** The decimal digits of {@code v}. */
    static byte[] digitsOf(long v) {
        byte[] b = new byte[digitCount(v)];
        writeDigits(v, b, 0, b.length);
        return b;
    }

    /**
     * {@link #digitsOf} into an array of exactly their length kept in {@code byLength} (21 slots,
     * by length), so that a page of keys from many projects makes one array per length, not per key.
     */
    static byte[] digitsOf(long v, byte[][] byLength) {
        int n = digitCount(v);
        byte[] b = byLength[n];
        if (b == null) {
            b = new byte[n];
            byLength[n] = b;
        }
        writeDigits(v, b, 0, n);
        return b;
    }

    JsonBytes number(long v) {
        int digits = digitCount(v);
        ensure(digits);
        writeDigits(v, buf, pos, digits);
        pos += digits;
        return this;
    }

    /** How many characters {@code v} takes in decimal, its sign included. */
    private static int digitCount(long v) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            return Long.toString(v).length();
        }
        int x = (int) v;
        int digits = 1;
        for (int limit = 10; digits < 10 && x >= limit; limit *= 10) {
            digits++;
        }
        return digits;
    }

    /**
     * Writes {@code v}'s {@code digits} characters at {@code at}. Ids and counts fit an int, whose
     * division by ten compiles to a multiplication; a long's is a real division, ~20 a key.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for ASCII digits
    private static void writeDigits(long v, byte[] out, int at, int digits) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            Long.toString(v).getBytes(0, digits, out, at);
            return;
        }
        int x = (int) v;
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = (byte) ('0' + x % 10);
            x /= 10;
        }
    }

    int size() {
        return pos;
    }

    /** The backing array: its first {@link #size()} bytes are the text; it changes as the text grows. */
    byte[] array() {
        return buf;
    }

    /** A {@code dateCreated} value's characters, without quotes. */
    JsonBytes timestamp(long epochMicros) {
        ensure(Timestamps.MAX_ASCII_LENGTH);
        pos += Timestamps.formatInto(epochMicros, buf, pos);
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    @Override
    public String toString() {
        return new String(buf, 0, pos, StandardCharsets.UTF_8);
    }

    /** {@link #isPlain(String)} for the first {@code n} bytes of {@code latin1}. */
    static boolean isPlain(byte[] latin1, int n) {
        for (int i = 0; i < n; i++) {
            byte c = latin1[i];
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII without quote or backslash: JSON text as it stands. */
    static boolean isPlain(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private void ensure(int extra) {
        if (extra > buf.length - pos) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
        }
    }
}
