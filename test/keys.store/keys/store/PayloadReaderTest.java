package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

/** Strings read back as written, whichever way they are read: as strings, or matched without allocating. */
class PayloadReaderTest {
    private static final String[] WIRES = {"user", "profiling", "tempest", "demo"};
    private static final Gen<String> STRINGS = Gens.frequency(1, Gens.constant((String) null), 3, Gens.elements(WIRES),
            1, Gens.elements("use", "users", "", "démo", "x".repeat(130)), 2, Gens.asciiStrings(12), 2, Gens.strings(12));

    @Test
    void aStringIsMatchedExactlyWhenItIsOneOfTheWiresAndOtherwiseLeftForString() {
        Prop.forAll(Gens.lists(STRINGS, 1, 6), strings -> {
            PayloadWriter w = new PayloadWriter(16);
            for (String s : strings) {
                w.string(s);
            }
            w.u8(7);
            byte[] bytes = w.toByteArray();
            PayloadReader r = new PayloadReader(bytes, 0, bytes.length);
            try {
                for (String s : strings) {
                    int i = r.oneOf(WIRES);
                    assertEquals(java.util.Arrays.asList(WIRES).indexOf(s), i, () -> "oneOf for " + s);
                    assertEquals(s, i >= 0 ? WIRES[i] : r.string());
                }
                assertEquals(7, r.u8(), "every string read to its end");
            } catch (PayloadFormatException e) {
                throw new AssertionError(e);
            }
        });
    }
}
