package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit's delay decides which records a force covers: it waits for writers on their
 * way and, after a force that answered a pool of writers, for more than that force covered; a
 * lone writer is not held back. The delay's bound here is a minute, longer than any wait of the test, so a force that
 * waits when it must not fails the test ({@link GatedChannel#nextForce} gives up after
 * {@link GatedChannel#HANG}) instead of being let go by the bound.
 */
class CommitDelayTest {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    /** Long enough for a syncer that does not wait to have started its force. */
    private static final long SETTLE_MILLIS = 100;

    private final GatedChannel channel = new GatedChannel();
    private final IncomingWrites incoming = new IncomingWrites();
    private final GroupCommit commits = new GroupCommit(new Counters(), incoming, MINUTE,
            new GroupCommit.Tip(0, State.empty(), channel, 0), true, e -> { });
    private final List<Thread> threads = new ArrayList<>();
    private long last;

    @AfterEach
    void stop() throws InterruptedException {
        channel.open = true;
        commits.stop(new StoreUnavailableException("stopped", null));
        for (Thread t : threads) {
            t.join(GatedChannel.HANG);
            assertFalse(t.isAlive(), "a writer still waits");
        }
    }

    @Test
    void aLoneWriterIsForcedAtOnce() {
        write(null);
        assertEquals(1, channel.nextForce(true), "the first force covers the one record");
        write(null);
        assertEquals(2, channel.nextForce(true));
    }

    @Test
    void aForceWaitsForAWriterOnItsWay() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch arrived = write(go); // announced, appends when the test says so
        arrived.await();
        write(null);
        Thread.sleep(SETTLE_MILLIS);
        go.countDown();
        assertEquals(2, channel.nextForce(true), "one force covers the record written and the one on its way");
    }

    @Test
    void aWriterThatLeavesWithoutWritingReleasesTheForce() throws InterruptedException {
        CountDownLatch leave = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(1);
        threads.add(Thread.ofPlatform().daemon().start(() -> {
            incoming.arrive();
            arrived.countDown();
            awaitQuietly(leave);
            incoming.leave(); // its request failed before writing
        }));
        arrived.await();
        write(null);
        Thread.sleep(SETTLE_MILLIS);
        leave.countDown();
        assertEquals(1, channel.nextForce(true));
    }

    @Test
    void afterAPoolOfWritersAForceWaitsForMore() throws InterruptedException {
        int pool = 10;
        writeTogether(pool);
        assertEquals(pool, channel.nextForce(true), "one force covers the whole pool");
        write(null);
        Thread.sleep(SETTLE_MILLIS);
        for (int i = 1; i < pool; i++) {
            write(null);
        }
        Thread.sleep(SETTLE_MILLIS); // as many as last time: not yet
        write(null);
        assertEquals(2L * pool + 1, channel.nextForce(true), "the next force waits until more than the pool wrote again");
    }

    @Test
    void afterAFewWritersNoForceWaitsForMore() throws InterruptedException {
        writeTogether(3);
        assertEquals(3, channel.nextForce(true));
        write(null);
        assertEquals(4, channel.nextForce(true), "three writers are not a pool: the fourth record is forced alone");
    }

    /** {@code n} writers announce themselves, then all append: the first force covers them all. */
    private void writeTogether(int n) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<CountDownLatch> arrivals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            arrivals.add(write(go));
        }
        for (CountDownLatch arrived : arrivals) {
            arrived.await();
        }
        go.countDown();
    }

    /**
     * A writer on its own thread: announced first when {@code go} is given (then it appends once
     * {@code go} opens), appending at once otherwise; then it waits for its record.
     * Returns a latch that opens once it announced itself.
     */
    private CountDownLatch write(CountDownLatch go) {
        CountDownLatch arrived = new CountDownLatch(1);
        threads.add(Thread.ofPlatform().daemon().start(() -> {
            if (go != null) {
                incoming.arrive();
                arrived.countDown();
                awaitQuietly(go);
            }
            GroupCommit.Ticket ticket = append();
            incoming.appended();
            commits.awaitDurable(ticket, () -> new StoreUnavailableException("refused", null));
        }));
        return arrived;
    }

    private synchronized GroupCommit.Ticket append() { // the store's write lock
        long seq = ++last;
        channel.written.set(seq);
        return commits.appended(new GroupCommit.Tip(seq, State.empty(), channel, seq));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
