package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;

/**
 * Group commit under random interleavings of writers and forces that succeed or fail: no writer
 * returns before a successful force covered its record, none is refused once one did, and none
 * waits for a later force once one covered it. Forces wait at a gate the test opens, so which
 * records each force covers is decided by when writers append relative to it; writer threads
 * start waiting at whatever moment the scheduler gives them.
 */
class GroupCommitPropertyTest {
    private static final Duration HANG = GatedChannel.HANG;

    sealed interface Step permits Append, Force {
    }

    /** {@code writers} writers append one record each, then wait for it. */
    record Append(int writers) implements Step {
    }

    /** The next force finishes: successfully, or with EIO (then the test cuts back and resumes, as the store does). */
    record Force(boolean ok) implements Step {
    }

    static final Gen<Step> STEP = Gens.frequency(
            4, Gens.ints(1, 4).map(Append::new),
            3, Gens.constant(new Force(true)),
            1, Gens.constant(new Force(false)));

    static final Gen<List<Step>> STEPS = Gens.lists(STEP, 1, 30);

    enum Outcome { DURABLE, EARLY, REFUSED, REFUSED_UNTOLD }

    @Test
    void writersReturnExactlyWhenAForceCoveredThem() {
        Prop.forAll(40, STEPS, GroupCommitPropertyTest::run);
    }

    private static void run(List<Step> steps) {
        GatedChannel channel = new GatedChannel();
        State state = State.empty();
        // The store's status changes in onFailure; a writer refused before it would be told a wrong reason.
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        GroupCommit commits = new GroupCommit(new Counters(), new IncomingWrites(), GroupCommit.MAX_DELAY_NANOS, new GroupCommit.Tip(0, state, channel, 0), true, e -> {
            try {
                Thread.sleep(5); // widen the window in which a writer could be refused before the status changed
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            told.incrementAndGet();
        });
        List<Writer> writers = new ArrayList<>();
        long last = 0;
        long forced = 0; // the newest record a successful force covered, as the test let it happen
        try {
            for (Step step : steps) {
                switch (step) {
                    case Append a -> {
                        for (int i = 0; i < a.writers(); i++) {
                            long seq = ++last;
                            channel.written.set(seq);
                            GroupCommit.Ticket ticket = commits.appended(new GroupCommit.Tip(seq, state, channel, seq));
                            writers.add(new Writer(seq, commits, ticket, channel.durable, told));
                        }
                    }
                    case Force f -> {
                        if (forced == last) {
                            continue; // every record is covered: the syncer has nothing to force
                        }
                        if (f.ok()) {
                            forced = forceAndAwaitCovered(commits, channel, writers);
                        } else {
                            channel.nextForce(false);
                            long durable = forced; // no force succeeded since
                            for (Writer w : writers) {
                                assertEquals(w.seq <= durable ? Outcome.DURABLE : Outcome.REFUSED, w.await(),
                                        "writer of record " + w.seq + " after a failed force (durable up to " + durable + ")");
                            }
                            writers.clear();
                            last = durable; // the store cuts the log back to its last force and resumes
                            channel.written.set(last);
                            GroupCommit.Tip back = new GroupCommit.Tip(last, state, channel, last);
                            commits.exclusive(() -> commits.resume(back));
                        }
                    }
                }
            }
            while (forced < last) {
                forced = forceAndAwaitCovered(commits, channel, writers);
            }
            for (Writer w : writers) {
                assertEquals(Outcome.DURABLE, w.await(), "writer of record " + w.seq);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            channel.open = true;
            commits.stop(new StoreUnavailableException("stopped", null));
        }
    }

    /**
     * Lets the next force succeed; then, while the force after it (if any) is held at the gate,
     * every writer whose record it covered must return. Returns the newest record it covered.
     * (The syncer takes the newest record before forcing, so a record appended just after that
     * is on disk too but not claimed; what the force covered is what the syncer publishes.)
     */
    private static long forceAndAwaitCovered(GroupCommit commits, GatedChannel channel, List<Writer> writers) {
        long before = commits.durable().seq();
        long written = channel.nextForce(true);
        long deadline = System.nanoTime() + HANG.toNanos();
        while (commits.durable().seq() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long covered = commits.durable().seq();
        assertTrue(covered > before && covered <= written, "a force claimed records " + before + ".." + covered
                + " but only " + written + " were written when it began");
        for (Writer w : writers) {
            if (w.seq <= covered) {
                assertEquals(Outcome.DURABLE, w.await(), "writer of record " + w.seq);
            }
        }
        return covered;
    }

    /** One writer thread waiting for its record; what happened to it. */
    private static final class Writer {
        final long seq;
        final Thread thread;
        final AtomicReference<Outcome> outcome = new AtomicReference<>();

        Writer(long seq, GroupCommit commits, GroupCommit.Ticket ticket, AtomicLong durable,
               java.util.concurrent.atomic.AtomicInteger failuresTold) {
            this.seq = seq;
            this.thread = Thread.ofPlatform().daemon().start(() -> {
                try {
                    commits.awaitDurable(ticket, () -> new StoreUnavailableException("refused", null));
                    outcome.set(durable.get() >= seq ? Outcome.DURABLE : Outcome.EARLY);
                } catch (StoreUnavailableException e) {
                    // Refused only once the failure was told: the refusal's reason comes from there.
                    outcome.set(failuresTold.get() > 0 ? Outcome.REFUSED : Outcome.REFUSED_UNTOLD);
                }
            });
        }

        Outcome await() {
            try {
                thread.join(HANG);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertFalse(thread.isAlive(), "writer of record " + seq + " still waits although a force covered it");
            return outcome.get();
        }
    }
}
