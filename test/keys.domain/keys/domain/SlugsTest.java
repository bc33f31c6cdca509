package keys.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

class SlugsTest {
    /** The spec's rule, spelled as a regex, to check the hand-written loop against. */
    private static final Pattern RULE = Pattern.compile("^(?=.*[a-z_-])[a-z0-9_-]{1,50}$");

    @Test
    void validationTable() {
        String[] valid = {"a", "my-project", "a_b", "-", "_", "1a", "a1", "0-", "_1", "acme-2024",
            "a".repeat(50), "9".repeat(49) + "x"};
        for (String s : valid) {
            assertTrue(Slugs.isValid(s), s);
        }
        String[] invalid = {null, "", "0", "123", "9".repeat(50), "A", "My-Project", "a b", "a.b",
            "a/b", "a\n", " a", "é", "a".repeat(51), "a\u0000", "ａ", "a\ud800"};
        for (String s : invalid) {
            assertEquals(false, Slugs.isValid(s), String.valueOf(s));
        }
    }

    @Test
    void isValidFollowsTheRule() {
        Prop.forAll(Gens.oneOf(Gens.strings(Gens.elements((int) 'a', (int) 'z', (int) '0', (int) '9',
                (int) '-', (int) '_', (int) 'A', (int) ' ', (int) '.', 0xE9), 55), Gens.strings(60)),
                s -> assertEquals(RULE.matcher(s).matches(), Slugs.isValid(s), s));
    }

    @Test
    void slugifyTable() {
        String[][] cases = {
            {"My Project", "my-project"},
            {"  Hello, World!  ", "hello-world"},
            {"Café Crème", "cafe-creme"},
            {"a--b", "a-b"},
            {"a - b", "a-b"},
            {"-leading and trailing-", "leading-and-trailing"},
            {"under_score", "under_score"},
            {"Project 2024", "project-2024"},
            {"2024", "2024"},
            {"Mr. Smith's app", "mr-smiths-app"},
            {"a@b.c", "abc"},
            {"a.-b", "a-b"},
            {"_under_", "under"},
            {"a_-_", "a"},
            {"tab\tand\u001fsep", "tab-and-sep"},
            {"20 24", "20-24"},
            {"!!!", ""},
            {"", ""},
            {"日本語", ""},
            {"ﬁnance", "finance"},
            {"a".repeat(60), "a".repeat(50)},
            {"a".repeat(49) + " b", "a".repeat(49)},
            {"a".repeat(48) + " bc", "a".repeat(48) + "-b"},
            {"1".repeat(60), "1".repeat(50)},
            {"a".repeat(49) + "_b", "a".repeat(49) + "_"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], Slugs.slugify(c[0]), c[0]);
        }
    }

    @Test
    void slugifyGivesSlugCharactersOnly() {
        Prop.forAll(Gens.strings(80), name -> {
            String slug = Slugs.slugify(name);
            assertTrue(slug.matches("[a-z0-9_-]{0,50}"), slug);
            assertTrue(!slug.startsWith("-") && !slug.startsWith("_") && !slug.endsWith("-") && !slug.contains("--"), slug);
        });
    }

    @Test
    void anEmptyOrAllDigitBaseIsMadeIntoASlugAsSentryDoes() {
        String fromNothing = Slugs.unique("", x -> false, Sources.real());
        assertTrue(fromNothing.matches("[0-9a-f]{12}(-[a-z0-9]{4})?"), fromNothing);
        assertTrue(Slugs.isValid(fromNothing), fromNothing);
        String digits = Slugs.unique("2024", x -> false, Sources.real());
        assertTrue(digits.matches("2024-[a-z0-9]{4}"), digits);
    }

    @Test
    void slugifyKeepsAGoodSlugAsItIs() {
        Prop.forAll(Gens.strings(Gens.elements((int) 'a', (int) 'q', (int) '7', (int) '_', (int) '-'), 50)
                .filter(s -> Slugs.isValid(s) && !s.matches("^[-_].*|.*[-_]$") && !s.contains("--")),
                s -> assertEquals(s, Slugs.slugify(s)));
    }

    @Test
    void aTakenSlugGetsARandomSuffixThatStillFits() {
        org.junit.jupiter.api.Assertions.assertEquals("free", Slugs.unique("free", x -> false, Sources.real()));
        String longest = "a".repeat(Slugs.MAX_LENGTH);
        java.util.Set<String> taken = new java.util.HashSet<>(java.util.Set.of(longest));
        for (int i = 0; i < 200; i++) {
            String s = Slugs.unique(longest, taken::contains, Sources.real());
            org.junit.jupiter.api.Assertions.assertTrue(Slugs.isValid(s) && s.matches("a{45}-[a-z0-9]{4}"), s);
            org.junit.jupiter.api.Assertions.assertTrue(taken.add(s), "never one already taken: " + s);
        }
        org.junit.jupiter.api.Assertions.assertNull(Slugs.unique("x", y -> true, Sources.real()), "gives up rather than loop");
    }
}
