package keys.store;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** The store's running counters, and the one place that forces the log (so every fsync is counted and timed). */
final class Counters {
    final AtomicLong records = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong fsyncs = new AtomicLong();
    final AtomicLong fsyncNanos = new AtomicLong();
    final AtomicLong compactions = new AtomicLong();
    final AtomicLong compactionFailures = new AtomicLong();
    final AtomicLong lastCompactionMillis = new AtomicLong();

    void force(LogChannel channel) throws IOException {
        long t0 = System.nanoTime();
        channel.force();
        fsyncNanos.addAndGet(System.nanoTime() - t0);
        fsyncs.incrementAndGet();
    }

    void appended(int frameBytes) {
        records.incrementAndGet();
        bytes.addAndGet(frameBytes);
    }
}
