package keys.json;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Strict RFC 8259 parsing into plain Java values.
 *
 * <p>Objects become {@code LinkedHashMap<String,Object>} in document order (a duplicate key keeps
 * its first position and its last value), arrays {@code ArrayList<Object>}, strings String,
 * true/false Boolean, null a null reference. A number without fraction or exponent that fits in a
 * long becomes a Long ({@code -0} is Long 0); every other number becomes an exact BigDecimal
 * ({@code 1.0} keeps its scale, {@code 1e400} is exact).
 *
 * <p>Rejected: anything outside the RFC grammar (trailing commas, leading zeros, {@code +1},
 * {@code .5}, {@code 1.}, NaN/Infinity, comments, a byte order mark, trailing data, empty input),
 * unescaped control characters and unknown escapes in strings, invalid UTF-8 (overlong forms,
 * encoded surrogates, bytes above F4, truncated sequences), nesting deeper than the limit
 * (default {@value #DEFAULT_MAX_DEPTH}) and numbers longer than
 * {@value JsonParser#MAX_NUMBER_LENGTH} characters (converting longer ones costs quadratic time).
 *
 * <p>Choice: a lone surrogate written as an escape (backslash-u D800 with no low half after it)
 * is accepted and kept as is in the Java string, as the RFC permits; {@link JsonWriter} turns it
 * into U+FFFD on output.
 *
 * <p>Every malformed input throws {@link JsonParseException} and nothing else; the parser keeps
 * its own stack, so deep nesting cannot overflow the thread's stack even with a huge limit.
 */
public final class Json {
    public static final int DEFAULT_MAX_DEPTH = 64;

    private Json() {}

    public static Object parse(byte[] utf8) {
        return parse(utf8, 0, utf8.length, DEFAULT_MAX_DEPTH);
    }

    /** Parses {@code len} bytes from {@code off}; error offsets are relative to {@code off}. */
    public static Object parse(byte[] utf8, int off, int len) {
        return parse(utf8, off, len, DEFAULT_MAX_DEPTH);
    }

    /**
     * As {@link #parse(byte[], int, int)} with at most {@code maxDepth} nested objects/arrays
     * ({@code []} has depth 1; 0 allows scalars only).
     */
    public static Object parse(byte[] utf8, int off, int len, int maxDepth) {
        Objects.checkFromIndexSize(off, len, utf8.length);
        if (maxDepth < 0) {
            throw new IllegalArgumentException("negative maxDepth: " + maxDepth);
        }
        return new JsonParser(utf8, off, len, maxDepth).parseDocument();
    }

    /** Parses the UTF-8 encoding of {@code json}; lone surrogates in it read as U+FFFD. */
    public static Object parse(String json) {
        // String.getBytes would turn a lone surrogate into '?', silently changing string content.
        byte[] utf8 = withoutLoneSurrogates(json).getBytes(StandardCharsets.UTF_8);
        return parse(utf8, 0, utf8.length, DEFAULT_MAX_DEPTH);
    }

    private static String withoutLoneSurrogates(String s) {
        StringBuilder fixed = null;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            if (fixed == null) {
                fixed = new StringBuilder(s);
            }
            fixed.setCharAt(i, '\uFFFD');
        }
        return fixed == null ? s : fixed.toString();
    }
}
