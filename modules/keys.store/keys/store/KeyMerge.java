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
    private final KeyList.Walk[] walks; // by slot
    // The heap, as two arrays moved together: which slot, and the id at its walk's position (the
    // comparisons read the ids in place rather than through the slot).
    private final int[] heapSlots;
    private final long[] heapIds;
    private int heapSize;
    private final boolean ascending;

    private KeyMerge(int capacity, boolean ascending) {
        this.walks = new KeyList.Walk[capacity];
        this.heapSlots = new int[capacity];
        this.heapIds = new long[capacity];
        this.ascending = ascending;
    }

    /** Below this share of the organization's (or team's) projects, merging per project wins over one scan. */
    private static final int SCAN_FRACTION = 8;
    /** Up to this many projects, a merge is as cheap as a scan. */
    private static final int MERGE_AT_MOST = 16;

    static List<ClientKey> run(State state, KeyQuery q) {
        IdSet projectIds = q.projectIds();
        if (projectIds.size() > MERGE_AT_MOST) {
            // A team's list holds its keys side by side: a page reads them in a row, where a merge
            // looks up each project's list and newest key, one scattered read after another.
            if (q.teamId() != 0) {
                List<ClientKey> page = scanIfMost(state.projectIdsOfTeam(q.teamId()),
                        state.keysByTeam.get(q.teamId()), q);
                if (page != null) {
                    return page;
                }
            }
            if (q.orgId() != 0) {
                List<ClientKey> page = scanIfMost(state.projectIds(q.orgId()), state.keysByOrg.get(q.orgId()), q);
                if (page != null) {
                    return page;
                }
            }
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

    /**
     * The page read from a list holding every key of {@code all} (an organization's or a team's
     * projects, of which the query's are a subset), when the query covers enough of them; else null.
     */
    private static List<ClientKey> scanIfMost(IdSet all, KeyList keys, KeyQuery q) {
        IdSet projectIds = q.projectIds();
        if ((long) projectIds.size() * SCAN_FRACTION < all.size()) {
            return null;
        }
        // Every project of the list (a superuser's or a team member's page): each key is one of them.
        boolean every = projectIds == all || projectIds.equals(all);
        return keys == null ? List.of() : scan(keys, q, every);
    }

    /** One pass over an organization's or a team's keys in id order, keeping those of the chosen projects. */
    private static List<ClientKey> scan(KeyList all, KeyQuery q, boolean everyProject) {
        Page page = new Page(q);
        int start = startIndex(all, q.bound(), q.ascending());
        if (start < 0 || start >= all.size()) {
            return page.keys;
        }
        KeyList.Walk walk = all.walk(start, q.ascending());
        while (!page.full()) {
            ClientKey k = walk.key();
            if (everyProject || q.projectIds().contains(k.projectId())) {
                page.offer(k);
            }
            if (!walk.advance()) {
                break;
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
        KeyList.Walk walk = list.walk(start, ascending);
        int slot = heapSize;
        walks[slot] = walk;
        heapSlots[heapSize] = slot;
        heapIds[heapSize++] = walk.key().id();
    }

    /** Orders the lists added so far in one O(k) pass (Floyd), rather than k sift-ups. */
    private void heapify() {
        for (int i = heapSize / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    private ClientKey pop() {
        KeyList.Walk walk = walks[heapSlots[0]];
        ClientKey k = walk.key();
        if (walk.advance()) {
            heapIds[0] = walk.key().id();
        } else {
            heapSize--;
            heapSlots[0] = heapSlots[heapSize];
            heapIds[0] = heapIds[heapSize];
        }
        if (heapSize > 0) {
            siftDown(0);
        }
        return k;
    }

    private boolean before(int a, int b) {
        return ascending ? heapIds[a] < heapIds[b] : heapIds[a] > heapIds[b];
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
        int slot = heapSlots[a];
        heapSlots[a] = heapSlots[b];
        heapSlots[b] = slot;
        long id = heapIds[a];
        heapIds[a] = heapIds[b];
        heapIds[b] = id;
    }
}
