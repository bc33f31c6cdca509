package keys.store;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A log whose forces wait for the test's verdict. A force covers the records written before it
 * started; {@link #durable} is the newest record a successful force covered.
 */
final class GatedChannel implements LogChannel {
    /** Bounds every wait for a thread, so a lost wake-up fails the case instead of hanging the build. */
    static final Duration HANG = Duration.ofSeconds(10);

    final AtomicLong written = new AtomicLong();
    final AtomicLong durable = new AtomicLong();
    final BlockingQueue<Long> entered = new LinkedBlockingQueue<>();
    final SynchronousQueue<Boolean> verdicts = new SynchronousQueue<>();
    volatile boolean open;

    /** Lets the next force finish with {@code ok}; returns the last record it covers. */
    long nextForce(boolean ok) {
        try {
            Long covers = entered.poll(HANG.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(covers, "records wait for a force, but none started");
            verdicts.put(ok);
            return covers;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void force() throws IOException {
        long covers = written.get();
        if (open) {
            return;
        }
        entered.add(covers);
        Boolean ok = null;
        try {
            while (ok == null && !open) { // the test opens the gate for good when a case ends
                ok = verdicts.poll(10, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            throw new IOException("interrupted", e);
        }
        if (ok == null) {
            return;
        }
        if (!ok) {
            throw new IOException("Input/output error");
        }
        durable.accumulateAndGet(covers, Math::max);
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long size() {
        return written.get();
    }

    @Override
    public void close() {
    }
}
