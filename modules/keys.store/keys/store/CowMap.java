package keys.store;

import java.util.Map;

/**
 * A map that a {@link StateBuilder} changes without touching the state it started from. Writes
 * make new {@link HashTrie}s that share all but a path with the base, so a write costs the same
 * however large the map; a base of another kind (an empty state's, an import's) is turned into a
 * trie once, at its first write.
 */
final class CowMap<K, V> {
    private Map<K, V> map;

    CowMap(Map<K, V> base) {
        this.map = base;
    }

    V get(K key) {
        return map.get(key);
    }

    void put(K key, V value) {
        map = HashTrie.of(map).with(key, value);
    }

    void remove(K key) {
        if (map.containsKey(key)) {
            map = HashTrie.of(map).without(key);
        }
    }

    /** The map as it stands: immutable, so it may be read while building goes on, and kept. */
    Map<K, V> build() {
        return map;
    }
}
