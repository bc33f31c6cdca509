package keys.store;

import java.io.IOException;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Durability and visibility: which state readers see, and the group commit that gets there.
 *
 * <p>Readers see {@link #visible()}, which only ever moves to a state whose record is durable
 * under the store's policy, so no reader acts on a write that a crash could still take back.
 * Under the batch policy a writer appends under the store's write lock, lets go of it, and waits
 * with a {@link Ticket} for its record. One platform thread, the syncer, forces the log up to the
 * newest appended record (the {@link Tip}) whenever that is past the last force, then unparks
 * exactly the waiters that force covered; so one fsync answers every writer that appended while
 * the previous one ran, and no waiter wakes for a force that did not cover it. (A platform thread
 * because a force blocks its thread in the kernel: on a virtual thread it would pin a carrier.)
 * Before a force the syncer waits a little for company ({@link #awaitCompany}), so that one
 * fsync answers more writers.
 *
 * <p>After a failed force or write nothing past the last successful force can be assumed durable.
 * The failure ends the current {@link Epoch}: its waiters not yet covered are told so, and nothing
 * more is published in it. The store may later cut the log back to {@link #durable()} and start a
 * new epoch ({@link #resume}); record numbers after that point are then used again, which is why
 * a ticket names its epoch.
 */
final class GroupCommit {

    /** An appended record: its seq, the state after it, the channel it went to and where it ends. */
    record Tip(long seq, State state, LogChannel channel, long end) {
    }

    /** What a writer waits for: record {@code seq} of {@code epoch}. */
    record Ticket(Epoch epoch, long seq) {
    }

    /** The writes between the store's start or a recovery and the next failure. */
    static final class Epoch {
        private volatile long durableSeq;
        private volatile Throwable failure; // set once; after it durableSeq never moves

        private Epoch(long durableSeq) {
            this.durableSeq = durableSeq;
        }

        boolean covers(long seq) {
            return durableSeq >= seq;
        }
    }

    /** Work done while no force runs (rotating the segment, closing, recovering). */
    interface Exclusive {
        void run() throws IOException;
    }

    /** The longest a force waits for more writers: a few fsyncs of a quick disk. */
    static final long MAX_DELAY_NANOS = 3_000_000;
    /** A force that covered this many records answered a pool of writers: the next waits for more. */
    private static final int POOL = 8;

    private record Waiter(Ticket ticket, Thread thread) {
    }

    private final Counters counters;
    private final IncomingWrites incoming;
    private final long maxDelayNanos;
    private final Consumer<Throwable> onFailure;
    private final ReentrantLock forcing = new ReentrantLock(); // held by every force of the syncer and by exclusive work
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final Thread syncer; // batch policy only
    private volatile boolean stopping;
    private volatile Tip tip;
    private volatile Tip durable;
    private volatile Epoch epoch;
    private long lastBatch; // syncer only: how many records the last force covered

    /**
     * @param onFailure told of the failure that ends an epoch, on the failing thread, before any writer is refused (twice at most, when a write and a force fail at once: it must ignore a repeat)
     */
    GroupCommit(Counters counters, IncomingWrites incoming, long maxDelayNanos, Tip start, boolean batch,
                Consumer<Throwable> onFailure) {
        this.counters = counters;
        this.incoming = incoming;
        this.maxDelayNanos = maxDelayNanos;
        this.onFailure = onFailure;
        this.tip = start;
        this.durable = start;
        this.epoch = new Epoch(start.seq());
        this.syncer = batch ? Thread.ofPlatform().name("keys-store-sync").daemon(true).start(this::syncLoop) : null;
        incoming.wakes(syncer);
    }

    State visible() {
        return durable.state();
    }

    /** The newest record a successful force (or, with fsync never, a write) made acknowledged. */
    Tip durable() {
        return durable;
    }

    /** The failure that ended the current epoch, or null while it takes writes. */
    Throwable failure() {
        return epoch.failure;
    }

    /** Called under the store's write lock after each append; the ticket to wait with (batch policy). */
    Ticket appended(Tip t) {
        tip = t;
        return new Ticket(epoch, t.seq());
    }

    /** Under the store's write lock: a ticket for the newest record, whatever it is. */
    Ticket ticket() {
        return new Ticket(epoch, tip.seq());
    }

    /**
     * Makes {@code t} durable and what readers see, if it is newer, and wakes the writers it covers.
     * Callers are serialized (the write lock, or {@link #forcing}). Nothing moves in a failed epoch.
     */
    void publish(Tip t) {
        Epoch e = epoch;
        if (e.failure != null || t.seq() <= durable.seq()) {
            return;
        }
        durable = t;
        e.durableSeq = t.seq();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.ticket.epoch != e) {
                it.remove(); // from a failed epoch: told of the failure already, and gone or going
            } else if (e.covers(w.ticket.seq)) {
                it.remove();
                LockSupport.unpark(w.thread);
            }
        }
    }

    /**
     * Ends the current epoch: {@code onFailure} hears of it first, so that a writer refused next
     * finds the store's status already saying why; then writers not yet covered are refused.
     */
    void fail(Throwable cause) {
        Epoch e;
        synchronized (this) {
            e = epoch;
            if (e.failure != null) {
                return;
            }
        }
        onFailure.accept(cause);
        end(e, cause);
    }

    private void end(Epoch e, Throwable cause) {
        synchronized (this) {
            if (e.failure != null) {
                return;
            }
            e.failure = cause;
        }
        for (Waiter w : waiters) { // each finds the failure, or is covered, and leaves the queue itself
            LockSupport.unpark(w.thread);
        }
    }

    /**
     * Under the store's write lock, inside {@link #exclusive}, after the log was cut back to
     * {@link #durable()}: starts a new epoch from {@code start}.
     */
    void resume(Tip start) {
        synchronized (this) {
            tip = start;
            durable = start;
            epoch = new Epoch(start.seq());
        }
    }

    /** After the log moved to a new segment whose header alone is in it, already forced. */
    void rotated(Tip start) {
        tip = start;
        durable = start;
    }

    /**
     * Returns once a successful force covered the ticket's record; throws if its epoch failed
     * first. Returns at once, without waiting for any force, when one already covered it.
     */
    void awaitDurable(Ticket ticket, Supplier<StoreUnavailableException> refusal) {
        Epoch e = ticket.epoch;
        if (e.covers(ticket.seq)) {
            return;
        }
        Waiter me = new Waiter(ticket, Thread.currentThread());
        waiters.add(me);
        LockSupport.unpark(syncer);
        boolean interrupted = false;
        try {
            // Registered before checking: a publish either came before the check or finds us queued.
            while (!e.covers(ticket.seq)) {
                if (e.failure != null) {
                    waiters.remove(me);
                    throw refusal.get();
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true; // the record is already appended: we must see it through
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void syncLoop() {
        while (!stopping) {
            if (epoch.failure != null || tip.seq() <= durable.seq()) {
                LockSupport.park(this); // a writer unparks us after appending
                continue;
            }
            awaitCompany();
            forcing.lock();
            try {
                Tip t = tip;
                long before = durable.seq();
                if (epoch.failure == null && t.seq() > before) {
                    force(t);
                    lastBatch = t.seq() - before;
                }
            } finally {
                forcing.unlock();
            }
        }
    }

    /**
     * The commit delay, at most {@code maxDelayNanos}. The force waits while writers are still on
     * their way to appending ({@link IncomingWrites}); and after a force that answered many
     * writers (a pool of clients busy writing, which come back with their next write), until more
     * records wait than it covered, so that under steady load a pool's share grows to what the
     * bound allows. One fsync answers them all, while a lone writer, or a few, wait only for those
     * already on the way.
     */
    private void awaitCompany() {
        long deadline = System.nanoTime() + maxDelayNanos;
        long expected = lastBatch >= POOL ? lastBatch + 1 : 0;
        long left;
        while (!stopping && (incoming.count() > 0 || tip.seq() - durable.seq() < expected)
                && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left); // an append or the last announced writer unparks us
        }
    }

    private void force(Tip t) {
        try {
            counters.force(t.channel());
        } catch (IOException | RuntimeException e) {
            fail(e);
            return;
        }
        publish(t);
    }

    /** Runs {@code work} while no force runs, then lets the syncer go on with the new tip. */
    void exclusive(Exclusive work) throws IOException {
        forcing.lock();
        try {
            work.run();
        } finally {
            forcing.unlock();
        }
        LockSupport.unpark(syncer);
    }

    /**
     * Stops the syncer. Called after the final force; a writer still waiting then (the store was
     * abandoned, or the final force failed) is refused with {@code reason}.
     */
    void stop(Throwable reason) {
        stopping = true;
        Epoch current;
        synchronized (this) {
            current = epoch;
        }
        end(current, reason);
        if (syncer != null) {
            LockSupport.unpark(syncer);
            boolean interrupted = false;
            while (syncer.isAlive()) {
                try {
                    syncer.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
