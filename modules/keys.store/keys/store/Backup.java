package keys.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The online backup's read (interface §7): the state of a data directory that a server may be
 * writing and compacting, read without its lock and without ever blocking it; also works on a
 * read-only copy.
 *
 * <p>Why the result is one consistent state holding every write acknowledged before the read:
 * <ul>
 * <li>The scan is the recovery scan: the newest snapshot plus the records after it, each record
 *     one whole write. A record being appended shows as a torn tail and is left out, whole.
 * <li>Snapshot and segment names are never reused and only appear once complete (temp file,
 *     sync, rename). So if the names are the same before and after the scan, no compaction
 *     rotated, renamed or deleted anything while it ran: the files read were the directory's
 *     files throughout, and the newest segment was the one being appended to when it was opened,
 *     after the backup began; every write acknowledged by then was synced into it.
 * <li>Otherwise a compaction ran: a file may have vanished (an open file stays readable; one
 *     deleted before it was opened is a {@link NoSuchFileException}), or the names read may mix
 *     two generations (a gap in the seqs, or a stale set). The read is then simply retried; a
 *     compaction is rare and a retry needs none to be absent for long.
 * <li>The newest segment is synced after reading it, so the backup holds nothing a power loss
 *     could still take from the server: what it read may be a group the server has not yet
 *     acknowledged, but it is durable, so the server will acknowledge it (a write made during the
 *     backup, whole).
 * <li>Audit rows: the snapshot's index points only at synced rows, and the replayed records carry
 *     their entries whole. The reader opens every row file while the listing is checked, so a
 *     file that retention deletes later stays readable until the state is dropped.
 * </ul>
 */
public final class Backup {
    private static final int ATTEMPTS = 100;

    /** Points between the steps of a read, for tests that compact there. */
    enum Step { LISTED, SCANNED }

    interface Hook {
        void reached(Step step) throws IOException;

        Hook NONE = step -> { };
    }

    private Backup() {
    }

    /**
     * The directory's state as of a moment after this call began, without its lock.
     *
     * @throws StoreCorruptException damage that is not a torn tail (the same as {@code keys check} reports)
     * @throws UncheckedIOException  the directory cannot be read, or kept changing for every attempt
     */
    public static State read(Path dir) {
        try {
            return read(dir, Hook.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    static State read(Path dir, Hook hook) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no data directory");
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<DataDir.Numbered> snapshots = DataDir.snapshots(dir);
            List<DataDir.Numbered> logs = DataDir.logs(dir);
            List<DataDir.Numbered> audit = DataDir.auditFiles(dir);
            hook.reached(Step.LISTED);
            Recovery.Result r;
            try {
                r = Recovery.scan(dir, snapshots, logs);
            } catch (NoSuchFileException | StoreCorruptException e) {
                if (unchanged(dir, snapshots, logs, audit)) {
                    throw e; // nothing moved: the damage is real
                }
                continue;
            }
            hook.reached(Step.SCANNED);
            if (unchanged(dir, snapshots, logs, audit)) {
                if (r.active() != null) {
                    syncRead(dir, r.active().file());
                }
                return r.state(); // its row reader holds every row file open; they close with it
            }
            r.rows().close();
        }
        throw new IOException("it changed during each of " + ATTEMPTS + " attempts to read it (is it being compacted"
                + " in a loop?)");
    }

    /** Equal listings mean no compaction step happened in between: names are never reused. */
    private static boolean unchanged(Path dir, List<DataDir.Numbered> snapshots, List<DataDir.Numbered> logs,
                                     List<DataDir.Numbered> audit) throws IOException {
        return DataDir.snapshots(dir).equals(snapshots) && DataDir.logs(dir).equals(logs)
                && DataDir.auditFiles(dir).equals(audit);
    }

    /**
     * fsync needs no write access on Linux. A read-only copy may refuse it; nothing there is
     * waiting to be synced by a writer, so that refusal is harmless.
     */
    private static void syncRead(Path dir, Path log) throws IOException {
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            ch.force(false);
        } catch (NoSuchFileException gone) {
            // compacted away after the read: the server synced it before rotating
        } catch (IOException e) {
            if (Files.isWritable(dir)) {
                throw e;
            }
        }
    }
}
