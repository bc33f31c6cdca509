package keys.json;

import java.nio.charset.StandardCharsets;

/** What {@link JsonWriter} writes in place of characters that may not appear raw in its strings. */
final class JsonEscapes {
    private JsonEscapes() {}

    /** Escape sequence per ASCII character, null when the character is written as is. */
    static final byte[][] ASCII = new byte[128][];

    // Raw U+2028/U+2029 end a line inside a JavaScript string literal, so they are always escaped.
    static final byte[] LINE_SEPARATOR = ascii("\\u2028");
    static final byte[] PARAGRAPH_SEPARATOR = ascii("\\u2029");

    /** U+FFFD in UTF-8: stands in for a lone surrogate, which has no UTF-8 form. */
    static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    static {
        byte[] hex = ascii("0123456789abcdef");
        for (int c = 0; c < 0x20; c++) {
            ASCII[c] = new byte[] {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
        }
        ASCII['"'] = ascii("\\\"");
        ASCII['\\'] = ascii("\\\\");
        ASCII['\b'] = ascii("\\b");
        ASCII['\f'] = ascii("\\f");
        ASCII['\n'] = ascii("\\n");
        ASCII['\r'] = ascii("\\r");
        ASCII['\t'] = ascii("\\t");
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
