package keys.store;

/**
 * Called between the steps of a compaction; tests throw from it to simulate a crash at that point
 * and then check that the directory reopens to the same state.
 */
interface CompactionHook {

    enum Step {
        /** A fresh log segment is active; the old one is synced and closed. */
        ROTATED,
        /** The snapshot's temp file holds its first chunk, not yet synced. */
        SNAPSHOT_PARTIAL,
        /** The temp file is complete and synced, not yet renamed. */
        SNAPSHOT_SYNCED,
        /** Renamed to its final name; the directory not yet synced. */
        SNAPSHOT_RENAMED,
        /** One superseded log or snapshot was just deleted (reached once per file). */
        OLD_FILE_DELETED,
        DONE
    }

    void reached(Step step) throws java.io.IOException;

    CompactionHook NONE = step -> { };
}
