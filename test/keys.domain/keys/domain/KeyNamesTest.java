package keys.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

class KeyNamesTest {
    private static final Pattern NAME = Pattern.compile("[A-Z][a-z]{0,9} [A-Z][a-z]{0,9}");

    @Test
    void wordListsAreLongAndClean() {
        for (List<String> words : List.of(KeyNames.ADJECTIVES, KeyNames.ANIMALS)) {
            assertTrue(words.size() >= 150, "size " + words.size());
            assertEquals(words.size(), new HashSet<>(words).size(), "no repeats");
            for (String w : words) {
                assertTrue(w.matches("[a-z]{1,10}"), w);
            }
        }
        assertTrue(KeyNames.ADJECTIVES.contains("liked") && KeyNames.ADJECTIVES.contains("bold"));
        assertTrue(KeyNames.ANIMALS.contains("pegasus") && KeyNames.ANIMALS.contains("oarfish"));
    }

    @Test
    void namesAreTwoTitleCaseWordsFromTheLists() {
        Prop.forAll(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE), seed -> {
            String name = KeyNames.random(new SplittableRandom(seed)::nextInt);
            assertTrue(NAME.matcher(name).matches(), name);
            String[] w = name.toLowerCase().split(" ");
            assertTrue(KeyNames.ADJECTIVES.contains(w[0]), name);
            assertTrue(KeyNames.ANIMALS.contains(w[1]), name);
        });
    }

    @Test
    void manyDrawsUseTheWholeLists() {
        Set<String> adjectives = new HashSet<>();
        Set<String> animals = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String name = keys.domain.Sources.real().newKeyName();
            assertTrue(NAME.matcher(name).matches(), name);
            adjectives.add(name.substring(0, name.indexOf(' ')));
            animals.add(name.substring(name.indexOf(' ') + 1));
        }
        assertEquals(KeyNames.ADJECTIVES.size(), adjectives.size());
        assertEquals(KeyNames.ANIMALS.size(), animals.size());
    }

    @Test
    void sameGeneratorStateGivesTheSameName() {
        assertEquals(KeyNames.random(new SplittableRandom(7)::nextInt), KeyNames.random(new SplittableRandom(7)::nextInt));
    }
}
