package keys.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PropTest {
    private static final Gen<List<Integer>> INT_LISTS = Gens.lists(Gens.ints(-1000, 1000), 0, 50);

    /** Deliberately false: plenty of lists sum to 100 or more. */
    private static final Consumer<List<Integer>> SUMS_BELOW_100 = list -> {
        long sum = 0;
        for (int x : list) {
            sum += x;
        }
        if (sum >= 100) {
            throw new AssertionError("sum " + sum + " >= 100");
        }
    };

    @Test
    void falsePropertyFailsWithSeedTryAndValuesInTheMessage() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Prop.forAll(INT_LISTS, SUMS_BELOW_100));
        String message = e.getMessage();
        Matcher seed = Pattern.compile("replay with -Dkeys\\.seed=(-?\\d+)").matcher(message);
        assertTrue(seed.find(), message);
        Result<List<Integer>> replay = Prop.check(Long.parseLong(seed.group(1)),
                Prop.DEFAULT_TRIES, INT_LISTS, SUMS_BELOW_100);
        assertFalse(replay.passed());
        assertEquals(replay.message(), message, "the seed replays the same failure and shrink");
        assertTrue(message.contains("try " + replay.failingTry()), message);
        assertTrue(message.contains("original: " + replay.original()), message);
        assertTrue(message.contains("): [100]"), message);
        assertInstanceOf(AssertionError.class, e.getCause());
        assertTrue(e.getCause().getMessage().startsWith("sum 100 "), e.getCause().getMessage());
    }

    @Test
    void shrinksTheSumCounterexampleToTheSingleListOf100() {
        for (long seed = 0; seed < 20; seed++) {
            Result<List<Integer>> r = Prop.check(seed, 200, INT_LISTS, SUMS_BELOW_100);
            assertFalse(r.passed(), "seed " + seed);
            assertEquals(List.of(100), r.shrunk(), "seed " + seed);
            assertEquals("[100]", r.shrunkText());
            assertTrue(r.shrinkRuns() <= Prop.SHRINK_BUDGET);
            long originalSum = r.original().stream().mapToLong(Integer::longValue).sum();
            assertTrue(originalSum >= 100, "the original case fails too");
        }
    }

    @Test
    void sameSeedGivesTheSameFailingAndShrunkCase() {
        for (long seed : new long[] {1, -7, 123456789L, Long.MIN_VALUE}) {
            Gen<List<String>> gen = Gens.lists(Gens.strings(20), 0, 10);
            Consumer<List<String>> property = l -> {
                if (String.join("", l).length() > 12) {
                    throw new IllegalStateException("too long");
                }
            };
            Result<List<String>> a = Prop.check(seed, 100, gen, property);
            Result<List<String>> b = Prop.check(seed, 100, gen, property);
            assertFalse(a.passed());
            assertEquals(a.failingTry(), b.failingTry());
            assertEquals(a.original(), b.original());
            assertEquals(a.shrunk(), b.shrunk());
            assertEquals(a.shrinkRuns(), b.shrinkRuns());
            assertEquals(a.message(), b.message());
            assertEquals(13, String.join("", a.shrunk()).length(), "shrunk to just over the limit");
        }
    }

    @Test
    void truePropertyPasses() {
        assertDoesNotThrow(() -> Prop.forAll(INT_LISTS, l -> {
            if (l.size() > 50) {
                throw new AssertionError("too big");
            }
        }));
        Result<Integer> r = Prop.check(5, 300, Gens.ints(0, 10), x -> { });
        assertTrue(r.passed());
        assertEquals(300, r.tries());
    }

    @Test
    void runsTheRequestedNumberOfTries() {
        int[] runs = {0};
        Prop.forAll(37, Gens.booleans(), b -> runs[0]++);
        assertEquals(37, runs[0]);
    }

    @Test
    void shrinksStringsCharactersAndPairs() {
        Result<String> x = Prop.check(3, 500, Gens.strings(50), s -> {
            if (s.indexOf('x') >= 0) {
                throw new AssertionError("has x");
            }
        });
        assertEquals("x", x.shrunk());
        Result<String> nonAscii = Prop.check(3, 500, Gens.strings(50), s -> {
            if (s.chars().anyMatch(c -> c > 127)) {
                throw new AssertionError("not ascii");
            }
        });
        assertEquals("\u0080", nonAscii.shrunk());
        Result<Pair<Integer, Integer>> pair = Prop.check(3, 500,
                Gens.pairs(Gens.ints(-100, 100), Gens.ints(-100, 100)), p -> {
                    if (p.first() + p.second() > 50) {
                        throw new AssertionError("sum");
                    }
                });
        assertEquals(new Pair<>(0, 51), pair.shrunk());
    }

    @Test
    void shrinksThroughFlatMapFilterAndRecursion() {
        Result<List<Integer>> sized = Prop.check(9, 500,
                Gens.ints(0, 10).flatMap(n -> Gens.lists(Gens.ints(0, 100), n, n)), l -> {
                    if (l.size() > 3) {
                        throw new AssertionError("long");
                    }
                });
        assertEquals(List.of(0, 0, 0, 0), sized.shrunk());
        Result<Integer> even = Prop.check(9, 500, Gens.ints(0, 1000).filter(x -> x % 2 == 0), x -> {
            if (x > 500) {
                throw new AssertionError("big");
            }
        });
        assertEquals(502, even.shrunk());
        Result<Object> tree = Prop.check(9, 500, GensTest.TREES, t -> {
            if (GensTest.depth(t) >= 3) {
                throw new AssertionError("deep");
            }
        });
        assertEquals(List.of(List.of(List.of())), tree.shrunk());
    }

    @Test
    void shrinkingKeepsTheKindOfFailure() {
        // Small values throw a different exception; the shrinker must not slip onto that one.
        Result<Integer> r = Prop.check(11, 500, Gens.ints(0, 1_000_000), x -> {
            if (x < 10) {
                throw new IllegalArgumentException("small");
            }
            if (x > 1000) {
                throw new IllegalStateException("big");
            }
        });
        assertFalse(r.passed());
        Class<?> kind = r.originalFailure().getClass();
        assertSame(kind, r.failure().getClass());
        assertEquals(kind == IllegalStateException.class ? 1001 : 0, r.shrunk());
    }

    @Test
    void aThrowingGeneratorIsAFailingCaseWithASeed() {
        Gen<Integer> broken = Gens.ints(0, 100).map(x -> {
            if (x > 50) {
                throw new IllegalArgumentException("no " + x);
            }
            return x;
        });
        Result<Integer> r = Prop.check(2, 200, broken, x -> { });
        assertFalse(r.passed());
        assertEquals("no 51", r.failure().getMessage());
        assertTrue(r.message().contains("<generator threw"), r.message());
    }

    @Test
    void assumeAndFilterSkipCasesWithoutCountingThem() {
        List<Integer> seen = new ArrayList<>();
        Prop.forAll(50, Gens.ints(0, 9), x -> {
            Prop.assume(x % 2 == 1);
            seen.add(x);
        });
        assertEquals(50, seen.size());
        assertTrue(seen.stream().allMatch(x -> x % 2 == 1));
        AssertionError e = assertThrows(AssertionError.class,
                () -> Prop.forAll(10, Gens.ints(0, 9).filter(x -> x > 9), x -> { }));
        assertTrue(e.getMessage().contains("gave up"), e.getMessage());
    }

    @Test
    void messagesStayBoundedAndShowInvisibleCharacters() {
        Result<String> r = Prop.check(1, 10, Gens.constant("a\u0000\ud800\n".repeat(5000)), s -> {
            throw new AssertionError("always");
        });
        assertTrue(r.message().length() < 3 * Describe.MAX_CHARS, "length " + r.message().length());
        assertTrue(r.shrunkText().startsWith("\"a\\u0000\\ud800\\na"), r.shrunkText());
        assertEquals("[1, -2]", Describe.value(new byte[] {1, -2}));
        assertEquals("null", Describe.value(null));
    }

    @Test
    void replayedSourceReturnsTheMinimumPastItsEnd() {
        Source s = Source.replay(new long[] {5, 300});
        assertEquals(15, s.draw(10, 20));
        assertEquals(300 % 11, s.draw(0, 10), "a choice too big for the range wraps into it");
        assertEquals(-3, s.draw(-3, 3));
        assertEquals(Long.MIN_VALUE, s.draw(Long.MIN_VALUE, Long.MAX_VALUE));
        assertFalse(s.drawBoolean());
        assertArrayEquals(new long[] {5, 300 % 11, 0, 0, 0}, s.choices());
        assertThrows(IllegalArgumentException.class, () -> s.draw(2, 1));
    }

    @Test
    void seededSourcesRepeat() {
        Source a = Source.random(99);
        Source b = Source.random(99);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.draw(Long.MIN_VALUE, Long.MAX_VALUE), b.draw(Long.MIN_VALUE, Long.MAX_VALUE));
        }
        assertTrue(Prop.caseSeed(1, 0) != Prop.caseSeed(1, 1));
        assertTrue(Prop.caseSeed(1, 0) != Prop.caseSeed(2, 0));
    }

    @Test
    void shortlexOrdersFewerChoicesFirstThenSmallerUnsigned() {
        assertTrue(Shrinker.simpler(new long[] {9}, new long[] {0, 0}));
        assertTrue(Shrinker.simpler(new long[] {0, 5}, new long[] {1, 0}));
        assertTrue(Shrinker.simpler(new long[] {Long.MAX_VALUE}, new long[] {-1}));
        assertFalse(Shrinker.simpler(new long[] {1, 2}, new long[] {1, 2}));
    }
}
