package keys.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Names and permissions of the files in a data directory.
 *
 * <pre>
 * LOCK                          held (fcntl) by the one process that owns the directory
 * log-&lt;firstSeq&gt;.log            a log segment; its first record has seq firstSeq
 * snapshot-&lt;seq&gt;.snap           the live state after record seq
 * *.tmp                         a file being written; never read, removed on open
 * log-….log.torn-&lt;offset&gt;       bytes cut off a torn tail, kept for the operator
 * audit-&lt;n&gt;.rows               audit rows, appended only ({@link AuditRowFile}); n counts up
 * </pre>
 * Numbers are zero-padded to 20 digits so that a directory listing sorts in seq order.
 */
final class DataDir {
    static final String LOCK = "LOCK";
    static final String TEMP_SUFFIX = ".tmp";
    private static final int DIGITS = 20;
    private static final NumberedName LOG = new NumberedName("log-", ".log");
    private static final NumberedName SNAPSHOT = new NumberedName("snapshot-", ".snap");
    private static final NumberedName AUDIT = new NumberedName("audit-", ".rows");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** A numbered file: a log segment (number = first seq) or a snapshot (number = seq covered). */
    record Numbered(Path file, long number) {
    }

    private DataDir() {
    }

    static String logName(long firstSeq) {
        return LOG.name(firstSeq);
    }

    static String snapshotName(long seq) {
        return SNAPSHOT.name(seq);
    }

    static String auditName(long number) {
        return AUDIT.name(number);
    }

    static List<Numbered> auditFiles(Path dir) throws IOException {
        return list(dir, AUDIT);
    }

    static List<Numbered> logs(Path dir) throws IOException {
        return list(dir, LOG);
    }

    static List<Numbered> snapshots(Path dir) throws IOException {
        return list(dir, SNAPSHOT);
    }

    static List<Path> temps(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (p.getFileName().toString().endsWith(TEMP_SUFFIX)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** The files named so; ascending by number. */
    private static List<Numbered> list(Path dir, NumberedName named) throws IOException {
        List<Numbered> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                long number = named.number(p.getFileName().toString());
                if (number >= 0) {
                    out.add(new Numbered(p, number));
                }
            }
        }
        // Not Comparator.comparingLong: its lambda is serializable, which the AOT cache does not keep,
        // so every start would generate a class for it.
        out.sort((a, b) -> Long.compare(a.number(), b.number()));
        return out;
    }

    /**
     * A file name of {@code prefix}, a number zero-padded to 20 digits, {@code suffix}. Made and read
     * without String.format or a regex: their first use sets up a Formatter, the locale's number
     * symbols or the regex engine, milliseconds of every start.
     */
    private record NumberedName(String prefix, String suffix) {
        String name(long number) {
            if (number < 0) {
                throw new IllegalArgumentException("negative file number " + number);
            }
            String digits = Long.toString(number);
            return prefix + "0".repeat(DIGITS - digits.length()) + digits + suffix;
        }

        /** The number in {@code name}, or -1, also for 20 digits past Long.MAX_VALUE (not a file this store wrote: left alone). */
        long number(String name) {
            int from = prefix.length();
            int to = from + DIGITS;
            if (name.length() != to + suffix.length() || !name.startsWith(prefix) || !name.endsWith(suffix)) {
                return -1;
            }
            long n = 0;
            for (int i = from; i < to; i++) {
                char c = name.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                int d = c - '0';
                if (n > (Long.MAX_VALUE - d) / 10) {
                    return -1;
                }
                n = n * 10 + d;
            }
            return n;
        }
    }

    /**
     * The last step of a compaction: deletes the segments (first seq at most {@code seq}) and the
     * snapshots (older than {@code seq}) that {@code snapshot-<seq>} makes redundant.
     */
    static void deleteCoveredBy(Path dir, long seq, LogChannelFactory io, CompactionHook hook) throws IOException {
        for (Numbered log : logs(dir)) {
            if (log.number() <= seq) {
                Files.deleteIfExists(log.file());
                hook.reached(CompactionHook.Step.OLD_FILE_DELETED);
            }
        }
        for (Numbered snapshot : snapshots(dir)) {
            if (snapshot.number() < seq) {
                Files.deleteIfExists(snapshot.file());
                hook.reached(CompactionHook.Step.OLD_FILE_DELETED);
            }
        }
        io.syncDirectory(dir);
    }

    /**
     * Creates the directory (and parents) with mode 0700 if it is missing, and syncs each parent
     * that gained an entry: a new directory whose name never reached the disk vanishes with every
     * file in it on a power loss.
     */
    static void create(Path dir, LogChannelFactory io) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path existing = dir.toAbsolutePath().getParent();
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            io.syncDirectory(p);
            if (p.equals(existing)) {
                break;
            }
        }
    }

    /** Mode 0600 on POSIX file systems, nothing elsewhere. */
    static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    static Set<OpenOption> createOptions() {
        return Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * fsync on the directory itself, so a created, renamed or deleted entry survives a crash.
     * Windows cannot open a directory for this; there the rename's own guarantees must do.
     */
    static void syncDirectory(Path dir) throws IOException {
        if (!POSIX) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
