package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

class IdIndexTest {
    /**
     * Random adds, removes and reads under a few keys, from a base that already holds sets, agree
     * with a map of sorted sets; a set emptied leaves no key; the base map is never changed.
     */
    @Test
    void editsAgreeWithAMapOfSortedSets() {
        var op = Gens.pairs(Gens.ints(0, 3), Gens.pairs(Gens.ints(0, 9), Gens.longs(-5, 40)));
        Prop.forAll(200, Gens.lists(op, 0, 300), ops -> {
            Map<Integer, IdSet> base = Map.of(1, IdSet.of(3, 7, 20), 2, IdSet.of(-5));
            Map<Integer, TreeSet<Long>> model = new HashMap<>();
            base.forEach((k, v) -> model.put(k, new TreeSet<>(java.util.Arrays.stream(v.toArray()).boxed().toList())));
            IdIndex<Integer> index = new IdIndex<>(base);
            for (var o : ops) {
                int key = o.first();
                long id = o.second().second();
                int kind = o.second().first(); // adds and removes often, a whole key dropped now and then
                switch (kind < 4 ? 0 : kind < 7 ? 1 : kind < 8 ? 2 : 3) {
                    case 0 -> {
                        index.add(key, id);
                        model.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
                    }
                    case 1 -> {
                        index.remove(key, id);
                        if (model.containsKey(key) && model.get(key).remove(id) && model.get(key).isEmpty()) {
                            model.remove(key);
                        }
                    }
                    case 2 -> {
                        index.removeKey(key);
                        model.remove(key);
                    }
                    default -> assertEquals(expected(model, key), index.get(key), o.toString());
                }
            }
            Map<Integer, IdSet> built = index.build();
            Map<Integer, IdSet> want = new HashMap<>();
            model.forEach((k, v) -> want.put(k, expected(model, k)));
            assertEquals(want, built);
            assertEquals(Map.of(1, IdSet.of(3, 7, 20), 2, IdSet.of(-5)), base);
        });
    }

    private static IdSet expected(Map<Integer, TreeSet<Long>> model, int key) {
        TreeSet<Long> ids = model.get(key);
        return ids == null || ids.isEmpty() ? null : IdSet.of(ids.stream().mapToLong(Long::longValue).toArray());
    }
}
