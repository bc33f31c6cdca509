package keys.store;

import java.util.Arrays;

import keys.domain.ClientKey;

/**
 * Edits one {@link KeyList} inside a {@link StateBuilder}. A few edits go straight to the
 * persistent list (one chunk copied each); past {@link #BULK_AFTER} edits — replaying a log,
 * deleting a big project — it switches to one plain array, so a million puts stay linear. An
 * empty base starts in bulk: there is nothing to copy.
 */
final class KeyListEditor {
    static final int BULK_AFTER = 64;

    private KeyList list;
    private ClientKey[] bulk; // ascending, first bulkSize slots used; null while editing the list
    private int bulkSize;
    /** The id of bulk[bulkSize - 1]: appending then reads no key (the last one is often out of cache). */
    private long lastId = Long.MIN_VALUE;
    private int edits;

    KeyListEditor(KeyList base) {
        this.list = base;
        if (base.isEmpty()) {
            bulk = new ClientKey[16]; // nothing to copy: a new list (a snapshot's, say) is built in bulk from the start
        }
    }

    /** Inserts or replaces by id; returns true when the key is new. */
    boolean put(ClientKey key) {
        if (++edits > BULK_AFTER && bulk == null) {
            toBulk();
        }
        if (bulk == null) {
            boolean isNew = list.indexOf(key.id()) < 0;
            list = list.with(key);
            return isNew;
        }
        long id = key.id();
        if (bulkSize == 0 || lastId < id) {
            ensure(bulkSize + 1);
            bulk[bulkSize++] = key; // the common case: new keys have the highest ids
            lastId = id;
            return true;
        }
        int at = KeyList.search(bulk, bulkSize, key.id());
        if (at >= 0) {
            bulk[at] = key;
            return false;
        }
        int insert = -at - 1;
        ensure(bulkSize + 1);
        System.arraycopy(bulk, insert, bulk, insert + 1, bulkSize - insert);
        bulk[insert] = key;
        bulkSize++;
        return true; // not the last: lastId stands
    }

    /** Removes by id; returns true when it was there. */
    boolean remove(long id) {
        if (++edits > BULK_AFTER && bulk == null) {
            toBulk();
        }
        if (bulk == null) {
            boolean present = list.indexOf(id) >= 0;
            list = list.without(id);
            return present;
        }
        int at = KeyList.search(bulk, bulkSize, id);
        if (at < 0) {
            return false;
        }
        System.arraycopy(bulk, at + 1, bulk, at, bulkSize - at - 1);
        bulk[--bulkSize] = null;
        lastId = bulkSize == 0 ? Long.MIN_VALUE : bulk[bulkSize - 1].id();
        return true;
    }

    KeyList build() {
        return bulk == null ? list : KeyList.ofSorted(bulk, bulkSize);
    }

    private void toBulk() {
        bulk = list.toSortedArray();
        bulkSize = bulk.length;
        lastId = bulkSize == 0 ? Long.MIN_VALUE : bulk[bulkSize - 1].id();
    }

    private void ensure(int capacity) {
        if (capacity > bulk.length) {
            bulk = Arrays.copyOf(bulk, Math.max(16, Math.max(capacity, bulk.length * 2)));
        }
    }
}
