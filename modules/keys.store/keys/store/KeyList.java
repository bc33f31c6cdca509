package keys.store;

import java.util.AbstractList;
import java.util.RandomAccess;

import keys.domain.ClientKey;

/** One project's keys, immutable, ascending by id: the unit the key query merges over. */
final class KeyList extends AbstractList<ClientKey> implements RandomAccess {
    static final KeyList EMPTY = new KeyList(new ClientKey[0]);

    private final ClientKey[] keys;

    private KeyList(ClientKey[] keys) {
        this.keys = keys;
    }

    @Override
    public ClientKey get(int index) {
        return keys[index];
    }

    @Override
    public int size() {
        return keys.length;
    }

    /** Index of the key with this id, or (-(insertion point) - 1). */
    int indexOf(long id) {
        int lo = 0, hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = keys[mid].id();
            if (m < id) {
                lo = mid + 1;
            } else if (m > id) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Wraps keys already ascending by id; the caller gives up the array. */
    static KeyList ofSorted(ClientKey[] sorted) {
        return sorted.length == 0 ? EMPTY : new KeyList(sorted);
    }
}
