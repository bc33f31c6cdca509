package keys.store;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests already being answered that may write and have not appended yet: the group commit's
 * delay. Under the batch policy a force covers the records appended before it starts; a writer
 * that appends a moment later waits for the whole next force. So the syncer, before forcing,
 * waits a little for the writers announced here to append (or to end without writing): one fsync
 * then answers them all. A lone writer has appended by the time there is anything to force, so a
 * quiet server's writes are not held back; like PostgreSQL's {@code commit_delay} with
 * {@code commit_siblings}, but counting the writers that are actually on their way.
 *
 * <p>A request announces itself on its own thread ({@link #arrive}) once its body is read, and
 * ends with {@link #leave}. It is off the count as soon as the store appended a write made on that
 * thread, so a request that writes twice is waited for once, and one that fails before writing
 * is off the count when it ends. Only timing depends on this count, never durability: every writer still returns
 * only after a force covered its record.
 */
public final class IncomingWrites {
    private final AtomicInteger count = new AtomicInteger();
    private final ThreadLocal<Boolean> announced = new ThreadLocal<>();
    private volatile Thread syncer; // woken when the last writer on its way appends or leaves

    IncomingWrites() {
    }

    /** The current thread is answering a request that may write. */
    public void arrive() {
        if (announced.get() == null) {
            announced.set(Boolean.TRUE);
            count.incrementAndGet();
        }
    }

    /** The current thread's request ended; nothing if it already wrote or never arrived. */
    public void leave() {
        gone();
    }

    /** On the writer's thread, once its record is appended: it is no longer on its way. */
    void appended() {
        gone();
    }

    /** How many requests that may write are on their way: announced, and neither written nor ended. */
    public int count() {
        return count.get();
    }

    void wakes(Thread syncer) {
        this.syncer = syncer;
    }

    private void gone() {
        if (announced.get() != null) {
            announced.remove();
            if (count.decrementAndGet() == 0) {
                Thread s = syncer;
                if (s != null) {
                    LockSupport.unpark(s);
                }
            }
        }
    }
}
