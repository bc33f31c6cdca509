package keys.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

class EmailsTest {
    @Test
    void validationTable() {
        String[] valid = {"a@b.co", "jane.doe@example.com", "x+tag@sub.example.org", "Jane@Example.COM",
            "o'neil@example.ie", "用户@例子.广告", "a".repeat(64) + "@example.com",
            "a@" + "b".repeat(250) + ".c", "emoji\ud83d\ude00@example.com"};
        for (String s : valid) {
            assertTrue(Emails.isValid(s), s);
        }
        String[] invalid = {null, "", "@", "a@", "@b.co", "ab.co", "a@b", "a@@b.co", "a@b@c.co",
            "a b@c.co", "a@b .co", " a@b.co", "a@b.co ", "a@b.co\n", "a\t@b.co", "a\u0000@b.co",
            "a\u00a0@b.co", "a\u2028@b.co", "a@.b.co", "a@b.co.", "a@b..co", "a\ud800@b.co",
            "a".repeat(65) + "@example.com", "a@" + "b".repeat(251) + ".c",
            "evil\u202e@example.com", "zero\u200bwidth@example.com", "bom\ufeff@example.com"};
        for (String s : invalid) {
            assertFalse(Emails.isValid(s), String.valueOf(s));
        }
    }

    @Test
    void normalizeLowercasesWithoutTheLocale() {
        assertEquals("jane@example.com", Emails.normalize("Jane@Example.COM"));
        assertEquals("title@example.com", Emails.normalize("TITLE@EXAMPLE.COM"), "no Turkish dotless i");
        assertEquals("already@lower.case", Emails.normalize("already@lower.case"));
    }

    @Test
    void plainAddressesAreValid() {
        Gen<String> word = Gens.strings(Gens.elements((int) 'a', (int) 'Z', (int) '0', (int) '.', (int) '+'), 20)
                .filter(s -> !s.isEmpty());
        Gen<String> label = Gens.strings(Gens.elements((int) 'a', (int) '9', (int) '-'), 20).filter(s -> !s.isEmpty());
        Prop.forAll(Gens.pairs(word, Gens.lists(label, 2, 4)), p -> {
            String email = p.first() + "@" + String.join(".", p.second());
            assertTrue(Emails.isValid(email), email);
            assertTrue(Emails.isValid(Emails.normalize(email)), email);
        });
    }

    @Test
    void validAddressesHaveOneAtAndNoSpaces() {
        Prop.forAll(Gens.strings(70), s -> {
            if (Emails.isValid(s)) {
                assertEquals(s.indexOf('@'), s.lastIndexOf('@'));
                assertTrue(s.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)));
                assertTrue(s.substring(s.indexOf('@')).contains("."));
            }
            assertEquals(Emails.normalize(s), Emails.normalize(Emails.normalize(s)));
        });
    }
}
