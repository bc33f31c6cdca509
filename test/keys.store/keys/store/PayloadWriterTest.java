package keys.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

/**
 * Strings are written as WTF-8 whichever path the writer takes: the one-pass ASCII path, or the
 * general one it falls back to at the first other char, after ASCII runs of any length (the
 * length prefix is one varint byte up to 126 bytes, two beyond).
 */
class PayloadWriterTest {
    private static final Gen<String> PIECES = Gens.frequency(4, Gens.asciiStrings(140), 1, Gens.elements("é", "€",
            "\uD83D\uDE00", "\uD800", "\uDC00", "\u007F", "\u0080", "\u07FF", "\u0800"));
    private static final Gen<String> STRINGS = Gens.lists(PIECES, 0, 4).map(p -> String.join("", p));

    @Test
    void aStringIsItsLengthThenItsWtf8Bytes() {
        Prop.forAll(Gens.lists(STRINGS, 1, 3), strings -> {
            PayloadWriter w = new PayloadWriter(1);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (String s : strings) {
                w.string(s);
                byte[] wtf8 = wtf8(s);
                varint(expected, wtf8.length + 1L);
                expected.writeBytes(wtf8);
            }
            w.u8(7);
            expected.write(7);
            assertArrayEquals(expected.toByteArray(), w.toByteArray(), () -> "for " + List.copyOf(strings));
        });
    }

    /** Each code point as UTF-8, a lone surrogate included (as the three bytes of its value). */
    private static byte[] wtf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xC0 | cp >> 6);
                out.write(0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                out.write(0xE0 | cp >> 12);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            } else {
                out.write(0xF0 | cp >> 18);
                out.write(0x80 | cp >> 12 & 0x3F);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            }
        });
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
