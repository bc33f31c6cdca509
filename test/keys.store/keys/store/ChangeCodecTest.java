package keys.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Organization;
import keys.domain.UseCase;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

class ChangeCodecTest {

    @Test
    void randomChangeListsRoundTrip() {
        Prop.forAll(Gens.pairs(ChangeGens.LONGS, ChangeGens.CHANGE_LISTS), p -> {
            byte[] payload = ChangeCodec.encode(p.first(), p.second());
            ChangeCodec.Batch back = decode(payload);
            assertEquals(p.first(), back.lastId());
            assertEquals(p.second(), back.changes());
            assertArrayEquals(payload, ChangeCodec.encode(back.lastId(), back.changes()), "encoding is canonical");
        });
    }

    /** ASCII labels are decoded straight from the payload's bytes; every other label through a String. */
    @Test
    void keyLabelsSurviveWhateverTheirCharacters() throws Exception {
        List<Change> in = new java.util.ArrayList<>();
        int n = 0;
        for (String label : List.of("", "Default", "Defaulte", "Key 7", "x".repeat(200), "caf\u00e9", "\u00ff",
                "\u0100", "a\uD83D\uDE00", "\u007f")) {
            n++;
            in.add(new Change.PutKey(new ClientKey(n, 100 + n, label, "%032x".formatted(n), "%032x".formatted(n + 50),
                    n % 2 == 0, n, n, n, "latest", LoaderOption.DEFAULTS, UseCase.USER)));
        }
        List<Change> back = ChangeCodec.decode(ChangeCodec.encode(0, in)).changes();
        assertEquals(in, back);
        for (int i = 0; i < in.size(); i++) {
            assertEquals(((Change.PutKey) in.get(i)).key().label(), ((Change.PutKey) back.get(i)).key().label());
        }
    }

    @Test
    void loneSurrogatesAndAstralCharactersSurvive() throws Exception {
        String odd = "a\uD800b\uDC00c\uD83D\uDE00\u0000\u07FF\uFFFF";
        List<Change> in = List.of(new Change.PutOrganization(new Organization(1, odd, null, 2, true, odd)));
        assertEquals(in, ChangeCodec.decode(ChangeCodec.encode(0, in)).changes());
    }

    @Test
    void randomBytesFailOnlyWithPayloadFormatException() {
        Prop.forAll(Gens.bytes(200), bytes -> {
            try {
                ChangeCodec.decode(bytes);
            } catch (PayloadFormatException expected) {
                // the one allowed failure
            }
        });
    }

    @Test
    void mutatedPayloadsFailOnlyWithPayloadFormatException() {
        Prop.forAll(Gens.pairs(ChangeGens.CHANGE_LISTS, Gens.lists(Gens.pairs(Gens.ints(0, 1 << 20), Gens.ints(0, 255)), 1, 4)),
                p -> {
                    byte[] payload = ChangeCodec.encode(7, p.first());
                    for (var edit : p.second()) {
                        payload[edit.first() % payload.length] = (byte) (int) edit.second();
                    }
                    try {
                        ChangeCodec.decode(payload);
                    } catch (PayloadFormatException expected) {
                        // fine
                    }
                });
    }

    @Test
    void everyTruncationIsRejected() {
        Prop.forAll(50, ChangeGens.CHANGE_LISTS.filter(l -> !l.isEmpty()), changes -> {
            byte[] payload = ChangeCodec.encode(3, changes);
            for (int n = 0; n < payload.length; n++) {
                byte[] cut = Arrays.copyOf(payload, n);
                assertThrows(PayloadFormatException.class, () -> ChangeCodec.decode(cut), "cut at " + n);
            }
        });
    }

    @Test
    void hugeCountsAndLengthsAreRefusedBeforeAllocating() {
        // format 1, lastId 0, count = 2^31-1: must not try to allocate a list that big
        byte[] hugeCount = {1, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        PayloadFormatException e = assertThrows(PayloadFormatException.class, () -> ChangeCodec.decode(hugeCount));
        assertTrue(e.getMessage().contains("count"), e.getMessage());
        // one PutUser whose email claims 2^40 bytes
        byte[] hugeString = {1, 0, 1, 7, 5, (byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x20};
        assertThrows(PayloadFormatException.class, () -> ChangeCodec.decode(hugeString));
    }

    @Test
    void aNewerFormatIsNamedInTheError() {
        byte[] future = {(byte) (ChangeCodec.FORMAT + 1), 0, 0};
        PayloadFormatException e = assertThrows(PayloadFormatException.class, () -> ChangeCodec.decode(future));
        assertTrue(e.getMessage().contains("format " + (ChangeCodec.FORMAT + 1)), e.getMessage());
    }

    private static ChangeCodec.Batch decode(byte[] payload) {
        try {
            return ChangeCodec.decode(payload);
        } catch (PayloadFormatException e) {
            throw new AssertionError(e);
        }
    }
}
