package keys.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What a write body gets: the latest state to decide against, ids to allocate and a place to put
 * its changes. Bodies run one at a time, so what they check (a free slug, say) still holds when
 * their changes commit.
 */
public final class Tx {
    private final State state;
    private long lastId;
    private long lastAuditId;
    private final List<Change> changes = new ArrayList<>();

    Tx(State state) {
        this.state = state;
        this.lastId = state.lastId();
        this.lastAuditId = state.lastAuditId();
    }

    /** The latest state, including writes not yet durable; not this body's own changes. */
    public State state() {
        return state;
    }

    public long nextId() {
        return ++lastId;
    }

    /** The next audit entry id: audit entries have their own counter. */
    public long nextAuditId() {
        return ++lastAuditId;
    }

    public void add(Change change) {
        changes.add(change);
    }

    List<Change> changes() {
        return changes;
    }

    long lastIdAllocated() {
        return lastId;
    }
}
