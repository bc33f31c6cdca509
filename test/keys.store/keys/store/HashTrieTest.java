package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

/**
 * A trie answers as a {@link HashMap} given the same puts and removes would, and every earlier
 * version keeps answering as it did: with keys close together (ids), keys far apart, and keys
 * whose hashes are equal (a chain in one slot) or share their first levels.
 */
class HashTrieTest {
    /** A key with a chosen hash, as unequal keys of one hash are rare among Longs and Strings. */
    private record Clash(int hash, int n) {
        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final Gen<Object> KEYS = Gens.frequency(
            4, Gens.longs(1, 64).map(l -> (Object) l),
            2, Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).map(l -> (Object) l),
            2, Gens.ints(0, 3).flatMap(h -> Gens.ints(0, 3).map(n -> (Object) new Clash(h * 0x10000000, n))));

    /** A put (value ≥ 0) or a remove (value < 0) on version {@code from} of the versions so far. */
    private record Op(Object key, int value, int from) {
    }

    private static final Gen<Op> OPS = KEYS.flatMap(k -> Gens.ints(-3, 9).flatMap(v -> Gens.ints(0, 99)
            .map(f -> new Op(k, v, f))));

    @Test
    void everyVersionAnswersAsAHashMapWould() {
        Prop.forAll(Gens.lists(OPS, 0, 120), ops -> {
            List<HashTrie<Object, Integer>> tries = new ArrayList<>(List.of(HashTrie.empty()));
            List<Map<Object, Integer>> models = new ArrayList<>(List.of(Map.of()));
            for (Op op : ops) {
                int from = op.from() % tries.size();
                Map<Object, Integer> model = new HashMap<>(models.get(from));
                HashTrie<Object, Integer> trie = tries.get(from);
                if (op.value() >= 0) {
                    model.put(op.key(), op.value());
                    trie = trie.with(op.key(), op.value());
                } else {
                    model.remove(op.key());
                    trie = trie.without(op.key());
                }
                tries.add(trie);
                models.add(model);
            }
            for (int v = 0; v < tries.size(); v++) {
                HashTrie<Object, Integer> trie = tries.get(v);
                Map<Object, Integer> model = models.get(v);
                assertEquals(model, trie, "version " + v);
                assertEquals(model.size(), trie.size());
                Map<Object, Integer> iterated = new HashMap<>();
                int seen = 0;
                for (Map.Entry<Object, Integer> e : trie.entrySet()) {
                    iterated.put(e.getKey(), e.getValue());
                    seen++;
                }
                assertEquals(model, iterated, "iteration meets each entry");
                assertEquals(model.size(), seen, "and each once");
                for (Op op : ops) {
                    assertEquals(model.get(op.key()), trie.get(op.key()));
                    assertEquals(model.containsKey(op.key()), trie.containsKey(op.key()));
                }
            }
        });
    }

    @Test
    void aTrieIsReadOnlyThroughTheMapInterface() {
        HashTrie<Long, String> trie = HashTrie.<Long, String>empty().with(1L, "a");
        assertThrows(UnsupportedOperationException.class, () -> trie.put(2L, "b"));
        assertThrows(UnsupportedOperationException.class, () -> trie.entrySet().iterator().next().setValue("c"));
        assertEquals(HashTrie.of(Map.of(1L, "a")), trie);
    }
}
