package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import keys.testing.Gens;
import keys.testing.Prop;

class PaginatorTest {

    /** A fetch over ids in memory, with the store's semantics. */
    static Paginator.Fetch<Long> over(long... ids) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        return (bound, ascending, offset, limit) -> {
            List<Long> out = new ArrayList<>();
            int skipped = 0;
            for (int i = 0; i < sorted.length && out.size() < limit; i++) {
                long id = ascending ? sorted[i] : sorted[sorted.length - 1 - i];
                if (bound != 0 && (ascending ? id < bound : id > bound)) {
                    continue;
                }
                if (skipped++ < offset) {
                    continue;
                }
                out.add(id);
            }
            return out;
        };
    }

    static Paginator.Page<Long> page(String cursor, int limit, long... ids) {
        Cursor c = cursor == null ? Cursor.FIRST : Cursor.parse(cursor);
        return Paginator.page(c, limit, over(ids), Long::longValue);
    }

    /** rows | previous/results | next/results, for one-line comparisons. */
    static String describe(Paginator.Page<Long> p) {
        return p.rows() + " " + p.previous() + "/" + p.hasPrevious() + " " + p.next() + "/" + p.hasNext();
    }

    @Test
    void workedExamplesOfTheContract() {
        assertEquals("[9, 7] 9:0:1/false 5:0:0/true", describe(page(null, 2, 9, 7, 5, 3)));
        assertEquals("[5, 3] 5:0:1/true 3:1:0/false", describe(page("5:0:0", 2, 9, 7, 5, 3)));
        assertEquals("[9, 7] 9:0:1/false 5:0:0/true", describe(page("5:0:1", 2, 9, 7, 5, 3)));
    }

    @Test
    void emptySingleAndTwoKeys() {
        assertEquals("[] 0:0:1/false 0:0:0/false", describe(page(null, 10)));
        assertEquals("[5] 5:0:1/false 5:10:0/false", describe(page(null, 10, 5)));
        assertEquals("[9, 5] 9:0:1/false 5:1:0/false", describe(page(null, 10, 9, 5)));
    }

    @Test
    void perPageOneWalksEveryKey() {
        assertEquals("[9] 9:0:1/false 7:0:0/true", describe(page(null, 1, 9, 7, 5)));
        assertEquals("[7] 7:0:1/true 5:0:0/true", describe(page("7:0:0", 1, 9, 7, 5)));
        assertEquals("[5] 5:0:1/true 5:1:0/false", describe(page("5:0:0", 1, 9, 7, 5)));
        assertEquals("[] 0:0:1/true 5:1:0/false", describe(page("5:1:0", 1, 9, 7, 5)));
    }

    @Test
    void zeroValuePrevCursorReturnsTheOldestKeysAsSentryDoes() {
        assertEquals("[5, 3] 5:0:1/true 7:0:0/true", describe(page("0:0:1", 2, 9, 7, 5, 3)));
    }

    @Test
    void prevWithoutTheCursorRowKeepsTheLimit() {
        // 6 is not an id: the extra row is dropped from the end (offset 0) instead of the start.
        assertEquals("[9, 7] 9:0:1/true 6:0:0/true", describe(page("6:0:1", 2, 13, 11, 9, 7, 5, 3)));
        assertEquals("[9, 7] 9:0:1/false 6:0:0/true", describe(page("6:0:1", 2, 9, 7, 5, 3)));
        // With an offset Sentry compares against offset+limit+extra and keeps the extra row.
        assertEquals("[11, 9] 11:0:1/true 6:0:0/true", describe(page("6:1:1", 2, 13, 11, 9, 7, 5, 3)));
    }

    @Test
    void floatCursorsBoundAndPrintLikePython() {
        assertEquals("[5, 3] 5:0:1/true 3:1:0/false", describe(page("5.5:0:0", 2, 9, 7, 5, 3)));
        assertEquals("[9, 7] 9:0:1/false 5.0:0:0/true", describe(page("5.0:0:1", 2, 9, 7, 5, 3)));
        assertEquals("[] 0:0:1/true 0.5:0:0/false", describe(page("0.5:0:0", 2, 9, 7, 5, 3)));
        assertEquals("[] 0:0:1/true 1e+20:3:0/false", describe(page("100000000000000000000.0:3:0", 2)));
    }

    @Test
    void negativeValuesAndHugeOffsets() {
        assertEquals("[] 0:0:1/true -5:0:0/false", describe(page("-5:0:0", 2, 9, 7)));
        assertEquals("[] 0:0:1/true 9:9000000000:0/false", describe(page("9:9000000000:0", 2, 9, 7)));
    }

    @Test
    void cursorParsing() {
        assertEquals("5:0:0", Cursor.parse(" 5 : 0 :0 ").toString());
        assertEquals("10:1:1", Cursor.parse("1_0:+1:7").toString());
        assertEquals("5.0:0:0", Cursor.parse("5.:0:0").toString());
        assertEquals("0.5:0:0", Cursor.parse(".5:0:0").toString());
        assertEquals("12:0:0", Cursor.parse("١٢:0:0").toString());
        assertEquals("0:0:1", Cursor.parse("0:0:99999999999999999999999").toString());
        for (String bad : new String[] {"", "abc", "1:2", "1:2:3:4", "1:-1:0", "a:0:0", "1:a:0", "1:0:a",
                "1.e999:0:0", "99999999999999999999:0:0", "1__0:0:0", "_1:0:0", "1e5:0:0", ".:0:0", "nan.:0:0",
                "1:0.0:0", "1::0"}) {
            assertNull(Cursor.parse(bad), bad);
        }
    }

    @Test
    void pythonFloatRepr() {
        assertEquals("5.0", PythonNumbers.floatRepr(5));
        assertEquals("0.1", PythonNumbers.floatRepr(0.1));
        assertEquals("1e+16", PythonNumbers.floatRepr(1e16));
        assertEquals("1234567890123456.0", PythonNumbers.floatRepr(1234567890123456.0));
        assertEquals("0.0001", PythonNumbers.floatRepr(0.0001));
        assertEquals("1e-05", PythonNumbers.floatRepr(0.00001));
        assertEquals("-2.5e+100", PythonNumbers.floatRepr(-2.5e100));
        assertEquals("1.5", PythonNumbers.floatRepr(1.5));
    }

    /** Walking next from the top visits every id once, newest first; walking previous back gives the same pages. */
    @Test
    void walkingBothWaysOverRandomIds() {
        Prop.forAll(300, Gens.pairs(Gens.lists(Gens.longs(1, 60), 0, 40), Gens.ints(1, 7)), in -> {
            long[] ids = in.first().stream().mapToLong(Long::longValue).distinct().toArray();
            int limit = in.second();
            List<List<Long>> pages = new ArrayList<>();
            List<Long> seen = new ArrayList<>();
            Paginator.Page<Long> p = Paginator.page(Cursor.FIRST, limit, over(ids), Long::longValue);
            pages.add(p.rows());
            seen.addAll(p.rows());
            while (p.hasNext()) {
                assertTrue(pages.size() <= ids.length, "more pages than ids");
                p = Paginator.page(p.next(), limit, over(ids), Long::longValue);
                pages.add(p.rows());
                seen.addAll(p.rows());
            }
            List<Long> expected = Arrays.stream(ids).boxed().sorted((a, b) -> Long.compare(b, a)).toList();
            assertEquals(expected, seen);
            int i = pages.size() - 1;
            while (p.hasPrevious()) {
                p = Paginator.page(p.previous(), limit, over(ids), Long::longValue);
                i--;
                assertTrue(i >= 0, "walked back past the first page");
                assertEquals(pages.get(i), p.rows());
            }
            assertTrue(i <= 0, "stopped walking back at page " + i);
        });
    }
}
