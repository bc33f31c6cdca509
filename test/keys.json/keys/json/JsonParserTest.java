package keys.json;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accepted documents and the Java values they become. Rejections: {@link JsonRejectionTest}. */
class JsonParserTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesScalars() {
        assertEquals(Boolean.TRUE, Json.parse("true"));
        assertEquals(Boolean.FALSE, Json.parse("false"));
        assertNull(Json.parse("null"));
        assertEquals("", Json.parse("\"\""));
        assertEquals("abc", Json.parse("\"abc\""));
        assertEquals(0L, Json.parse("0"));
    }

    @Test
    void parsesObjectsAsLinkedHashMapsInDocumentOrder() {
        Object parsed = Json.parse("{\"z\":1,\"a\":[],\"m\":{}}");
        LinkedHashMap<?, ?> map = assertInstanceOf(LinkedHashMap.class, parsed);
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(map.keySet()));
        assertInstanceOf(ArrayList.class, map.get("a"));
        assertInstanceOf(LinkedHashMap.class, map.get("m"));
    }

    @Test
    void keepsTheLastValueOfADuplicateKey() {
        Map<?, ?> map = (Map<?, ?>) Json.parse("{\"a\":1,\"b\":2,\"a\":3}");
        assertEquals(Map.of("a", 3L, "b", 2L), map);
        assertEquals(List.of("a", "b"), new ArrayList<>(map.keySet()));
    }

    @Test
    void parsesNestedArrays() {
        Object parsed = Json.parse("[1,[\"x\",[null,true]],{\"k\":[{}]}]");
        List<Object> expected = List.of(1L, List.of("x", Arrays.asList(null, true)),
                Map.of("k", List.of(Map.of())));
        assertEquals(expected, parsed);
    }

    @Test
    void acceptsTheFourWhitespaceCharactersEverywhere() {
        Object parsed = Json.parse(" \t\r\n{ \"a\" \n:\t[ 1 ,\r2 ] , \"b\" : { } } \n");
        assertEquals(Map.of("a", List.of(1L, 2L), "b", Map.of()), parsed);
    }

    @Test
    void typesNumbers() {
        assertAll(
                () -> assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807")),
                () -> assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808")),
                () -> assertEquals(new BigDecimal("9223372036854775808"), Json.parse("9223372036854775808")),
                () -> assertEquals(new BigDecimal("-9223372036854775809"), Json.parse("-9223372036854775809")),
                () -> assertEquals(123456789012345678L, Json.parse("123456789012345678")),
                () -> assertEquals(-999999999999999999L, Json.parse("-999999999999999999")),
                () -> assertEquals(0L, Json.parse("-0")),
                () -> assertEquals(new BigDecimal("1.0"), Json.parse("1.0")),
                () -> assertEquals(new BigDecimal("-0.0"), Json.parse("-0.0")),
                () -> assertEquals(new BigDecimal("1E+400"), Json.parse("1e400")),
                () -> assertEquals(new BigDecimal("1E+400"), Json.parse("1E+400")),
                () -> assertEquals(new BigDecimal("2.5E-7"), Json.parse("2.5e-7")),
                () -> assertEquals(new BigDecimal("1E+2"), Json.parse("1e2")),
                () -> assertEquals(new BigDecimal("0E+0"), Json.parse("0e0")),
                () -> assertEquals(new BigDecimal("123456789.123456789123456789"),
                        Json.parse("123456789.123456789123456789")));
    }

    @Test
    void keepsTheExactScaleOfDecimals() {
        BigDecimal d = (BigDecimal) Json.parse("1.50");
        assertEquals(2, d.scale());
        assertEquals(-400, ((BigDecimal) Json.parse("1e400")).scale());
    }

    @Test
    void parsesHugeIntegersExactly() {
        String digits = "1" + "0".repeat(999);
        assertEquals(new BigDecimal(digits), Json.parse(digits));
        assertEquals(new BigDecimal("-" + digits), Json.parse("-" + digits));
    }

    @Test
    void decodesEscapes() {
        assertEquals("\"\\/\b\f\n\r\t", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""));
        assertEquals("A\u00e9\u20ac", Json.parse("\"\\u0041\\u00E9\\u20ac\""));
        assertEquals("\u0000\u001f", Json.parse("\"\\u0000\\u001F\""));
        assertEquals("\uD83D\uDE00", Json.parse("\"\\ud83d\\ude00\""));
    }

    @Test
    void keepsLoneSurrogateEscapesAsIs() {
        assertEquals("\uD800", Json.parse("\"\\ud800\""));
        assertEquals("\uDC00x", Json.parse("\"\\udc00x\""));
        assertEquals("\uDE00\uD83D", Json.parse("\"\\ude00\\ud83d\""));
    }

    @Test
    void decodesRawUtf8AtEveryBoundary() {
        int[] codePoints = {0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
        for (int cp : codePoints) {
            String s = "a" + Character.toString(cp) + "b";
            assertEquals(s, Json.parse(utf8("\"" + s + "\"")), "U+" + Integer.toHexString(cp));
        }
        assertEquals("\u2028\u2029", Json.parse(utf8("\"\u2028\u2029\"")));
    }

    @Test
    void decodesMixedEscapesAndUtf8InOneString() {
        String doc = "\"plain prefix é\\n\uD83D\uDE00\\u0041" + "x".repeat(200) + "\"";
        assertEquals("plain prefix é\n\uD83D\uDE00A" + "x".repeat(200), Json.parse(utf8(doc)));
    }

    @Test
    void parsesASliceWithOffsetsRelativeToIt() {
        byte[] buf = utf8("xx[1,2]yy");
        assertEquals(List.of(1L, 2L), Json.parse(buf, 2, 5));
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(buf, 2, 4));
        assertEquals("unexpected end of input", e.reason());
        assertEquals(4, e.offset());
        assertThrows(IndexOutOfBoundsException.class, () -> Json.parse(buf, 5, 10));
    }

    @Test
    void readsLoneSurrogatesInAJavaStringAsReplacementCharacters() {
        assertEquals("a\uFFFDb", Json.parse("\"a\uD800b\""));
        assertEquals("\uD83D\uDE00", Json.parse("\"\uD83D\uDE00\""));
    }

    @Test
    void acceptsNestingUpToTheDefaultLimit() {
        int limit = Json.DEFAULT_MAX_DEPTH;
        Object parsed = Json.parse("[".repeat(limit) + "]".repeat(limit));
        for (int i = 1; i < limit; i++) {
            parsed = ((List<?>) parsed).get(0);
        }
        assertEquals(List.of(), parsed);
        assertInstanceOf(Map.class, Json.parse("{\"a\":".repeat(limit - 1) + "{}" + "}".repeat(limit - 1)));
    }

    @Test
    void takesACustomDepthLimit() {
        byte[] three = utf8("[[{}]]");
        assertEquals(List.of(List.of(Map.of())), Json.parse(three, 0, three.length, 3));
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(three, 0, three.length, 2));
        assertEquals("nesting too deep", e.reason());
        assertEquals(2, e.offset());
        byte[] scalar = utf8("7");
        assertEquals(7L, Json.parse(scalar, 0, 1, 0));
        assertThrows(JsonParseException.class, () -> Json.parse(utf8("[]"), 0, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> Json.parse(scalar, 0, 1, -1));
    }

    @Test
    void parsesVeryDeepNestingWithoutRecursion() {
        int depth = 200_000; // far beyond what a recursive parser survives on a default stack
        byte[] doc = utf8("[".repeat(depth) + "]".repeat(depth));
        Object parsed = Json.parse(doc, 0, doc.length, Integer.MAX_VALUE);
        int seen = 0;
        while (parsed instanceof List<?> list && !list.isEmpty()) {
            parsed = list.get(0);
            seen++;
        }
        assertEquals(depth - 1, seen);
        byte[] open = utf8("{\"k\":[".repeat(depth));
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> Json.parse(open, 0, open.length, Integer.MAX_VALUE));
        assertEquals("unexpected end of input", e.reason());
        assertEquals(open.length, e.offset());
    }
}
