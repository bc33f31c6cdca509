package keys.http;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The in-memory fetch behind every management list, against the obvious filter-and-skip. */
class ManagementListsTest {
    record Query(List<Long> ids, long bound, boolean asc, int offset, int limit) { }

    static final Gen<Query> QUERY = s -> {
        TreeSet<Long> ids = new TreeSet<>(Gens.lists(Gens.longs(1, 60), 0, 30).generate(s));
        long bound = s.drawBoolean() ? 0 : s.draw(1, 70);
        return new Query(new ArrayList<>(ids), bound, s.drawBoolean(), s.drawInt(0, 35), s.drawInt(1, 12));
    };

    @Test
    void sliceIsFilterThenSkipThenTake() {
        Prop.forAll(QUERY, q -> {
            List<Long> expected = new ArrayList<>();
            List<Long> ordered = new ArrayList<>(q.ids());
            if (!q.asc()) {
                java.util.Collections.reverse(ordered);
            }
            for (long id : ordered) {
                boolean admitted = q.bound() == 0 || (q.asc() ? id >= q.bound() : id <= q.bound());
                if (admitted) {
                    expected.add(id);
                }
            }
            expected = expected.subList(Math.min(q.offset(), expected.size()),
                    Math.min(q.offset() + q.limit(), expected.size()));
            assertEquals(expected, ManagementLists.slice(q.ids(), Long::longValue, q.bound(), q.asc(),
                    q.offset(), q.limit()));
        });
    }

    @Test
    void theLargestBoundAdmitsEverything() {
        assertEquals(List.of(9L, 5L), ManagementLists.slice(List.of(5L, 9L), Long::longValue, Long.MAX_VALUE,
                false, 0, 10));
    }
}
