package keys.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One strict parse of one document (see {@link Json} for the accepted language).
 *
 * <p>Iterative, with its own container stack, so that no input can overflow the thread's stack;
 * every read is bounds-checked against {@code end} first, so that no input reaches an
 * IndexOutOfBoundsException.
 */
final class JsonParser {
    /** Longer numbers are refused: BigInteger/BigDecimal conversion is quadratic in the length. */
    static final int MAX_NUMBER_LENGTH = 4096;

    /** Integers of at most this many digits always fit in a long. */
    private static final int SAFE_LONG_DIGITS = 18;

    private final byte[] buf;
    private final int start;
    private final int end;
    private final int maxDepth;
    private int pos;

    // Open containers, innermost last; keys[i] is the member name awaiting its value in an object.
    private Object[] containers = new Object[8];
    private String[] keys = new String[8];
    private int depth;

    private char[] chars = new char[64]; // scratch for strings that need decoding

    JsonParser(byte[] buf, int off, int len, int maxDepth) {
        this.buf = buf;
        this.start = off;
        this.end = off + len;
        this.maxDepth = maxDepth;
        this.pos = off;
    }

    Object parseDocument() {
        skipWhitespace();
        Object value = parseValue();
        skipWhitespace();
        if (pos < end) {
            throw error("trailing characters", pos);
        }
        return value;
    }

    /** Reads one complete value; containers are filled by the loop, not by recursion. */
    private Object parseValue() {
        while (true) {
            Object value;
            // Descend: open containers until a scalar or an empty container gives a value.
            if (pos >= end) {
                throw error("unexpected end of input", pos);
            }
            int b = buf[pos];
            if (b == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                push(map);
                skipWhitespace();
                if (pos < end && buf[pos] == '}') {
                    pos++;
                    depth--;
                    value = map;
                } else {
                    readKey();
                    continue;
                }
            } else if (b == '[') {
                List<Object> list = new ArrayList<>();
                push(list);
                skipWhitespace();
                if (pos < end && buf[pos] == ']') {
                    pos++;
                    depth--;
                    value = list;
                } else {
                    continue;
                }
            } else {
                value = parseScalar(b);
            }
            // Ascend: hand the value to its container, closing containers as their ends arrive.
            while (true) {
                if (depth == 0) {
                    return value;
                }
                Object container = containers[depth - 1];
                boolean isObject = container instanceof Map;
                add(container, value);
                skipWhitespace();
                if (pos >= end) {
                    throw error("unexpected end of input", pos);
                }
                int c = buf[pos];
                if (c == ',') {
                    int comma = pos++;
                    skipWhitespace();
                    if (pos < end && (buf[pos] == '}' || buf[pos] == ']')) {
                        throw error("trailing comma", comma);
                    }
                    if (isObject) {
                        readKey();
                    }
                    break; // next member's value
                }
                if (c == (isObject ? '}' : ']')) {
                    pos++;
                    depth--;
                    value = container;
                    continue;
                }
                throw error(isObject ? "expected ',' or '}'" : "expected ',' or ']'", pos);
            }
            skipWhitespace();
        }
    }

    @SuppressWarnings("unchecked")
    private void add(Object container, Object value) {
        if (container instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(keys[depth - 1], value);
        } else {
            ((List<Object>) container).add(value);
        }
    }

    private void push(Object container) {
        if (depth == maxDepth) {
            throw error("nesting too deep", pos);
        }
        if (depth == containers.length) {
            containers = Arrays.copyOf(containers, depth * 2);
            keys = Arrays.copyOf(keys, depth * 2);
        }
        containers[depth++] = container;
        pos++;
    }

    /** Reads {@code "name" :} of the innermost object, leaving pos at the value. */
    private void readKey() {
        if (pos >= end) {
            throw error("unexpected end of input", pos);
        }
        if (buf[pos] != '"') {
            throw error("expected string key", pos);
        }
        keys[depth - 1] = readString();
        skipWhitespace();
        if (pos >= end || buf[pos] != ':') {
            throw error("expected ':'", pos);
        }
        pos++;
        skipWhitespace();
    }

    private Object parseScalar(int b) {
        return switch (b) {
            case '"' -> readString();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> readNumber();
            default -> throw error("unexpected character", pos);
        };
    }

    private Object literal(String word, Object value) {
        int n = word.length();
        if (end - pos < n) {
            throw error("invalid literal", pos);
        }
        for (int i = 0; i < n; i++) {
            if (buf[pos + i] != word.charAt(i)) {
                throw error("invalid literal", pos);
            }
        }
        pos += n;
        return value;
    }

    // ---- numbers ----

    private Object readNumber() {
        int first = pos;
        if (buf[pos] == '-') {
            pos++;
        }
        int digitsStart = pos;
        requireDigits();
        if (buf[digitsStart] == '0' && pos - digitsStart > 1) {
            throw error("leading zero", digitsStart);
        }
        int digitsEnd = pos;
        boolean integral = true;
        if (pos < end && buf[pos] == '.') {
            pos++;
            integral = false;
            requireDigits();
        }
        if (pos < end && (buf[pos] == 'e' || buf[pos] == 'E')) {
            pos++;
            integral = false;
            if (pos < end && (buf[pos] == '+' || buf[pos] == '-')) {
                pos++;
            }
            requireDigits();
        }
        if (pos - first > MAX_NUMBER_LENGTH) {
            throw error("number too long", first);
        }
        if (integral && digitsEnd - digitsStart <= SAFE_LONG_DIGITS) {
            long v = 0;
            for (int i = digitsStart; i < digitsEnd; i++) {
                v = v * 10 + (buf[i] - '0');
            }
            return first == digitsStart ? v : -v;
        }
        String text = new String(buf, first, pos - first, StandardCharsets.US_ASCII);
        if (integral) {
            BigInteger big = new BigInteger(text);
            return big.bitLength() < Long.SIZE ? (Object) big.longValue() : new BigDecimal(big);
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw error("number out of range", first); // an exponent beyond BigDecimal's int scale
        }
    }

