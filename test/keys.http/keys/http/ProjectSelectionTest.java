package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import keys.store.IdSet;
import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

class ProjectSelectionTest {
    /** Sets of small ids, some few and some many, so that both ways of intersecting are taken. */
    private static final Gen<IdSet> SETS = Gens.oneOf(Gens.lists(Gens.longs(1, 60), 0, 4),
            Gens.lists(Gens.longs(1, 60), 0, 200)).map(ProjectSelectionTest::idSet);

    @Test
    void aTeamsProjectsWithinTheCallersAreTheirIntersection() {
        Prop.forAll(Gens.pairs(SETS, SETS), p ->
                assertEquals(p.second().intersect(p.first()), ProjectSelection.within(p.first(), p.second())));
    }

    private static IdSet idSet(List<Long> ids) {
        return IdSet.of(ids.stream().mapToLong(Long::longValue).toArray());
    }
}
