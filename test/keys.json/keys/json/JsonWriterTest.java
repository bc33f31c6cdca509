package keys.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] stringValue(String s) {
        return new JsonWriter().value(s).toByteArray();
    }

    @Test
    void escapesQuoteBackslashAndShortFormControls() {
        assertArrayEquals(ascii("\"a\\\"b\\\\c\""), stringValue("a\"b\\c"));
        assertArrayEquals(ascii("\"\\b\\f\\n\\r\\t\""), stringValue("\b\f\n\r\t"));
    }

    @Test
    void escapesOtherControlsAsLowercaseHex() {
        assertArrayEquals(ascii("\"\\u0000\\u0001\\u000b\\u001f\""), stringValue("\u0000\u0001\u000b\u001f"));
        for (char c = 0; c < 0x20; c++) {
            byte[] out = stringValue(String.valueOf(c));
            for (byte b : out) {
                assertFalse(b >= 0 && b < 0x20, "raw control byte for U+" + Integer.toHexString(c));
            }
        }
    }

    @Test
    void leavesSlashDelAndSpaceRaw() {
        assertArrayEquals(ascii("\"/ \u007f\""), stringValue("/ \u007f"));
    }

    @Test
    void escapesLineAndParagraphSeparators() {
        assertArrayEquals(ascii("\"a\\u2028b\\u2029\""), stringValue("a\u2028b\u2029"));
    }

    @Test
    void writesNonAsciiRawAsUtf8() {
        assertArrayEquals(bytes('"', 0xC3, 0xA9, '"'), stringValue("é"));
        assertArrayEquals(bytes('"', 0xE2, 0x82, 0xAC, '"'), stringValue("€"));
        assertArrayEquals(bytes('"', 0xF0, 0x9F, 0x98, 0x80, '"'), stringValue("\uD83D\uDE00"));
        assertArrayEquals(bytes('"', 0xF4, 0x8F, 0xBF, 0xBF, '"'), stringValue("\uDBFF\uDFFF"));
    }

    @Test
    void replacesLoneSurrogatesWithReplacementCharacter() {
        assertArrayEquals(bytes('"', 0xEF, 0xBF, 0xBD, '"'), stringValue("\uD800"));
        assertArrayEquals(bytes('"', 0xEF, 0xBF, 0xBD, 'x', '"'), stringValue("\uDC00x"));
        // A low surrogate before its high one is two lone surrogates, not a pair.
        assertArrayEquals(bytes('"', 0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD, '"'), stringValue("\uDE00\uD83D"));
        assertArrayEquals(bytes('"', 'a', 0xEF, 0xBF, 0xBD, '"'), stringValue("a\uDBFF"));
    }

    @Test
    void writesCompactObjectsAndArraysWithCommas() {
        JsonWriter w = new JsonWriter(1)
                .beginObject()
                .name("a").value(1)
                .name("b").beginArray().value(true).value(false).nullValue().beginObject().endObject().endArray()
                .name("c").beginArray().endArray()
                .name("d").value((String) null)
                .endObject();
        assertEquals("{\"a\":1,\"b\":[true,false,null,{}],\"c\":[],\"d\":null}", w.toString());
        assertEquals(w.toString().length(), w.size());
    }

    @Test
    void escapesNames() {
        String out = new JsonWriter().beginObject().name("k\"\n\u2028").value("v").endObject().toString();
        assertEquals("{\"k\\\"\\n\\u2028\":\"v\"}", out);
    }

    @Test
    void writesLongsExactly() {
        long[] values = {0, 7, -7, 10, 99, 100, -100, 123456789012345678L, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1};
        for (long v : values) {
            assertEquals(Long.toString(v), new JsonWriter().value(v).toString());
        }
    }

    @Test
    void writesDecimalsAndDoubles() {
        assertEquals("[1.0,1E+400,-0.001,12345678901234567890]", new JsonWriter().beginArray()
                .value(new BigDecimal("1.0")).value(new BigDecimal("1e400")).value(new BigDecimal("-0.001"))
                .value(new BigDecimal("12345678901234567890")).endArray().toString());
        assertEquals("[1.5,-0.0,1.0E-7,1.0E20]", new JsonWriter().beginArray()
                .value(1.5).value(-0.0).value(1e-7).value(1e20).endArray().toString());
        assertEquals("null", new JsonWriter().value((BigDecimal) null).toString());
    }

    @Test
    void rejectsNonFiniteDoublesBeforeWriting() {
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            JsonWriter w = new JsonWriter().beginArray();
            assertThrows(IllegalArgumentException.class, () -> w.value(d));
            assertEquals("[1]", w.value(1).endArray().toString());
        }
    }

    @Test
    void insertsRawFragmentsAsValues() {
        byte[] cached = "{\"x\":[1,2]}".getBytes(StandardCharsets.UTF_8);
        String out = new JsonWriter().beginArray().rawValue(cached).rawAscii("\"s\"").rawValue(cached).endArray()
                .toString();
        assertEquals("[{\"x\":[1,2]},\"s\",{\"x\":[1,2]}]", out);
        assertThrows(IllegalArgumentException.class, () -> new JsonWriter().rawAscii("\"é\""));
    }

    @Test
    void writesTreesInInsertionOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", null);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("list", new ArrayList<>(List.of(1L, "two", true, new BigDecimal("3.50"), BigInteger.TEN.pow(30))));
        tree.put("inner", inner);
        tree.put("short", (short) -3);
        tree.put("byte", (byte) 4);
        tree.put("double", 0.25);
        assertEquals("{\"list\":[1,\"two\",true,3.50,1000000000000000000000000000000],"
                + "\"inner\":{\"z\":1,\"a\":null},\"short\":-3,\"byte\":4,\"double\":0.25}",
                new String(JsonWriter.encode(tree), StandardCharsets.UTF_8));
        assertEquals("null", new String(JsonWriter.encode(null), StandardCharsets.UTF_8));
    }

    @Test
    void rejectsUnsupportedTreeValues() {
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.encode(new Object()));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.encode(Map.of(1, "a")));
    }

    @Test
    void chainsByReturningItself() {
        JsonWriter w = new JsonWriter();
        assertSame(w, w.beginArray());
        assertSame(w, w.value("a"));
        assertSame(w, w.value(1));
        assertSame(w, w.value(true));
        assertSame(w, w.value(1.5));
        assertSame(w, w.value(BigDecimal.ONE));
        assertSame(w, w.nullValue());
        assertSame(w, w.rawAscii("0"));
        assertSame(w, w.rawValue(ascii("0")));
        assertSame(w, w.writeValue(List.of()));
        assertSame(w, w.endArray());
    }

    @Test
    void rejectsStructuralMisuse() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("a"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").name("b"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().endArray());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
        assertThrows(IllegalArgumentException.class, () -> new JsonWriter().beginObject().name(null));
    }

    @Test
    void nestsDeeperThanTheInitialStateStack() {
        JsonWriter w = new JsonWriter(0);
        for (int i = 0; i < 1000; i++) {
            w.beginArray();
        }
        for (int i = 0; i < 1000; i++) {
            w.endArray();
        }
        assertEquals("[".repeat(1000) + "]".repeat(1000), w.toString());
    }

    @Test
    void growsForLongStrings() {
        String big = "é\n".repeat(100_000);
        JsonWriter w = new JsonWriter(4).value(big);
        assertEquals(2 + 100_000 * 4, w.size());
        assertEquals(big, Json.parse(w.toByteArray()));
    }

    @Test
    void resetsForReuseAndWritesToStreams() throws IOException {
        JsonWriter w = new JsonWriter().beginObject().name("a").value(1).endObject();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.writeTo(out);
        assertEquals("{\"a\":1}", out.toString(StandardCharsets.UTF_8));
        w.reset();
        assertEquals(0, w.size());
        assertEquals("[2]", w.beginArray().value(2).endArray().toString());
        assertArrayEquals(ascii("[2]"), w.toByteArray());
    }
}
