package keys.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test mode's request journal (test-mode.md §3.4): the last {@link #CAPACITY} requests, newest
 * last. Numbers never restart, so a {@code since} a harness holds stays valid across clears and
 * resets; waiters are woken by each new entry.
 */
final class Journal {
    static final int CAPACITY = 10_000;
    static final long MAX_WAIT_MILLIS = 30_000;

    private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>(); // guarded by this
    private long lastSeq; // guarded by this

    synchronized void record(String method, String path, String query, Integer status, String user, String fault) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(new JournalEntry(++lastSeq, method, path, query, status, user, fault));
        notifyAll();
    }

    /** Entries after {@code since}, oldest first. */
    synchronized List<JournalEntry> since(long since) {
        List<JournalEntry> out = new ArrayList<>();
        if (entries.isEmpty() || entries.peekLast().seq() <= since) {
            return out;
        }
        for (JournalEntry e : entries) {
            if (e.seq() > since) {
                out.add(e);
            }
        }
        return out;
    }

    /** Entries after {@code since}, waiting up to {@code millis} for the first one to arrive. */
    synchronized List<JournalEntry> await(long since, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (lastSeq <= since || entries.isEmpty()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return since(since);
    }

    synchronized void clear() {
        entries.clear();
    }
}
