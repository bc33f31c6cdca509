package keys.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code keys repair} for audit rows: finds the entries whose row no longer reads (CRC, a missing
 * file), and drops those entries by writing a snapshot of everything else, as a compaction would.
 * The damaged bytes stay where they are, unreferenced; the snapshot the new one replaces is set
 * aside ({@code .cut-0}), never deleted; no row file is cut or deleted. Everything else the directory holds is kept.
 */
final class AuditRowsRepair {
    /** One entry whose row is damaged. */
    record Damaged(long orgId, long id, Path file, long offset, String reason) {
        @Override
        public String toString() {
            return "audit entry " + id + " of organization " + orgId + ": " + file.getFileName() + " at byte offset "
                    + offset + ": " + reason;
        }
    }

    private AuditRowsRepair() {
    }

    /** Every entry of {@code state} whose row on disk does not read back as itself. */
    static List<Damaged> find(State state) {
        List<Damaged> out = new ArrayList<>();
        for (Map.Entry<Long, AuditLog> e : state.auditByOrg.entrySet()) {
            long org = e.getKey();
            for (AuditLog.Chunk c : e.getValue().chunks()) {
                for (int i = 0; i < c.size(); i++) {
                    if (c.locators()[i] == AuditLog.IN_MEMORY) {
                        continue;
                    }
                    try {
                        state.auditRows.read(c.locators()[i], c.ids()[i], org);
                    } catch (StoreCorruptException bad) {
                        out.add(new Damaged(org, c.ids()[i], bad.file(), bad.offset(), bad.reason()));
                    }
                }
            }
        }
        return out;
    }

    /** Drops the damaged entries: a snapshot at the last seq without them. Under the directory's lock. */
    static void drop(Path dir, List<Damaged> damaged) throws IOException {
        Recovery.Result r = Recovery.scan(dir);
        try {
            Map<Long, Set<Long>> ids = new HashMap<>();
            for (Damaged d : damaged) {
                ids.computeIfAbsent(d.orgId(), k -> new HashSet<>()).add(d.id());
            }
            State state = r.state().withoutAuditEntries(ids);
            LogChannelFactory io = LogChannelFactory.DEFAULT;
            long last = r.auditEnd() == 0 ? 0 : AuditRowFile.file(r.auditEnd());
            for (DataDir.Numbered f : DataDir.auditFiles(dir)) {
                last = Math.max(last, f.number());
            }
            // A new file for the rows of the replayed records: nothing is cut, whichever file is damaged.
            try (AuditRowWriter rows = AuditRowWriter.startFile(dir, io, (int) last + 1)) {
                state = state.withAuditRowsOnDisk(rows);
                rows.sync();
                if (r.snapshot() != null) {
                    Path old = r.snapshot().file();
                    Files.move(old, old.resolveSibling(old.getFileName() + ".cut-0"), StandardCopyOption.ATOMIC_MOVE);
                }
                SnapshotFile.write(dir, r.lastSeq(), state, rows.end(), io, CompactionHook.NONE);
            }
            DataDir.deleteCoveredBy(dir, r.lastSeq(), io, CompactionHook.NONE);
        } finally {
            r.rows().close();
        }
    }
}
