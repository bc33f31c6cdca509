package keys.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Classic invalid documents, each with the reason and byte offset it must be rejected with. */
class JsonRejectionTest {

    private record Case(String name, byte[] doc, String reason, int offset) {}

    private static Case text(String doc, String reason, int offset) {
        return new Case(show(doc), doc.getBytes(StandardCharsets.UTF_8), reason, offset);
    }

    /** A readable, bounded test name: invisible and non-ASCII characters escaped. */
    private static String show(String doc) {
        StringBuilder b = new StringBuilder("`");
        for (char c : doc.toCharArray()) {
            if (b.length() > 40) {
                b.append("...");
                break;
            }
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.append('`').toString();
    }

    /** A string literal holding the given hex bytes: the bad sequence always starts at offset 1. */
    private static Case badUtf8InString(String hex) {
        byte[] inner = HexFormat.of().parseHex(hex);
        byte[] doc = new byte[inner.length + 2];
        doc[0] = '"';
        System.arraycopy(inner, 0, doc, 1, inner.length);
        doc[doc.length - 1] = '"';
        return new Case("string with bytes " + hex, doc, "invalid UTF-8", 1);
    }

    private static Stream<Case> cases() {
        String deepArrays = "[".repeat(65) + "]".repeat(65);
        String deepObjects = "{\"a\":".repeat(64) + "{}" + "}".repeat(64);
        return Stream.of(
                text("", "unexpected end of input", 0),
                text("  \n", "unexpected end of input", 3),
                text("[", "unexpected end of input", 1),
                text("{", "unexpected end of input", 1),
                text("[1,", "unexpected end of input", 3),
                text("{\"a\":", "unexpected end of input", 5),
                text("[1,]", "trailing comma", 2),
                text("[1, \n]", "trailing comma", 2),
                text("{\"a\":1,}", "trailing comma", 6),
                text("[1,,2]", "unexpected character", 3),
                text("[,]", "unexpected character", 1),
                text("01", "leading zero", 0),
                text("-01", "leading zero", 1),
                text("[00]", "leading zero", 1),
                text("+1", "unexpected character", 0),
                text(".5", "unexpected character", 0),
                text("1.", "expected digit", 2),
                text("1.e5", "expected digit", 2),
                text("1e", "expected digit", 2),
                text("1e+", "expected digit", 3),
                text("-", "expected digit", 1),
                text("-a", "expected digit", 1),
                text("NaN", "unexpected character", 0),
                text("Infinity", "unexpected character", 0),
                text("-Infinity", "expected digit", 1),
                text("0x10", "trailing characters", 1),
                text("1 2", "trailing characters", 2),
                text("1.5.3", "trailing characters", 3),
                text("{} x", "trailing characters", 3),
                text("[1]]", "trailing characters", 3),
                text("\"a\"\"b\"", "trailing characters", 3),
                text("truex", "trailing characters", 4),
                text("tru", "invalid literal", 0),
                text("nul", "invalid literal", 0),
                text("[nulL]", "invalid literal", 1),
                text("True", "unexpected character", 0),
                text("\"abc", "unterminated string", 0),
                text("[\"abc", "unterminated string", 1),
                text("\"a\\", "unterminated string", 2),
                text("\"\t\"", "unescaped control character", 1),
                text("\"a\nb\"", "unescaped control character", 2),
                text("\"\u0000\"", "unescaped control character", 1),
                text("\"\u001f\"", "unescaped control character", 1),
                text("\"\\x\"", "invalid escape", 1),
                text("\"\\'\"", "invalid escape", 1),
                text("\"\\U0041\"", "invalid escape", 1),
                text("\"ab\\u00g0\"", "invalid escape", 3),
                text("\"\\u12\"", "invalid escape", 1),
                text("\"\\u12", "invalid escape", 1),
                text("{\"a\" 1}", "expected ':'", 5),
                text("{\"a\"", "expected ':'", 4),
                text("{a:1}", "expected string key", 1),
                text("{1:1}", "expected string key", 1),
                text("{'a':1}", "expected string key", 1),
                text("{\"a\":1 \"b\":2}", "expected ',' or '}'", 7),
                text("{\"a\":1]", "expected ',' or '}'", 6),
                text("[1 2]", "expected ',' or ']'", 3),
                text("[1}", "expected ',' or ']'", 2),
                text("]", "unexpected character", 0),
                text("}", "unexpected character", 0),
                text("'a'", "unexpected character", 0),
                text("/* c */ 1", "unexpected character", 0),
                text("\f1", "unexpected character", 0),
                text("\u000b1", "unexpected character", 0),
                text("\u00a01", "unexpected character", 0),
                text("\uFEFF1", "unexpected character", 0),
                text(deepArrays, "nesting too deep", 64),
                text(deepObjects, "nesting too deep", 64 * 5),
                text("1" + "0".repeat(5000), "number too long", 0),
                text("[1e9999999999]", "number out of range", 1),
                badUtf8InString("80"),
                badUtf8InString("bf"),
                badUtf8InString("c080"),
                badUtf8InString("c1bf"),
                badUtf8InString("e08080"),
                badUtf8InString("e09fbf"),
                badUtf8InString("eda080"),
                badUtf8InString("edbfbf"),
                badUtf8InString("f0808080"),
                badUtf8InString("f08fbfbf"),
                badUtf8InString("f4908080"),
                badUtf8InString("f5808080"),
                badUtf8InString("f8"),
                badUtf8InString("fe"),
                badUtf8InString("ff"),
                badUtf8InString("c3"),
                badUtf8InString("e282"),
                badUtf8InString("f09f98"),
                badUtf8InString("c3c3"),
                new Case("unfinished sequence at the very end", new byte[] {'"', (byte) 0xC3}, "invalid UTF-8", 1),
                new Case("bare non-ASCII byte outside a string", new byte[] {(byte) 0xE9}, "unexpected character", 0));
    }

    @TestFactory
    Stream<DynamicTest> rejectsEachClassicInvalidDocument() {
        return cases().map(c -> DynamicTest.dynamicTest(c.name() + " -> " + c.reason(), () -> {
            JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(c.doc()));
            assertEquals(c.reason(), e.reason(), "reason");
            assertEquals(c.offset(), e.offset(), "offset");
            assertEquals(c.reason() + " at offset " + c.offset(), e.getMessage());
        }));
    }

    @Test
    void reportsOffsetsInUtf8BytesForStrings() {
        // "é" is two bytes in UTF-8, so the stray comma sits at byte 5, not char 4.
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse("[\"é\",]"));
        assertEquals("trailing comma", e.reason());
        assertEquals(5, e.offset());
    }
}
