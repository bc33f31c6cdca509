package keys.store;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A map that a {@link StateBuilder} changes without touching the state it started from: the
 * first write copies the base, later writes go to the copy.
 */
final class CowMap<K, V> {
    private final Map<K, V> base;
    private HashMap<K, V> copy;

    CowMap(Map<K, V> base) {
        this.base = base;
    }

    V get(K key) {
        return (copy != null ? copy : base).get(key);
    }

    void put(K key, V value) {
        writable().put(key, value);
    }

    void remove(K key) {
        if (copy != null || base.containsKey(key)) {
            writable().remove(key);
        }
    }

    Map<K, V> view() {
        return copy != null ? copy : base;
    }

    Map<K, V> build() {
        return copy == null ? base : Collections.unmodifiableMap(copy);
    }

    private HashMap<K, V> writable() {
        if (copy == null) {
            copy = new HashMap<>(Math.max(16, (int) (base.size() / 0.7f) + 1));
            copy.putAll(base);
        }
        return copy;
    }
}
