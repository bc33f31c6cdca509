package keys.store;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Whether the store takes writes, and its way back from a full disk. The first failure of a write
 * or fsync stops writes and is announced to the listeners. When the failure was a lack of space
 * ({@link WriteFault#recoverable()}) a background thread retries with growing pauses: each try
 * cuts the log back to its last successful fsync (nothing after it was acknowledged) and resumes.
 * Any other failure, or one during a try, leaves writes stopped until a restart.
 */
final class WriteHealth {
    static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(16);

    /** The store's part of a try: cut the log back to its last fsync and take writes again. */
    interface Resume {
        void run() throws IOException;
    }

    private final Resume resume;
    private final List<Consumer<WriteStatus>> listeners = new CopyOnWriteArrayList<>();

    // Guarded by this.
    private WriteStatus status = WriteStatus.OPEN;
    private WriteFault fault;
    private Throwable cause;
    private long pauseNanos = FIRST_PAUSE_NANOS;
    private long nextTryNanos;
    private long resumedNanos;
    private boolean everResumed;
    private Thread retrier;

    WriteHealth(Resume resume) {
        this.resume = resume;
    }

    void listen(Consumer<WriteStatus> listener) {
        listeners.add(listener);
    }

    synchronized WriteStatus status() {
        if (status.condition() != WriteStatus.Condition.RECOVERING) {
            return status;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nextTryNanos - System.nanoTime() + 999_999_999L));
        return new WriteStatus(WriteStatus.Condition.RECOVERING, fault.reason(), cause, seconds);
    }

    StoreUnavailableException unavailable() {
        return new StoreUnavailableException(status());
    }

    /** A write or fsync failed: stop writes, tell the listeners, and start retrying if space was the cause. */
    void failed(Throwable failure) {
        WriteStatus now;
        synchronized (this) {
            if (!status.writable()) {
                return;
            }
            fault = WriteFault.of(failure);
            cause = failure;
            if (!fault.recoverable()) {
                status = new WriteStatus(WriteStatus.Condition.NEEDS_RESTART, fault.reason(), failure, 0);
            } else {
                // A disk that fills again soon after a resume waits longer each time.
                boolean flapping = everResumed && System.nanoTime() - resumedNanos < 4 * MAX_PAUSE_NANOS;
                pauseNanos = flapping ? Math.min(MAX_PAUSE_NANOS, pauseNanos * 2) : FIRST_PAUSE_NANOS;
                nextTryNanos = System.nanoTime() + pauseNanos;
                status = new WriteStatus(WriteStatus.Condition.RECOVERING, fault.reason(), failure, 0);
                if (retrier == null || !retrier.isAlive()) {
                    retrier = Thread.ofPlatform().name("keys-store-recover").daemon(true).start(this::retry);
                }
            }
            now = status();
        }
        announce(now);
    }

    /** Stops retrying; later writes are told the store is closed. */
    void close() {
        Thread r;
        synchronized (this) {
            status = WriteStatus.SHUT;
            r = retrier;
            notifyAll();
        }
        if (r != null) {
            boolean interrupted = false;
            while (r.isAlive()) {
                try {
                    r.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void retry() {
        while (true) {
            synchronized (this) {
                long wait;
                while (status.condition() == WriteStatus.Condition.RECOVERING
                        && (wait = nextTryNanos - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (status.condition() != WriteStatus.Condition.RECOVERING) {
                    return;
                }
            }
            WriteStatus now;
            try {
                resume.run();
                synchronized (this) {
                    if (status.condition() != WriteStatus.Condition.RECOVERING) {
                        return; // closed meanwhile
                    }
                    status = WriteStatus.OPEN;
                    everResumed = true;
                    resumedNanos = System.nanoTime();
                    now = status;
                }
                announce(now);
                return;
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    if (status.condition() != WriteStatus.Condition.RECOVERING) {
                        return;
                    }
                    if (WriteFault.of(e).recoverable()) {
                        pauseNanos = Math.min(MAX_PAUSE_NANOS, pauseNanos * 2);
                        nextTryNanos = System.nanoTime() + pauseNanos;
                        continue;
                    }
                    status = new WriteStatus(WriteStatus.Condition.NEEDS_RESTART, WriteFault.OTHER.reason(), e, 0);
                    now = status;
                }
                announce(now);
                return;
            }
        }
    }

    private void announce(WriteStatus now) {
        for (Consumer<WriteStatus> l : listeners) {
            try {
                l.accept(now);
            } catch (RuntimeException e) {
                // a listener's failure must not stop the store's own handling of the fault
            }
        }
    }
}
