package keys.store;

import java.util.concurrent.TimeUnit;

/**
 * The store's automatic compaction: one background thread at a time, started by a write once the
 * log passes the threshold; after a failure, no new try for a while. Used under the store's
 * write lock.
 */
final class AutoCompaction {
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long threshold;
    private final Runnable compact;
    private final Counters counters;
    private Thread thread;
    private volatile long notBefore = System.nanoTime(); // nanoTime has no fixed origin: never compare with 0

    AutoCompaction(long thresholdBytes, Runnable compact, Counters counters) {
        this.threshold = thresholdBytes;
        this.compact = compact;
        this.counters = counters;
    }

    void maybeStart(long logBytes) {
        if (threshold <= 0 || logBytes < threshold || thread != null && thread.isAlive()
                || System.nanoTime() - notBefore < 0) {
            return;
        }
        thread = Thread.ofPlatform().name("keys-store-compact").daemon(true).start(() -> {
            try {
                compact.run();
            } catch (RuntimeException e) {
                counters.compactionFailures.incrementAndGet();
                notBefore = System.nanoTime() + RETRY_NANOS;
            }
        });
    }

    /** The thread last started, if any: closing waits for it. */
    Thread thread() {
        return thread;
    }
}
