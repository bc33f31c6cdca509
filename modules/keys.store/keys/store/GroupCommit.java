package keys.store;

import java.io.IOException;

/**
 * Durability and visibility: which state readers see, and the group commit that gets there.
 *
 * <p>Readers see {@link #visible()}, which only ever moves to a state whose record is durable
 * under the store's policy, so no reader acts on a write that a crash could still take back.
 * Under the batch policy a writer appends under the store's write lock, lets go of it, then calls
 * {@link #awaitDurable}: the first waiter to find no sync running becomes the leader, forces the
 * log up to the newest appended record (the {@link Tip}) and publishes that state; everyone whose
 * record it covered returns, the rest elect the next leader. So one fsync answers every writer
 * that appended while the previous fsync ran.
 *
 * <p>After a failed force nothing appended can be assumed durable, and retrying a force is no
 * proof either (the kernel may have dropped the dirty pages): the failure sticks, and every later
 * write is refused.
 */
final class GroupCommit {

    /** The newest appended record: its seq, the state after it and the channel it went to. */
    record Tip(long seq, State state, LogChannel channel) {
    }

    /** Work done while no leader may force (rotating the segment, closing). */
    interface Exclusive {
        void run() throws IOException;
    }

    private final Object monitor = new Object();
    private final Counters counters;
    private volatile State visible;
    private volatile Tip tip;
    private long visibleSeq;
    private boolean syncing;
    private Throwable failure;

    GroupCommit(Counters counters, Tip start) {
        this.counters = counters;
        this.tip = start;
        this.visible = start.state();
        this.visibleSeq = start.seq();
    }

    State visible() {
        return visible;
    }

    /** Called under the store's write lock after each append (batch policy). */
    void appended(Tip t) {
        tip = t;
    }

    /** Makes {@code state} (after record {@code seq}) what readers see, if it is newer. */
    void publish(long seq, State state) {
        synchronized (monitor) {
            if (seq > visibleSeq) {
                visibleSeq = seq;
                visible = state;
            }
            monitor.notifyAll();
        }
    }

    void fail(Throwable cause) {
        synchronized (monitor) {
            if (failure == null) {
                failure = cause;
            }
            monitor.notifyAll();
        }
    }

    Throwable failure() {
        synchronized (monitor) {
            return failure;
        }
    }

    /** Returns once a sync covered record {@code seq}; throws if the store failed first. */
    void awaitDurable(long seq) {
        boolean interrupted = false;
        try {
            while (true) {
                Tip t;
                synchronized (monitor) {
                    while (visibleSeq < seq && failure == null && syncing) {
                        try {
                            monitor.wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // the record is already appended: we must see it through
                        }
                    }
                    if (visibleSeq >= seq) {
                        return;
                    }
                    if (failure != null) {
                        throw unavailable(failure);
                    }
                    syncing = true;
                    t = tip;
                }
                Throwable error = null;
                try {
                    counters.force(t.channel());
                } catch (IOException | RuntimeException e) {
                    error = e;
                }
                synchronized (monitor) {
                    syncing = false;
                    if (error != null) {
                        if (failure == null) {
                            failure = error;
                        }
                    } else if (t.seq() > visibleSeq) {
                        visibleSeq = t.seq();
                        visible = t.state();
                    }
                    monitor.notifyAll();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code work} while no leader syncs, then lets leaders go on with the new tip. */
    void exclusive(Exclusive work) throws IOException {
        boolean interrupted = false;
        synchronized (monitor) {
            while (syncing) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            syncing = true;
        }
        try {
            work.run();
        } finally {
            synchronized (monitor) {
                syncing = false;
                monitor.notifyAll();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static StoreUnavailableException unavailable(Throwable cause) {
        return new StoreUnavailableException("the store takes no more writes: an earlier write or fsync failed ("
                + cause + "); reads still answer from the last durable state; restart to recover", cause);
    }
}
