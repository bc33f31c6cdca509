package keys.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code --audit-retention-days}: at each compaction the store writes a {@link
 * Change.DropAuditBefore} (so the cut is in the log like any change, and replays the same), and
 * once the snapshot after it is durable, deletes the row files no entry points into any more.
 * Disk space therefore comes back a whole row file at a time.
 */
final class AuditRetention {
    private static final long DAY_MICROS = 86_400_000_000L;

    private AuditRetention() {
    }

    /** Writes the cut when entries are past the retention (not under the write lock: it takes it). */
    static void cutBeforeCompaction(Store store, StoreOptions options) {
        long cutoff = cutoff(options);
        if (due(store.state(), cutoff)) {
            store.write(tx -> {
                tx.add(new Change.DropAuditBefore(cutoff));
                return null;
            });
        }
    }

    /** The time before which entries go now, or {@link Long#MIN_VALUE} when they are kept forever. */
    static long cutoff(StoreOptions options) {
        int days = options.auditRetentionDays();
        return days == 0 ? Long.MIN_VALUE : options.sources().nowMicros() - days * DAY_MICROS;
    }

    /** True when {@code state} holds an entry from before {@code cutoff}. */
    static boolean due(State state, long cutoff) {
        if (cutoff == Long.MIN_VALUE) {
            return false;
        }
        for (AuditLog log : state.auditByOrg.values()) {
            if (log.size() > 0 && log.micros(0) < cutoff) {
                return true;
            }
        }
        return false;
    }

    /**
     * Deletes the row files before the one {@code auditEnd} is in that no entry of {@code snapshot}
     * (the state just written as the directory's snapshot) points into: later entries only point at
     * or past {@code auditEnd}. {@code reader} opens each first, so that an older state still being
     * read keeps reading it.
     */
    static void deleteUnreferenced(Path dir, State snapshot, long auditEnd, AuditRows reader, LogChannelFactory io)
            throws IOException {
        if (auditEnd == 0) {
            return;
        }
        int endFile = AuditRowFile.file(auditEnd);
        Set<Integer> used = new HashSet<>();
        for (AuditLog log : snapshot.auditByOrg.values()) {
            for (AuditLog.Chunk c : log.chunks()) {
                for (long locator : c.locators()) {
                    used.add(AuditRowFile.file(locator));
                }
            }
        }
        boolean deleted = false;
        for (DataDir.Numbered f : DataDir.auditFiles(dir)) {
            if (f.number() < endFile && !used.contains((int) f.number())) {
                reader.pin((int) f.number());
                Files.deleteIfExists(f.file());
                deleted = true;
            }
        }
        if (deleted) {
            io.syncDirectory(dir);
        }
    }
}
