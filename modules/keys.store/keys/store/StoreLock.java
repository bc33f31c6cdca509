package keys.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-opener-per-directory rule: an OS file lock on {@code DIR/LOCK}, which also stops
 * other processes, and an in-process registry checked first. The registry is not optional: POSIX
 * drops every lock a process holds on a file when any descriptor of that file is closed, so a
 * second opener in the same process must not even open LOCK, or it would free the first's lock.
 */
final class StoreLock implements Closeable {
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (which must exist) or throws {@link StoreLockedException} at once. */
    static StoreLock acquire(Path dir) throws IOException {
        Path key = dir.toRealPath();
        if (!HELD_HERE.add(key)) {
            throw new StoreLockedException(dir, "another store in this process (pid " + pid() + ")");
        }
        FileChannel ch = null;
        try {
            Path file = dir.resolve(DataDir.LOCK);
            ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), DataDir.fileAttributes());
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new StoreLockedException(dir, holder(file));
            }
            // Who holds it, for the message a second opener prints; advisory only. Written over the
            // last holder's line, cut only when that was longer: no size change on most restarts.
            byte[] pid = ("pid " + pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            ch.write(ByteBuffer.wrap(pid), 0);
            if (ch.size() > pid.length) {
                ch.truncate(pid.length);
            }
            return new StoreLock(key, ch, lock);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            HELD_HERE.remove(key);
            throw e;
        }
    }

    /**
     * Throws {@link StoreLockedException} if a store holds {@code dir}, taking and writing nothing
     * (a dry run must leave every byte as it was). A shared lock probes for the holder's exclusive
     * one; the registry is asked first, since closing the probe would free a lock this process holds.
     */
    static void ensureFree(Path dir) throws IOException {
        if (HELD_HERE.contains(dir.toRealPath())) {
            throw new StoreLockedException(dir, "another store in this process (pid " + pid() + ")");
        }
        Path file = dir.resolve(DataDir.LOCK);
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                throw new StoreLockedException(dir, holder(file));
            }
            probe.release();
        }
    }

    /**
     * This process's id: on Linux the target of {@code /proc/self}, one readlink. The first use of
     * {@link ProcessHandle} sets up the JDK's process reaper (a thread pool, a seeded random),
     * ~2 ms of every start for a line only a second opener reads.
     */
    static String pid() {
        try {
            String self = Files.readSymbolicLink(Path.of("/proc/self")).toString();
            if (!self.isEmpty() && self.length() < 20 && isDigits(self)) {
                return self;
            }
        } catch (IOException | RuntimeException noProc) {
            // not Linux, or no /proc: ask the JDK
        }
        return Long.toString(ProcessHandle.current().pid());
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String holder(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return s.startsWith("pid ") ? "another process (" + s + ")" : "another process";
        } catch (IOException | RuntimeException e) {
            return "another process";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD_HERE.remove(key);
            }
        }
    }
}
