package keys.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Bounds and distributions of the stock generators, sampled from fixed seeds. */
class GensTest {
    static final Gen<Object> TREES = Gens.recursive(
            g -> Gens.lists(g, 0, 4).map(l -> (Object) l), Gens.ints(0, 9).map(i -> (Object) i), 5);

    static int depth(Object o) {
        int d = 0;
        if (o instanceof List<?> l) {
            for (Object x : l) {
                d = Math.max(d, depth(x) + 1);
            }
            return Math.max(d, 1);
        }
        return 0;
    }

    private static <T> List<T> sample(Gen<T> gen, int n) {
        Source s = Source.random(20260129);
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> gen.generate(s)).toList();
    }

    private static <T> long count(List<T> values, Predicate<T> p) {
        return values.stream().filter(p).count();
    }

    @Test
    void intsStayInBoundsAndHitTheEdges() {
        int[][] ranges = {{-5, 7}, {3, 9}, {-9, -3}, {0, 0}, {Integer.MIN_VALUE, Integer.MAX_VALUE}, {-1, 1}};
        for (int[] r : ranges) {
            List<Integer> xs = sample(Gens.ints(r[0], r[1]), 2000);
            assertTrue(xs.stream().allMatch(x -> x >= r[0] && x <= r[1]), "in " + r[0] + ".." + r[1]);
            assertTrue(xs.contains(r[0]) && xs.contains(r[1]), "edges of " + r[0] + ".." + r[1]);
            if (r[0] <= 0 && r[1] >= 0) {
                assertTrue(xs.contains(0));
            }
        }
        List<Integer> wide = sample(Gens.ints(Integer.MIN_VALUE, Integer.MAX_VALUE), 2000);
        assertTrue(wide.containsAll(List.of(1, -1, 0)));
        assertTrue(count(wide, x -> Math.abs((long) x) > 1_000_000) > 500, "also far from 0");
        assertTrue(count(wide, x -> Math.abs((long) x) <= 100) > 200, "also small");
        assertThrows(IllegalArgumentException.class, () -> Gens.ints(2, 1));
    }

    @Test
    void longsStayInBoundsAtTheExtremes() {
        List<Long> xs = sample(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE), 2000);
        assertTrue(xs.containsAll(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, 1L, -1L)));
        List<Long> top = sample(Gens.longs(Long.MAX_VALUE - 3, Long.MAX_VALUE), 500);
        assertTrue(top.stream().allMatch(x -> x >= Long.MAX_VALUE - 3));
        assertEquals(4, new HashSet<>(top).size());
        List<Long> bottom = sample(Gens.longs(Long.MIN_VALUE, Long.MIN_VALUE + 2), 500);
        assertEquals(Set.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE + 2), new HashSet<>(bottom));
    }

    @Test
    void choicesComeOnlyFromTheirOptions() {
        assertEquals(Set.of(false, true), new HashSet<>(sample(Gens.booleans(), 100)));
        assertEquals(Set.of("x"), new HashSet<>(sample(Gens.constant("x"), 10)));
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(sample(Gens.elements("a", "b", "c"), 200)));
        assertEquals(Set.of(1, 2), new HashSet<>(sample(Gens.elements(List.of(1, 2)), 200)));
        assertEquals(Set.of(1, 2, 3),
                new HashSet<>(sample(Gens.oneOf(Gens.constant(1), Gens.elements(2, 3)), 200)));
        List<String> weighted = sample(Gens.frequency(9, Gens.constant("a"), 1, Gens.constant("b")), 2000);
        long bs = count(weighted, "b"::equals);
        assertTrue(bs > 100 && bs < 350 && bs + count(weighted, "a"::equals) == 2000, "b " + bs);
        assertThrows(IllegalArgumentException.class, () -> Gens.frequency(1, Gens.constant(1), 2));
        assertThrows(IllegalArgumentException.class, () -> Gens.frequency(0, Gens.constant(1)));
        assertThrows(IllegalArgumentException.class, () -> Gens.elements(List.of()));
    }

    @Test
    void listsRespectTheirSizesAndReachBothEnds() {
        List<List<Integer>> ls = sample(Gens.lists(Gens.ints(0, 9), 2, 30), 2000);
        assertTrue(ls.stream().allMatch(l -> l.size() >= 2 && l.size() <= 30));
        assertTrue(ls.stream().anyMatch(l -> l.size() == 2));
        assertTrue(ls.stream().anyMatch(l -> l.size() == 30));
        assertTrue(sample(Gens.lists(Gens.ints(0, 9), 4, 4), 50).stream().allMatch(l -> l.size() == 4));
        assertThrows(IllegalArgumentException.class, () -> Gens.lists(Gens.ints(0, 1), 3, 2));
        assertThrows(IllegalArgumentException.class, () -> Gens.lists(Gens.ints(0, 1), -1, 2));
    }

    @Test
    void stringsCoverUnicodeWithinTheirLength() {
        List<String> ss = sample(Gens.strings(40), 3000);
        assertTrue(ss.stream().allMatch(s -> s.length() <= 40));
        assertTrue(ss.contains(""));
        assertTrue(ss.stream().anyMatch(s -> s.length() >= 39));
        Map<String, Predicate<String>> kinds = new HashMap<>();
        kinds.put("lone surrogate", GensTest::hasLoneSurrogate);
        kinds.put("astral", s -> s.codePoints().anyMatch(c -> c > 0xFFFF));
        kinds.put("control", s -> s.chars().anyMatch(c -> c < 0x20));
        kinds.put("two-byte UTF-8", s -> s.chars().anyMatch(c -> c >= 0x80 && c < 0x800));
        kinds.put("long pure ASCII", s -> s.length() > 5 && s.chars().allMatch(c -> c < 128));
        kinds.put("line separator", s -> s.indexOf('\u2028') >= 0);
        kinds.forEach((kind, p) -> assertTrue(count(ss, p) > 20, kind + ": " + count(ss, p)));
        assertTrue(sample(Gens.strings(1), 500).stream().allMatch(s -> s.length() <= 1));
        assertTrue(sample(Gens.strings(0), 20).stream().allMatch(String::isEmpty));
    }

    @Test
    void asciiAndCustomStrings() {
        List<String> ascii = sample(Gens.asciiStrings(20), 1000);
        assertTrue(ascii.stream().allMatch(s -> s.length() <= 20 && s.chars().allMatch(c -> c < 128)));
        assertTrue(ascii.stream().anyMatch(s -> s.indexOf('\u0000') >= 0), "controls included");
        List<String> digits = sample(Gens.strings(Gens.ints('0', '9'), 8), 500);
        assertTrue(digits.stream().allMatch(s -> s.matches("[0-9]{0,8}")));
        List<String> astral = sample(Gens.strings(Gens.constant(0x1F600), 5), 200);
        assertTrue(astral.stream().allMatch(s -> s.length() <= 4 && s.length() % 2 == 0), "pairs never split");
    }

    @Test
    void bytesRespectTheirLength() {
        List<byte[]> bs = sample(Gens.bytes(64), 1000);
        assertTrue(bs.stream().allMatch(b -> b.length <= 64));
        assertTrue(bs.stream().anyMatch(b -> b.length == 64));
        Set<Byte> seen = new HashSet<>();
        bs.forEach(b -> {
            for (byte x : b) {
                seen.add(x);
            }
        });
        assertEquals(256, seen.size());
    }

    @Test
    void recursionStopsAtItsDepth() {
        List<Object> trees = sample(TREES, 1000);
        assertTrue(trees.stream().allMatch(t -> depth(t) <= 5));
        assertTrue(trees.stream().anyMatch(t -> depth(t) >= 3));
        assertTrue(trees.stream().anyMatch(t -> t instanceof Integer));
        assertEquals(Set.of(7), new HashSet<>(sample(Gens.recursive(g -> g, Gens.constant(7), 0), 5)));
    }

    @Test
    void mapFlatMapFilterAndPairsCompose() {
        assertTrue(sample(Gens.ints(0, 10).map(x -> x * 2), 200).stream().allMatch(x -> x % 2 == 0 && x <= 20));
        List<List<Integer>> sized = sample(Gens.ints(1, 5).flatMap(n -> Gens.lists(Gens.constant(n), n, n)), 200);
        assertTrue(sized.stream().allMatch(l -> l.size() == l.get(0)));
        assertTrue(sample(Gens.ints(0, 100).filter(x -> x % 7 == 0), 200).stream().allMatch(x -> x % 7 == 0));
        List<Pair<Integer, String>> ps = sample(Gens.pairs(Gens.ints(1, 2), Gens.elements("a")), 100);
        assertTrue(ps.stream().allMatch(p -> p.first() >= 1 && p.first() <= 2 && p.second().equals("a")));
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
