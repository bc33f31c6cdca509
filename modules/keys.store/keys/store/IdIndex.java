package keys.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An index of id sets by key (projects by organization, members by user, ...) that a
 * {@link StateBuilder} edits in place: each set is copied into a growable array once, edited
 * there, and becomes an immutable {@link IdSet} again at {@link #build()}. Adding the 5,000
 * projects of an organization one at a time to an IdSet would copy it 5,000 times (100 MB of
 * garbage while a snapshot or log opens).
 */
final class IdIndex<K> {
    private static final class Edit {
        long[] ids;
        int size;
    }

    private final CowMap<K, IdSet> sets;
    private final Map<K, Edit> edits = new HashMap<>();

    IdIndex(Map<K, IdSet> base) {
        this.sets = new CowMap<>(base);
    }

    /** The set under {@code key} as it is now, or null for none. */
    IdSet get(K key) {
        Edit e = edits.get(key);
        if (e == null) {
            return sets.get(key);
        }
        return e.size == 0 ? null : IdSet.ofSorted(e.ids, e.size);
    }

    void add(K key, long id) {
        Edit e = edit(key);
        int at = Arrays.binarySearch(e.ids, 0, e.size, id);
        if (at >= 0) {
            return;
        }
        int insert = -at - 1;
        if (e.size == e.ids.length) {
            e.ids = Arrays.copyOf(e.ids, Math.max(8, e.size * 2));
        }
        System.arraycopy(e.ids, insert, e.ids, insert + 1, e.size - insert);
        e.ids[insert] = id;
        e.size++;
    }

    void remove(K key, long id) {
        Edit e = edit(key);
        int at = Arrays.binarySearch(e.ids, 0, e.size, id);
        if (at >= 0) {
            System.arraycopy(e.ids, at + 1, e.ids, at, e.size - at - 1);
            e.size--;
        }
    }

    /** Drops the whole set under {@code key}. */
    void removeKey(K key) {
        edits.remove(key);
        sets.remove(key);
    }

    /** The index with every edit in it; an emptied set leaves no key behind. */
    Map<K, IdSet> build() {
        for (Map.Entry<K, Edit> entry : edits.entrySet()) {
            Edit e = entry.getValue();
            if (e.size == 0) {
                sets.remove(entry.getKey());
            } else {
                sets.put(entry.getKey(), IdSet.ofSorted(e.ids, e.size));
            }
        }
        edits.clear();
        return sets.build();
    }

    private Edit edit(K key) {
        Edit e = edits.get(key);
        if (e == null) {
            e = new Edit();
            IdSet current = sets.get(key);
            e.ids = current == null ? new long[8] : current.toArray();
            e.size = current == null ? 0 : current.size();
            edits.put(key, e);
        }
        return e;
    }
}
