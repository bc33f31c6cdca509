package keys.store;

import java.util.Arrays;

/**
 * A map from long to value in open-addressed arrays, for lookups made once per key while a million
 * keys are applied: no boxed key and no lambda per lookup (together about 60 bytes of garbage a
 * key, which at a million keys is one more young collection). No removal but {@link #clear()}.
 */
final class LongMap<V> {
    private long[] keys = new long[64];
    private Object[] values = new Object[64];
    private int size;

    @SuppressWarnings("unchecked")
    V get(long key) {
        return (V) values[slot(key)];
    }

    /** {@code value} must not be null: a null value marks a free slot. */
    void put(long key, V value) {
        if (2 * (size + 1) > values.length) {
            grow();
        }
        int i = slot(key);
        if (values[i] == null) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(values, null);
            size = 0;
        }
    }

    /** Where the key is, or the free slot where it would go. */
    private int slot(long key) {
        int mask = values.length - 1;
        long h = key * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ h >>> 32) & mask;
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                int j = slot(oldKeys[i]);
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }
}
