package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
    /** Any long, with the edges of the int fast path and of each digit count well represented. */
    private static final Gen<Long> NUMBERS = Gens.oneOf(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE),
            Gens.longs(-10, 1_000), Gens.longs(Integer.MAX_VALUE - 3L, Integer.MAX_VALUE + 3L),
            Gens.elements(0L, 9L, 10L, 99L, 100L, 999_999_999L, 1_000_000_000L, 9_999_999_999L, Long.MIN_VALUE,
                    Long.MAX_VALUE, (long) Integer.MIN_VALUE));

    @Test
    void numbersAreWrittenAsLongToStringWrites() {
        Prop.forAll(NUMBERS, v -> {
            assertEquals(Long.toString(v), new String(JsonBytes.digitsOf(v), StandardCharsets.US_ASCII));
            assertEquals("[" + v + "]", new JsonBytes(1).raw('[').number(v).raw(']').toString());
        });
    }
}
