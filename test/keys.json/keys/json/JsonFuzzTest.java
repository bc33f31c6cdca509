package keys.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: whatever the bytes, the parser either returns a value or throws
 * {@link JsonParseException} with an offset inside the document, never anything else. Counts,
 * not time, bound every loop.
 */
class JsonFuzzTest {
    private static final int TRIES = 10_000;

    /** Fragments that make it past the first byte often: structure, escapes, numbers, UTF-8. */
    private static final Gen<String> TOKENS = Gens.elements(List.of(
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "u", "0", "1", "9", "-",
            "+", ".", "e", "E", "true", "false", "null", "tru", " ", "\n", "\t", "\u0000", "\u001f", "a",
            "\u00e9", "\u2028", "\uD83D\uDE00", "00", "1e400", "9223372036854775808", "\"k\":"));

    /** Raw bytes that are not UTF-8 on their own: continuations, overlong and surrogate leads. */
    private static final Gen<Integer> ODD_BYTES = Gens.elements(0x80, 0xBF, 0xC0, 0xC1, 0xC3, 0xE0, 0xED,
            0xEF, 0xF0, 0xF4, 0xF5, 0xFF);

    private static final Gen<byte[]> JSONISH = s -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0, n = s.drawInt(0, 40); i < n; i++) {
            if (s.drawInt(0, 9) == 0) {
                out.write(ODD_BYTES.generate(s));
            } else {
                out.writeBytes(TOKENS.generate(s).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    };

    /** A valid document with one to four bytes flipped, inserted, deleted, or the tail cut off. */
    private static final Gen<byte[]> MUTATED = s -> {
        byte[] doc = JsonWriter.encode(JsonGens.TREES.generate(s));
        for (int i = 0, n = s.drawInt(1, 4); i < n; i++) {
            doc = mutate(doc, s.drawInt(0, 3), s.drawInt(0, doc.length), s.drawInt(0, 255));
        }
        return doc;
    };

    private static byte[] mutate(byte[] doc, int op, int at, int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(doc.length + 1);
        int tail = Math.min(at, doc.length);
        out.write(doc, 0, tail);
        switch (op) {
            case 0 -> { // flip: replace the byte at `at` (or append when at the end)
                out.write(value);
                tail = Math.min(tail + 1, doc.length);
            }
            case 1 -> out.write(value); // insert
            case 2 -> tail = Math.min(tail + 1, doc.length); // delete
            default -> tail = doc.length; // truncate at `at`
        }
        if (op != 3) {
            out.write(doc, tail, doc.length - tail);
        }
        return out.toByteArray();
    }

    /** Throws (failing the property) on anything but a clean result or a well-formed rejection. */
    private static void parsesOrRejectsCleanly(byte[] doc) {
        Object parsed;
        try {
            parsed = Json.parse(doc);
        } catch (JsonParseException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= doc.length, "offset " + e.offset() + " outside the document");
            assertFalse(e.reason().isEmpty(), "empty reason");
            return;
        }
        // Whatever was accepted must re-encode into something that parses to the same bytes again.
        byte[] once = JsonWriter.encode(parsed);
        assertArrayEquals(once, JsonWriter.encode(Json.parse(once)));
    }

    @Test
    void survivesRandomBytes() {
        Prop.forAll(TRIES, Gens.bytes(64), JsonFuzzTest::parsesOrRejectsCleanly);
    }

    @Test
    void survivesRandomJsonLikeByteSoup() {
        Prop.forAll(TRIES, JSONISH, JsonFuzzTest::parsesOrRejectsCleanly);
    }

    @Test
    void survivesMutatedValidDocuments() {
        Prop.forAll(TRIES, MUTATED, JsonFuzzTest::parsesOrRejectsCleanly);
    }

    private record Slice(byte[] buf, int off, int len) {
        byte[] copy() {
            return Arrays.copyOfRange(buf, off, off + len);
        }
    }

    @Test
    void parsesASliceExactlyAsACopyOfIt() {
        Gen<Slice> slices = s -> {
            byte[] doc = MUTATED.generate(s);
            int off = s.drawInt(0, doc.length);
            return new Slice(doc, off, s.drawInt(0, doc.length - off));
        };
        Prop.forAll(TRIES, slices, slice -> assertEquals(outcome(slice.copy(), 0, slice.len()),
                outcome(slice.buf(), slice.off(), slice.len())));
    }

    /** The parsed value, or the reason and offset of the rejection. */
    private static Object outcome(byte[] buf, int off, int len) {
        try {
            return Arrays.asList("parsed", Json.parse(buf, off, len));
        } catch (JsonParseException e) {
            return List.of(e.reason(), e.offset());
        }
    }
}
