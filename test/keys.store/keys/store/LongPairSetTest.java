package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

class LongPairSetTest {
    /** Agrees with a HashSet of pairs through every growth, zero and colliding halves included. */
    @Test
    void behavesAsASetOfPairs() {
        var small = Gens.longs(-3, 3);
        var pair = Gens.pairs(Gens.oneOf(small, Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE)), small);
        Prop.forAll(50, Gens.lists(pair, 0, 400), pairs -> {
            LongPairSet set = new LongPairSet();
            Set<List<Long>> model = new HashSet<>();
            for (var p : pairs) {
                assertEquals(model.add(List.of(p.first(), p.second())), set.add(p.first(), p.second()), p.toString());
            }
            for (var p : model) {
                assertTrue(set.contains(p.get(0), p.get(1)));
            }
            assertFalse(set.contains(42, 4242));
        });
    }
}
