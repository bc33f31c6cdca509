package keys.store;

import java.util.ArrayList;
import java.util.List;

import keys.domain.ClientKey;
import keys.domain.UseCase;

/**
 * Runs a {@link KeyQuery}: a k-way merge over the projects' id-ordered key lists, so a page costs
 * time in the page size and the number of projects, never in the number of keys of the org.
 */
final class KeyMerge {
    private final KeyList[] lists;
    private final int[] positions;
    private final long[] heads; // the id at each list's position: compared often, read once
    private final int[] heap; // indexes into lists, ordered by each list's current id
    private int heapSize;
    private final boolean ascending;

    private KeyMerge(int capacity, boolean ascending) {
        this.lists = new KeyList[capacity];
        this.positions = new int[capacity];
        this.heads = new long[capacity];
        this.heap = new int[capacity];
        this.ascending = ascending;
    }

    /** Below this share of the organization's projects, merging per project wins over one scan. */
    private static final int ORG_SCAN_FRACTION = 8;

    static List<ClientKey> run(State state, KeyQuery q) {
        IdSet projectIds = q.projectIds();
        if (q.orgId() != 0 && projectIds.size() > 16
                && (long) projectIds.size() * ORG_SCAN_FRACTION >= state.projectIds(q.orgId()).size()) {
            KeyList all = state.keysByOrg.get(q.orgId());
            return all == null ? List.of() : scan(all, q);
        }
        KeyMerge merge = new KeyMerge(projectIds.size(), q.ascending());
        for (int i = 0; i < projectIds.size(); i++) {
            KeyList list = state.keysByProject.get(projectIds.get(i));
            if (list != null && !list.isEmpty()) {
                merge.add(list, q.bound());
            }
        }
        merge.heapify();
        Page page = new Page(q);
        while (!page.full() && merge.heapSize > 0) {
            page.offer(merge.pop());
        }
        return page.keys;
    }

    /** One pass over an organization's keys in id order, keeping those of the chosen projects. */
    private static List<ClientKey> scan(KeyList all, KeyQuery q) {
        int start = startIndex(all, q.bound(), q.ascending());
        int step = q.ascending() ? 1 : -1;
        Page page = new Page(q);
        for (int i = start; i >= 0 && i < all.size() && !page.full(); i += step) {
            ClientKey k = all.get(i);
            if (q.projectIds().contains(k.projectId())) {
                page.offer(k);
            }
        }
        return page.keys;
    }

    /** Keeps the keys that match the filters, once the offset is skipped, until the page is full. */
    private static final class Page {
        final KeyQuery q;
        final List<ClientKey> keys;
        int toSkip;

        Page(KeyQuery q) {
            this.q = q;
            this.keys = new ArrayList<>(Math.min(q.limit(), 128));
            this.toSkip = q.offset();
        }

        boolean full() {
            return keys.size() >= q.limit();
        }

        void offer(ClientKey k) {
            if ((q.active() != null && k.active() != q.active()) || (q.userOnly() && k.useCase() != UseCase.USER)) {
                return;
            }
            if (toSkip > 0) {
                toSkip--;
            } else {
                keys.add(k);
            }
        }
    }

    /** Where a walk in the given direction starts: the first id at or past the bound, or an end. */
    private static int startIndex(KeyList list, long bound, boolean ascending) {
        if (bound == 0) {
            return ascending ? 0 : list.size() - 1;
        }
        int at = list.indexOf(bound);
        if (at >= 0) {
            return at;
        }
        int insert = -at - 1; // first index with id > bound
        return ascending ? insert : insert - 1;
    }

    private void add(KeyList list, long bound) {
        int start = startIndex(list, bound, ascending);
        if (start < 0 || start >= list.size()) {
            return;
        }
        int slot = heapSize;
        lists[slot] = list;
        positions[slot] = start;
        heads[slot] = list.get(start).id();
        heap[heapSize++] = slot;
    }

    /** Orders the lists added so far in one O(k) pass (Floyd), rather than k sift-ups. */
    private void heapify() {
        for (int i = heapSize / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    private ClientKey pop() {
        int slot = heap[0];
        ClientKey k = lists[slot].get(positions[slot]);
        int next = positions[slot] + (ascending ? 1 : -1);
        if (next >= 0 && next < lists[slot].size()) {
            positions[slot] = next;
            heads[slot] = lists[slot].get(next).id();
        } else {
            heap[0] = heap[--heapSize];
        }
        if (heapSize > 0) {
            siftDown(0);
        }
        return k;
    }

    private boolean before(int a, int b) {
        long x = heads[heap[a]];
        long y = heads[heap[b]];
        return ascending ? x < y : x > y;
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= heapSize) {
                return;
            }
            int best = left + 1 < heapSize && before(left + 1, left) ? left + 1 : left;
            if (!before(best, i)) {
                return;
            }
            swap(i, best);
            i = best;
        }
    }

    private void swap(int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}
