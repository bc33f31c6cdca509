package keys.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

/** Properties tying the encoder and the parser together. */
class JsonRoundTripTest {

    @Test
    void parsingAnEncodedTreeGivesItBack() {
        Prop.forAll(500, JsonGens.TREES, tree -> {
            byte[] encoded = JsonWriter.encode(tree);
            Object parsed = Json.parse(encoded);
            assertEquals(tree, parsed);
            // equals ignores map order; identical bytes prove the order survived too.
            assertArrayEquals(encoded, JsonWriter.encode(parsed));
        });
    }

    @Test
    void roundTripsNestingUpToTheDepthLimit() {
        Prop.forAll(Gens.ints(0, Json.DEFAULT_MAX_DEPTH).flatMap(JsonGens::nested), tree ->
                assertEquals(tree, Json.parse(JsonWriter.encode(tree))));
    }

    @Test
    void rejectsNestingOnePastTheDepthLimit() {
        Prop.forAll(JsonGens.nested(Json.DEFAULT_MAX_DEPTH + 1), tree -> {
            JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(JsonWriter.encode(tree)));
            assertEquals("nesting too deep", e.reason());
        });
    }

    @Test
    void anyJavaStringEncodesToValidUtf8AndValidJson() {
        Prop.forAll(Gens.strings(300), s -> {
            String expected = withReplacedLoneSurrogates(s);
            byte[] asValue = new JsonWriter().value(s).toByteArray();
            assertValidUtf8(asValue);
            assertNoRawControlsOrSeparators(asValue);
            assertEquals(expected, Json.parse(asValue));

            byte[] asMember = new JsonWriter().beginObject().name(s).value(s).endObject().toByteArray();
            assertValidUtf8(asMember);
            assertEquals(Map.of(expected, expected), Json.parse(asMember));
        });
    }

    @Test
    void parsingAJavaStringMatchesParsingItsEncoding() {
        Prop.forAll(JsonGens.TREES, tree -> {
            String text = new String(JsonWriter.encode(tree), StandardCharsets.UTF_8);
            assertEquals(tree, Json.parse(text));
        });
    }

    @Test
    void writerIsReusableAfterReset() {
        JsonWriter w = new JsonWriter(8);
        Prop.forAll(JsonGens.TREES, tree -> {
            w.reset();
            assertArrayEquals(JsonWriter.encode(tree), w.writeValue(tree).toByteArray());
        });
    }

    /** The oracle, independent of the encoder: code point by code point, surrogates become U+FFFD. */
    private static String withReplacedLoneSurrogates(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.appendCodePoint(
                cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE ? 0xFFFD : cp));
        return b.toString();
    }

    private static void assertValidUtf8(byte[] bytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            strict.decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new AssertionError("encoder wrote invalid UTF-8: " + e, e);
        }
    }

    private static void assertNoRawControlsOrSeparators(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            assertFalse(bytes[i] >= 0 && bytes[i] < 0x20, "raw control byte " + bytes[i]);
            // U+2028 is E2 80 A8, U+2029 is E2 80 A9.
            boolean separator = i + 2 < bytes.length && (bytes[i] & 0xFF) == 0xE2 && (bytes[i + 1] & 0xFF) == 0x80
                    && ((bytes[i + 2] & 0xFF) == 0xA8 || (bytes[i + 2] & 0xFF) == 0xA9);
            assertFalse(separator, "raw U+2028/U+2029 at byte " + i);
        }
    }
}
