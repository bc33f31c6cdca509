package keys.store;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code keys repair} found and would do (or did): nothing, when the directory is undamaged;
 * a reason, when it cannot repair; else the damaged snapshots it sets aside, the log it cuts at
 * its first bad record, the later segments it sets aside whole, and what that drops.
 */
public final class RepairPlan {
    /** Where a log is cut: from {@code offset} on (0: the whole file) its bytes are set aside. */
    record Cut(Path file, long offset, String reason) {
    }

    final Path directory;
    final String cannot;
    final List<Path> damagedSnapshots;
    final String snapshotDamage;
    final Cut cut;
    final List<Path> laterLogs;
    final DroppedRecords dropped;
    final List<AuditRowsRepair.Damaged> damagedRows;

    RepairPlan(Path directory, String cannot, List<Path> damagedSnapshots, String snapshotDamage, Cut cut,
               List<Path> laterLogs, DroppedRecords dropped) {
        this(directory, cannot, damagedSnapshots, snapshotDamage, cut, laterLogs, dropped, List.of());
    }

    private RepairPlan(Path directory, String cannot, List<Path> damagedSnapshots, String snapshotDamage, Cut cut,
                       List<Path> laterLogs, DroppedRecords dropped, List<AuditRowsRepair.Damaged> damagedRows) {
        this.damagedRows = List.copyOf(damagedRows);
        this.directory = directory;
        this.cannot = cannot;
        this.damagedSnapshots = List.copyOf(damagedSnapshots);
        this.snapshotDamage = snapshotDamage;
        this.cut = cut;
        this.laterLogs = List.copyOf(laterLogs);
        this.dropped = dropped;
    }

    static RepairPlan undamaged(Path dir) {
        return new RepairPlan(dir, null, List.of(), null, null, List.of(), null);
    }

    /** Audit entries whose rows are damaged, and nothing else: they are dropped (a new snapshot without them). */
    static RepairPlan auditRows(Path dir, List<AuditRowsRepair.Damaged> rows) {
        return new RepairPlan(dir, null, List.of(), null, null, List.of(), null, rows);
    }

    static RepairPlan cannot(Path dir, String why) {
        return new RepairPlan(dir, why, List.of(), null, null, List.of(), null);
    }

    /** True when there is damage (whether or not it can be repaired). */
    public boolean damaged() {
        return cannot != null || !damagedSnapshots.isEmpty() || cut != null || !damagedRows.isEmpty();
    }

    /** False when repair refuses: it would lose more than cutting a log's tail, so it changes nothing. */
    public boolean repairable() {
        return cannot == null;
    }

    /** Lines for a person; {@code done} words them as done rather than as what {@code --yes} would do. */
    public String describe(boolean done) {
        StringBuilder sb = new StringBuilder("data directory ").append(directory).append('\n');
        if (cannot != null) {
            return sb.append("cannot repair: ").append(cannot).append("\nnothing was changed\n").toString();
        }
        if (!damaged()) {
            return sb.append("no damage: nothing to repair\n").toString();
        }
        String setAside = done ? "set aside " : "would set aside ";
        if (!damagedRows.isEmpty()) {
            for (AuditRowsRepair.Damaged d : damagedRows.subList(0, Math.min(50, damagedRows.size()))) {
                sb.append("  damaged: ").append(d).append('\n');
            }
            if (damagedRows.size() > 50) {
                sb.append("  … and ").append(damagedRows.size() - 50).append(" more\n");
            }
            sb.append(done ? "  dropped " : "  would drop ").append(damagedRows.size())
                    .append(" audit entries whose rows are damaged (a new snapshot without them; the old one set"
                            + " aside as .cut-0, the row files left as they are); every other record is kept\n");
            sb.append(done ? "repaired: keys check now passes\n" : "run keys repair --yes to do it\n");
            return sb.toString();
        }
        if (!damagedSnapshots.isEmpty()) {
            sb.append("  damaged: ").append(snapshotDamage).append('\n');
            for (Path s : damagedSnapshots) {
                sb.append("  ").append(setAside).append(s.getFileName()).append(" as ").append(s.getFileName())
                        .append(".cut-0; the state comes from the previous snapshot (if any) plus the log\n");
            }
        }
        if (cut != null) {
            sb.append("  damaged: ").append(cut.file()).append(" at byte offset ").append(cut.offset()).append(": ")
                    .append(cut.reason()).append('\n');
            sb.append(done ? "  cut " : "  would cut ").append(cut.file().getFileName()).append(" at byte offset ")
                    .append(cut.offset()).append(", keeping the cut bytes as ").append(cut.file().getFileName())
                    .append(".cut-").append(cut.offset()).append('\n');
            for (Path log : laterLogs) {
                sb.append("  ").append(setAside).append("the later segment ").append(log.getFileName()).append(" as ")
                        .append(log.getFileName()).append(".cut-0\n");
            }
        }
        if (dropped != null) {
            dropped.describe(sb);
        } else {
            sb.append("  drops no record: the older generation holds every write\n");
        }
        sb.append(done ? "repaired: keys check now passes\n" : "run keys repair --yes to do it\n");
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe(false).stripTrailing();
    }
}
