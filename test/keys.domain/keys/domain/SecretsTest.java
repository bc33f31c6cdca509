package keys.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

class SecretsTest {
    private static final String HEX32 = "0123456789abcdef0123456789abcdef";

    @Test
    void newKeysAreDistinctLowercaseHex() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String k = keys.domain.Sources.real().newKeyHex();
            assertTrue(k.matches("[a-f0-9]{32}"), k);
            assertTrue(Secrets.isKeyHex(k));
            assertTrue(seen.add(k), "repeated " + k);
        }
        Set<Character> chars = new HashSet<>();
        seen.forEach(k -> k.chars().forEach(c -> chars.add((char) c)));
        assertEquals(16, chars.size(), "every hex digit turns up");
    }

    @Test
    void keyHexTable() {
        assertTrue(Secrets.isKeyHex(HEX32));
        assertTrue(Secrets.isKeyHex("0".repeat(32)));
        String[] bad = {null, "", HEX32.substring(1), HEX32 + "0", HEX32.toUpperCase(),
            HEX32.substring(1) + "g", " " + HEX32.substring(1), HEX32.substring(1) + "\n",
            HEX32.substring(1) + "\u0661"};
        for (String s : bad) {
            assertFalse(Secrets.isKeyHex(s), String.valueOf(s));
        }
    }

    @Test
    void userTokens() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String t = keys.domain.Sources.real().newUserToken();
            assertTrue(t.matches("sntryu_[a-f0-9]{64}"), t);
            assertTrue(Secrets.isUserToken(t));
            assertTrue(seen.add(t));
        }
        String hex64 = HEX32 + HEX32;
        assertTrue(Secrets.isUserToken("sntryu_" + hex64));
        String[] bad = {null, "", hex64, "sntryu_", "sntryu_" + hex64 + "0", "sntryu_" + hex64.substring(1),
            "SNTRYU_" + hex64, "sntrys_" + hex64, "sntryu_" + hex64.toUpperCase(), "sntryu-" + hex64};
        for (String s : bad) {
            assertFalse(Secrets.isUserToken(s), String.valueOf(s));
        }
    }

    @Test
    void sha256KnownAnswers() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Secrets.sha256Hex(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Secrets.sha256Hex("abc"));
        // UTF-8, not the platform charset: "é" is c3 a9.
        assertEquals("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c",
                Secrets.sha256Hex("\u00e9"));
    }

    @Test
    void constantTimeEqualsTable() {
        assertTrue(Secrets.constantTimeEquals("", ""));
        assertTrue(Secrets.constantTimeEquals(HEX32, new String(HEX32.toCharArray())));
        assertFalse(Secrets.constantTimeEquals(HEX32, HEX32.toUpperCase()));
        assertFalse(Secrets.constantTimeEquals("abc", "abcd"));
        assertFalse(Secrets.constantTimeEquals(null, "a"));
        assertFalse(Secrets.constantTimeEquals("a", null));
        assertFalse(Secrets.constantTimeEquals(null, null));
        assertFalse(Secrets.constantTimeEquals("\ud800", "\udc00"), "lone surrogates are not all '?'");
    }

    @Test
    void constantTimeEqualsAgreesWithEquals() {
        Prop.forAll(Gens.pairs(Gens.strings(8), Gens.strings(8)), p -> {
            assertEquals(p.first().equals(p.second()), Secrets.constantTimeEquals(p.first(), p.second()));
            assertTrue(Secrets.constantTimeEquals(p.first(), new String(p.first().toCharArray())));
        });
    }

    @Test
    void hashesAreLowercaseHexAndDeterministic() {
        Prop.forAll(Gens.strings(100), s -> {
            String h = Secrets.sha256Hex(s);
            assertTrue(h.matches("[a-f0-9]{64}"), h);
            assertEquals(h, Secrets.sha256Hex(new String(s.toCharArray())));
        });
    }
}
