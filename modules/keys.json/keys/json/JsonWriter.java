package keys.json;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON encoder writing UTF-8 straight into a growable byte array.
 *
 * <p>Output has no whitespace and object members appear in the order they are written. Strings
 * escape {@code "}, {@code \}, every control character below U+0020 and U+2028/U+2029 (which
 * break JavaScript string literals); other characters are written raw as UTF-8, and lone
 * surrogates become U+FFFD, so any Java string yields valid UTF-8 and valid JSON.
 *
 * <p>Commas are inserted automatically. Structural misuse (a value where a name is due, a second
 * top-level value, closing the wrong container) throws {@link IllegalStateException} before
 * anything is written. Not thread-safe; {@link #reset()} makes an instance reusable.
 */
public final class JsonWriter {
    // Container states, one per open level; index 0 is the document itself.
    private static final byte DOC_EMPTY = 0;
    private static final byte DOC_DONE = 1;
    private static final byte OBJ_EMPTY = 2;
    private static final byte OBJ_MEMBERS = 3;
    private static final byte OBJ_AFTER_NAME = 4;
    private static final byte ARR_EMPTY = 5;
    private static final byte ARR_ELEMENTS = 6;

    /** Largest array the JVM reliably allocates. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private static final byte[][] ESCAPES = JsonEscapes.ASCII;
    private static final byte[] NULL = JsonEscapes.ascii("null");
    private static final byte[] TRUE = JsonEscapes.ascii("true");
    private static final byte[] FALSE = JsonEscapes.ascii("false");
    private static final byte[] LONG_MIN = JsonEscapes.ascii(Long.toString(Long.MIN_VALUE));

    private byte[] buf;
    private int pos;
    private byte[] states = new byte[16];
    private int depth; // index of the innermost open level in states

    public JsonWriter() {
        this(256);
    }

    public JsonWriter(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("negative capacity: " + initialCapacity);
        }
        buf = new byte[initialCapacity];
    }

    /** Encodes a tree as {@link #writeValue(Object)} does. */
    public static byte[] encode(Object tree) {
        return new JsonWriter().writeValue(tree).toByteArray();
    }

    public JsonWriter beginObject() {
        beforeValue();
        push(OBJ_EMPTY);
        writeByte('{');
        return this;
    }

    public JsonWriter endObject() {
        byte s = states[depth];
        if (s != OBJ_EMPTY && s != OBJ_MEMBERS) {
            throw new IllegalStateException("endObject() outside an object or after a dangling name");
        }
        depth--;
        writeByte('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        push(ARR_EMPTY);
        writeByte('[');
        return this;
    }

    public JsonWriter endArray() {
        byte s = states[depth];
        if (s != ARR_EMPTY && s != ARR_ELEMENTS) {
            throw new IllegalStateException("endArray() outside an array");
        }
        depth--;
        writeByte(']');
        return this;
    }

    /** Writes a member name; the next call must write its value. */
    public JsonWriter name(String name) {
        if (name == null) {
            throw new IllegalArgumentException("member name is null");
        }
        byte s = states[depth];
        if (s == OBJ_MEMBERS) {
            writeByte(',');
        } else if (s != OBJ_EMPTY) {
            throw new IllegalStateException("name() outside an object or twice in a row");
        }
        states[depth] = OBJ_AFTER_NAME;
        string(name);
        ensure(1);
        buf[pos++] = ':';
        return this;
    }

    /** Writes a string, or JSON null for a null reference. */
    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        string(value);
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        writeLong(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        writeBytes(value ? TRUE : FALSE);
        return this;
    }

    /** Writes the number exactly (plain or exponent notation), or JSON null for a null reference. */
    public JsonWriter value(BigDecimal value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        writeAscii(value.toString()); // BigDecimal's grammar output is valid JSON number syntax
        return this;
    }

    /** Writes a finite double in its shortest round-trip form; NaN and infinities have no JSON form. */
    public JsonWriter value(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no representation for " + value);
        }
        beforeValue();
        writeAscii(Double.toString(value)); // e.g. 1.0, 1.0E-5: both valid JSON numbers
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        writeBytes(NULL);
        return this;
    }

    /** Inserts pre-encoded JSON as one value, unchecked; meant for cached fragments. */
    public JsonWriter rawValue(byte[] json) {
        beforeValue();
        writeBytes(json);
        return this;
    }

    /** Inserts pre-encoded ASCII JSON as one value, unchecked apart from being ASCII. */
    public JsonWriter rawAscii(String json) {
        for (int i = 0, n = json.length(); i < n; i++) {
            if (json.charAt(i) >= 0x80) {
                throw new IllegalArgumentException("rawAscii() given a non-ASCII character at " + i);
            }
        }
        beforeValue();
        writeAscii(json);
        return this;
    }

    /**
     * Writes a tree of {@code Map<String,?>} (in iteration order), {@code List<?>}, String,
     * Boolean, Long, Integer, Short, Byte, BigInteger, BigDecimal, Double, Float and null.
     * Any other type (or a non-String key) throws {@link IllegalArgumentException}.
     */
    public JsonWriter writeValue(Object value) {
        switch (value) {
            case null -> nullValue();
            case String s -> value(s);
            case Boolean b -> value(b.booleanValue());
            case Long l -> value(l.longValue());
            case Integer i -> value(i.longValue());
            case Short s -> value(s.longValue());
            case Byte b -> value(b.longValue());
            case BigDecimal d -> value(d);
            case BigInteger i -> {
                beforeValue();
                writeAscii(i.toString());
            }
            case Double d -> value(d.doubleValue());
            case Float f -> value(f.doubleValue());
            case Map<?, ?> map -> {
                beginObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("object key is not a String: " + e.getKey());
                    }
                    name(key);
                    writeValue(e.getValue());
                }
                endObject();
            }
            case List<?> list -> {
                beginArray();
                for (Object element : list) {
                    writeValue(element);
                }
                endArray();
            }
            default -> throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
        return this;
    }

    /** Number of bytes written so far. */
    public int size() {
        return pos;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, pos);
    }

    /** Forgets everything written, keeping the buffer for reuse. */
    public void reset() {
        pos = 0;
        depth = 0;
        states[0] = DOC_EMPTY;
    }

    /** The output decoded as UTF-8. */
    @Override
    public String toString() {
        return new String(buf, 0, pos, StandardCharsets.UTF_8);
    }

    // ---- structure ----

    private void beforeValue() {
        switch (states[depth]) {
            case DOC_EMPTY -> states[depth] = DOC_DONE;
            case OBJ_AFTER_NAME -> states[depth] = OBJ_MEMBERS;
            case ARR_EMPTY -> states[depth] = ARR_ELEMENTS;
            case ARR_ELEMENTS -> writeByte(',');
            case DOC_DONE -> throw new IllegalStateException("the document already holds a value");
            default -> throw new IllegalStateException("an object member needs name() first");
        }
    }

    private void push(byte state) {
        if (++depth == states.length) {
            states = Arrays.copyOf(states, states.length * 2);
        }
        states[depth] = state;
    }

    // ---- bytes ----

    private void string(String s) {
        int len = s.length();
        ensure(len + 2); // room for the all-plain-ASCII case, quotes included
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        int i = 0;
        for (; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || ESCAPES[c] != null) {
                break;
            }
            b[p++] = (byte) c;
        }
        pos = p;
        if (i < len) {
            stringTail(s, i);
            ensure(1);
        }
        buf[pos++] = '"';
    }

    /** The general case: escapes, multi-byte UTF-8 and surrogates, from index i on. */
    private void stringTail(String s, int i) {
        for (int len = s.length(); i < len; i++) {
            ensure(6); // the longest output of one char: a six-byte escape
            char c = s.charAt(i);
            if (c < 0x80) {
                byte[] esc = ESCAPES[c];
                if (esc == null) {
                    buf[pos++] = (byte) c;
                } else {
                    put(esc);
                }
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | c >> 6);
                buf[pos++] = (byte) (0x80 | c & 0x3F);
            } else if (c == '\u2028' || c == '\u2029') {
                put(c == '\u2028' ? JsonEscapes.LINE_SEPARATOR : JsonEscapes.PARAGRAPH_SEPARATOR);
            } else if (!Character.isSurrogate(c)) {
                buf[pos++] = (byte) (0xE0 | c >> 12);
                buf[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[pos++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[pos++] = (byte) (0xF0 | cp >> 18);
                buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[pos++] = (byte) (0x80 | cp & 0x3F);
            } else {
                put(JsonEscapes.REPLACEMENT);
            }
        }
    }

    private void writeLong(long v) {
        if (v == Long.MIN_VALUE) {
            writeBytes(LONG_MIN); // the one value whose magnitude does not fit in a long
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v / 10; t != 0; t /= 10) {
            digits++;
        }
        int p = pos + digits;
        pos = p;
        do {
            buf[--p] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
    }

    private void writeAscii(String s) {
        int len = s.length();
        ensure(len);
        for (int i = 0; i < len; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void writeBytes(byte[] bytes) {
        ensure(bytes.length);
        put(bytes);
    }

    /** Copies bytes into room already ensured. */
    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    private void ensure(int extra) {
        if (extra > buf.length - pos) {
            grow(extra);
        }
    }

    private void grow(int extra) {
        long needed = (long) pos + extra;
        if (needed > MAX_CAPACITY) {
            throw new OutOfMemoryError("JSON output would exceed " + MAX_CAPACITY + " bytes");
        }
        long doubled = Math.max(16L, 2L * buf.length);
        buf = Arrays.copyOf(buf, (int) Math.min(MAX_CAPACITY, Math.max(needed, doubled)));
    }
}
