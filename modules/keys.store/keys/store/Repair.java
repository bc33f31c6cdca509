package keys.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code keys repair} (interface §7): makes a directory that recovery refuses open again by
 * keeping the longest prefix of its writes that still reads.
 *
 * <ul>
 * <li>A damaged log is cut at its first bad record; the later segments go too (their records
 *     follow the cut one). The bytes are set aside ({@code *.cut-OFFSET}), never deleted.
 * <li>A damaged snapshot is set aside when the previous generation (an older snapshot, or none,
 *     plus the log after it) still reaches at least as far; else repair refuses and changes
 *     nothing, since cutting there would drop everything the snapshot held.
 * <li>A file written by a newer release is never cut: it is not damaged, just unreadable here.
 * </ul>
 * Cutting only ever removes a suffix of the records, so what is left is a state the store really
 * was in, whose references hold as they held then.
 */
public final class Repair {
    private Repair() {
    }

    /**
     * What repair would do, changing nothing. Refuses (as the other offline commands do) while a
     * server holds the directory.
     *
     * @throws StoreLockedException a server has the directory open
     */
    public static RepairPlan plan(Path dir) {
        try {
            StoreLock.ensureFree(dir);
            return planOrThrow(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Carries out the plan under the directory's lock and returns it; a plan that is not
     * {@link RepairPlan#repairable()} changes nothing.
     *
     * @throws StoreLockedException a server has the directory open
     */
    public static RepairPlan apply(Path dir) {
        try {
            StoreLock lock = StoreLock.acquire(dir);
            try {
                RepairPlan plan = planOrThrow(dir);
                if (plan.repairable() && plan.damaged()) {
                    if (!plan.damagedRows.isEmpty()) {
                        AuditRowsRepair.drop(dir, plan.damagedRows);
                    }
                    carryOut(plan);
                    Recovery.scan(dir).rows().close(); // throws if the repair did not take, rather than claim it did
                }
                return plan;
            } finally {
                lock.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("repair of " + dir + " failed: " + e.getMessage(), e);
        }
    }

    static RepairPlan planOrThrow(Path dir) throws IOException {
        Set<Path> ignored = new LinkedHashSet<>();
        String snapshotDamage = null;
        long mustReach = 0;
        while (true) {
            Recovery.Result r;
            try {
                List<DataDir.Numbered> snapshots = DataDir.snapshots(dir);
                snapshots.removeIf(n -> ignored.contains(n.file()));
                r = Recovery.scan(dir, snapshots, DataDir.logs(dir));
            } catch (StoreCorruptException e) {
                DataDir.Numbered snapshot = find(DataDir.snapshots(dir), e.file());
                if (newerFormat(e.file())) {
                    return RepairPlan.cannot(dir, e.getMessage() + "; use the release that wrote it");
                }
                if (snapshot != null) {
                    ignored.add(snapshot.file());
                    snapshotDamage = snapshotDamage == null ? damage(e) : snapshotDamage + "; " + damage(e);
                    mustReach = Math.max(mustReach, snapshot.number());
                    continue;
                }
                if (!ignored.isEmpty()) {
                    return RepairPlan.cannot(dir, snapshotDamage + "; and the previous snapshot plus the log do not"
                            + " replace it: " + damage(e));
                }
                return cutPlan(dir, e);
            }
            if (r.lastSeq() < mustReach) {
                return RepairPlan.cannot(dir, snapshotDamage + "; and no older snapshot with the log after it is"
                        + " left to rebuild it (compaction deletes them): the older generation reaches seq "
                        + r.lastSeq() + ", the snapshot held seq " + mustReach);
            }
            RepairPlan.Cut cut = null;
            DroppedRecords dropped = null;
            if (r.torn() != null) {
                cut = new RepairPlan.Cut(r.torn().file(), r.torn().offset(), r.torn().reason());
                dropped = DroppedRecords.read(List.of(new DroppedRecords.Region(cut.file(), cut.offset(), r.lastSeq())),
                        r.snapshotSeq());
            }
            if (ignored.isEmpty() && cut == null) {
                try { // only once the log reads: its records are what the rows must agree with
                    List<AuditRowsRepair.Damaged> rows = AuditRowsRepair.find(r.state());
                    return rows.isEmpty() ? RepairPlan.undamaged(dir) : RepairPlan.auditRows(dir, rows);
                } finally {
                    r.rows().close();
                }
            }
            r.rows().close();
            return new RepairPlan(dir, null, new ArrayList<>(ignored), snapshotDamage, cut, List.of(), dropped);
        }
    }

    /** Damage in a log (or a gap between segments): cut at the bad record, set later segments aside. */
    private static RepairPlan cutPlan(Path dir, StoreCorruptException e) throws IOException {
        List<DataDir.Numbered> logs = DataDir.logs(dir);
        DataDir.Numbered damaged = find(logs, e.file());
        if (damaged == null) {
            return RepairPlan.cannot(dir, e.getMessage());
        }
        long offset = e.offset() < LogFormat.HEADER_BYTES ? 0 : e.offset();
        List<DroppedRecords.Region> regions = new ArrayList<>();
        regions.add(new DroppedRecords.Region(damaged.file(), offset, lastSeqBefore(damaged, offset)));
        List<Path> later = new ArrayList<>();
        for (DataDir.Numbered log : logs) {
            if (log.number() > damaged.number()) {
                later.add(log.file());
                regions.add(new DroppedRecords.Region(log.file(), 0, log.number() - 1));
            }
        }
        List<DataDir.Numbered> snapshots = DataDir.snapshots(dir);
        long snapshotSeq = snapshots.isEmpty() ? 0 : snapshots.getLast().number();
        return new RepairPlan(dir, null, List.of(), null, new RepairPlan.Cut(damaged.file(), offset, e.reason()), later,
                DroppedRecords.read(regions, snapshotSeq));
    }

    /** The seq of the last good record before {@code offset}. */
    private static long lastSeqBefore(DataDir.Numbered log, long offset) throws IOException {
        if (offset == 0) {
            return log.number() - 1;
        }
        try (LogDecoder d = LogDecoder.open(log.file(), LogFormat.LOG_MAGIC, log.number())) {
            while (d.goodEnd() < offset && d.next() != null) {
                // read on up to the cut
            }
            return d.lastSeq();
        } catch (TornTailException | StoreCorruptException unexpected) {
            return log.number() - 1; // only bounds how far the salvage looks for seqs
        }
    }

    private static void carryOut(RepairPlan plan) throws IOException {
        for (Path snapshot : plan.damagedSnapshots) {
            setAside(snapshot);
        }
        for (Path log : plan.laterLogs.reversed()) {
            setAside(log);
        }
        if (plan.cut != null) {
            if (plan.cut.offset() == 0) {
                setAside(plan.cut.file());
            } else {
                LogRepair.cut(plan.cut.file(), plan.cut.offset(), "cut", plan.cut.reason());
            }
        }
        DataDir.syncDirectory(plan.directory);
    }

    /** Renames a whole file to {@code <name>.cut-0} (or {@code .cut-0.N} if a repair already used that name). */
    private static void setAside(Path file) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".cut-0");
        for (int n = 1; Files.exists(aside); n++) {
            aside = file.resolveSibling(file.getFileName() + ".cut-0." + n);
        }
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    }

    private static DataDir.Numbered find(List<DataDir.Numbered> files, Path file) {
        for (DataDir.Numbered n : files) {
            if (n.file().equals(file)) {
                return n;
            }
        }
        return null;
    }

    private static String damage(StoreCorruptException e) {
        return e.file().getFileName() + " at byte offset " + e.offset() + ": " + e.reason();
    }

    /** A header that reads but names a later format version: not damage; cutting it would destroy data. */
    private static boolean newerFormat(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < LogFormat.HEADER_BYTES) {
                return false;
            }
            ByteBuffer b = ByteBuffer.allocate(LogFormat.HEADER_BYTES);
            while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
                // fill the header
            }
            byte[] h = b.array();
            boolean magic = Arrays.equals(h, 0, 7, LogFormat.LOG_MAGIC, 0, 7)
                    || Arrays.equals(h, 0, 7, LogFormat.SNAPSHOT_MAGIC, 0, 7);
            return magic && (h[7] & 0xFF) > LogFormat.VERSION;
        }
    }
}
