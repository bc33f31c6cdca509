package keys.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Cuts a log: first copies the doomed bytes aside to {@code <file>.<kind>-<offset>} (synced),
 * then truncates the log and syncs it and the directory. Copy before cut, so a crash in between
 * leaves the log still torn (cut again next time), never the bytes lost unseen.
 */
final class LogRepair {
    private LogRepair() {
    }

    static TailRepair cut(TornTailException torn) throws IOException {
        return cut(torn.file(), torn.offset(), "torn", torn.reason());
    }

    /**
     * Cuts {@code file} at {@code offset}, keeping the bytes from there on in
     * {@code <file>.<kind>-<offset>}: "torn" when opening cuts a torn tail, "cut" for keys repair.
     */
    static TailRepair cut(Path file, long offset, String kind, String reason) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + "." + kind + "-" + offset);
        try (FileChannel log = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = log.size();
            if (offset > size) {
                throw new IOException(file + " is shorter (" + size + ") than the cut offset " + offset);
            }
            try (FileChannel out = FileChannel.open(aside, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), DataDir.fileAttributes())) {
                long done = 0;
                while (done < size - offset) {
                    long n = log.transferTo(offset + done, size - offset - done, out);
                    if (n <= 0) {
                        copySlowly(log, offset + done, size, out);
                        break;
                    }
                    done += n;
                }
                out.force(true);
            }
            log.truncate(offset);
            log.force(true);
            DataDir.syncDirectory(file.getParent());
            return new TailRepair(file, offset, size - offset, aside, reason);
        }
    }

    private static void copySlowly(FileChannel in, long from, long to, FileChannel out) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64 << 10);
        for (long p = from; p < to; ) {
            b.clear().limit((int) Math.min(b.capacity(), to - p));
            int n = in.read(b, p);
            if (n < 0) {
                throw new IOException("file shrank while its torn tail was copied");
            }
            b.flip();
            while (b.hasRemaining()) {
                out.write(b);
            }
            p += n;
        }
    }
}