    private void requireDigits() {
        int from = pos;
        skipDigits();
        if (pos == from) {
            throw error("expected digit", pos);
        }
    }

    private void skipDigits() {
        while (pos < end && isDigit(buf[pos])) {
            pos++;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    // ---- strings ----

    /** Reads a string starting at its opening quote. */
    private String readString() {
        int quote = pos;
        int p = quote + 1;
        // Fast path: printable ASCII without escapes needs no decoding at all.
        while (p < end) {
            int b = buf[p];
            if (b == '"') {
                pos = p + 1;
                return new String(buf, quote + 1, p - quote - 1, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0x20) { // negative bytes (non-ASCII) included
                break;
            }
            p++;
        }
        return decodeString(quote, p);
    }

    /** The general case, from {@code p} on, after the plain prefix that starts behind {@code quote}. */
    private String decodeString(int quote, int p) {
        int n = 0;
        ensureChars(p - quote + 16);
        for (int i = quote + 1; i < p; i++) {
            chars[n++] = (char) buf[i];
        }
        while (true) {
            if (p >= end) {
                throw error("unterminated string", quote);
            }
            ensureChars(n + 2);
            int b = buf[p] & 0xFF;
            if (b == '"') {
                pos = p + 1;
                return new String(chars, 0, n);
            } else if (b == '\\') {
                p = readEscape(p, n);
                n++;
            } else if (b < 0x20) {
                throw error("unescaped control character", p);
            } else if (b < 0x80) {
                chars[n++] = (char) b;
                p++;
            } else {
                int cp = readUtf8(p);
                p += Character.charCount(cp) == 2 ? 4 : cp < 0x800 ? 2 : 3;
                n += Character.toChars(cp, chars, n);
            }
        }
    }

    /** Decodes the escape at {@code p} into chars[n]; returns the position after it. */
    private int readEscape(int p, int n) {
        if (p + 1 >= end) {
            throw error("unterminated string", p);
        }
        char c = switch (buf[p + 1]) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> hex4(p);
            default -> throw error("invalid escape", p);
        };
        chars[n] = c; // surrogate halves are stored one by one, so pairs reassemble by themselves
        return buf[p + 1] == 'u' ? p + 6 : p + 2;
    }

    private char hex4(int p) {
        if (end - p < 6) {
            throw error("invalid escape", p);
        }
        int v = 0;
        for (int i = p + 2; i < p + 6; i++) {
            int d = Character.digit(buf[i], 16); // the ASCII hex digits only: buf[i] is a byte
            if (d < 0) {
                throw error("invalid escape", p);
            }
            v = v << 4 | d;
        }
        return (char) v;
    }

    /** Validates the multi-byte UTF-8 sequence at {@code p} and returns its code point. */
    private int readUtf8(int p) {
        int b0 = buf[p] & 0xFF;
        if (b0 < 0xC2 || b0 > 0xF4) { // continuation bytes, overlong 2-byte leads, beyond U+10FFFF
            throw error("invalid UTF-8", p);
        }
        if (b0 < 0xE0) {
            return (b0 & 0x1F) << 6 | continuation(p, 1, 0x80, 0xBF);
        }
        if (b0 < 0xF0) {
            // E0 needs A0+ (else overlong); ED must stay below A0 (else a UTF-16 surrogate).
            int b1 = continuation(p, 1, b0 == 0xE0 ? 0xA0 : 0x80, b0 == 0xED ? 0x9F : 0xBF);
            return (b0 & 0x0F) << 12 | b1 << 6 | continuation(p, 2, 0x80, 0xBF);
        }
        // F0 needs 90+ (else overlong); F4 must stay below 90 (else beyond U+10FFFF).
        int b1 = continuation(p, 1, b0 == 0xF0 ? 0x90 : 0x80, b0 == 0xF4 ? 0x8F : 0xBF);
        int b2 = continuation(p, 2, 0x80, 0xBF);
        return (b0 & 0x07) << 18 | b1 << 12 | b2 << 6 | continuation(p, 3, 0x80, 0xBF);
    }

    /** The low six bits of byte {@code p + k}, which must lie in [lo, hi]. */
    private int continuation(int p, int k, int lo, int hi) {
        if (p + k >= end) {
            throw error("invalid UTF-8", p);
        }
        int b = buf[p + k] & 0xFF;
        if (b < lo || b > hi) {
            throw error("invalid UTF-8", p);
        }
        return b & 0x3F;
    }

    private void ensureChars(int needed) {
        if (needed > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(needed, chars.length * 2));
        }
    }

    // ---- whitespace and errors ----

    private void skipWhitespace() {
        while (pos < end) {
            byte b = buf[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private JsonParseException error(String reason, int at) {
        return new JsonParseException(reason, at - start);
    }
}
