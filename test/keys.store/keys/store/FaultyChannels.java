package keys.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real files with switchable faults: failing or slow forces, a force that waits for a gate,
 * writes that stop short and fail, a full disk that accepts nothing or says so (ENOSPC), a device
 * error (EIO).
 */
public final class FaultyChannels implements LogChannelFactory {
    public volatile boolean failForce;
    public volatile boolean failWriteHalfway;
    public volatile boolean diskFull;
    /** Writes and forces fail as on a full disk, with the JDK's text for ENOSPC. */
    public volatile boolean noSpace;
    /** Forces fail as on a failing device, with the JDK's text for EIO. */
    public volatile boolean ioError;
    public volatile long forceDelayMillis;
    /** When set, a force waits here (after counting down {@link #forceEntered}). */
    volatile CountDownLatch forceGate;
    final CountDownLatch forceEntered = new CountDownLatch(1);
    final AtomicInteger forces = new AtomicInteger();
    /** Every directory synced, in order. */
    final java.util.List<Path> syncedDirectories = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public LogChannel create(Path file) throws IOException {
        return new Faulty(DEFAULT.create(file));
    }

    @Override
    public LogChannel append(Path file) throws IOException {
        return new Faulty(DEFAULT.append(file));
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        syncedDirectories.add(dir);
        DEFAULT.syncDirectory(dir);
    }

    private final class Faulty implements LogChannel {
        private final LogChannel real;

        Faulty(LogChannel real) {
            this.real = real;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (diskFull) {
                return 0;
            }
            if (noSpace) {
                throw new IOException("No space left on device");
            }
            if (failWriteHalfway && src.remaining() > 1) {
                ByteBuffer half = src.duplicate();
                half.limit(half.position() + src.remaining() / 2);
                real.write(half);
                throw new IOException("injected: device error after a short write");
            }
            return real.write(src);
        }

        @Override
        public void force() throws IOException {
            forces.incrementAndGet();
            CountDownLatch gate = forceGate;
            if (gate != null) {
                forceEntered.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (forceDelayMillis > 0) {
                try {
                    Thread.sleep(forceDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failForce) {
                throw new IOException("injected: fsync failed");
            }
            if (noSpace) {
                throw new IOException("No space left on device");
            }
            if (ioError) {
                throw new IOException("Input/output error");
            }
            real.force();
        }

        @Override
        public void truncate(long size) throws IOException {
            real.truncate(size);
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public void close() throws IOException {
            real.close();
        }
    }
}
