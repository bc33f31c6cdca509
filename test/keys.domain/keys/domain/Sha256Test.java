package keys.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

/** Our SHA-256 gives the JDK's bytes: FIPS 180-4's examples, every padding boundary, and any input. */
class Sha256Test {
    private static byte[] jdk(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(Sha256.digest(ascii.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theStandardsExamples() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", hex("a".repeat(1_000_000)));
    }

    /** Lengths around 55, 56 and 64 bytes change how the length is padded in. */
    @Test
    void everyLengthUpToFourBlocks() {
        for (int n = 0; n <= 256; n++) {
            byte[] data = new byte[n];
            for (int i = 0; i < n; i++) {
                data[i] = (byte) (i * 31 + n);
            }
            assertArrayEquals(jdk(data), Sha256.digest(data), "length " + n);
        }
    }

    @Test
    void anyBytesHashAsTheJdkHashesThem() {
        Prop.forAll(Gens.bytes(1000), data -> assertArrayEquals(jdk(data), Sha256.digest(data)));
    }

    @Test
    void tokensHashAsStored() {
        Prop.forAll(Gens.strings(80), s -> assertEquals(HexFormat.of().formatHex(jdk(s.getBytes(StandardCharsets.UTF_8))),
                Secrets.sha256Hex(s)));
    }
}
