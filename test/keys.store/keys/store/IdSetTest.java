package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

class IdSetTest {
    /**
     * Sets of a few ids and of up to ~170, so that both ways of intersecting are taken: a lookup
     * of each id of a set at least 16 times smaller, and a walk of both.
     */
    private static final Gen<List<Long>> IDS = Gens.oneOf(Gens.lists(Gens.longs(1, 200), 0, 4),
            Gens.lists(Gens.longs(1, 200), 0, 400));

    @Test
    void anIntersectionHoldsExactlyTheIdsOfBoth() {
        Prop.forAll(Gens.pairs(IDS, IDS), p -> {
            TreeSet<Long> both = new TreeSet<>(p.first());
            both.retainAll(p.second());
            IdSet expected = idSet(List.copyOf(both));
            assertEquals(expected, idSet(p.first()).intersect(idSet(p.second())));
            assertEquals(expected, idSet(p.second()).intersect(idSet(p.first())));
        });
    }

    private static IdSet idSet(List<Long> ids) {
        return IdSet.of(ids.stream().mapToLong(Long::longValue).toArray());
    }
}
