package keys.http;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import keys.domain.Sources;
import keys.store.State;
import keys.store.Store;

/**
 * Test mode's controls (test-mode.md §3) as Java methods; the HTTP control API under
 * {@code /_keys/} calls the same ones. The state is immutable and carries the id counter, so
 * reset, snapshot and restore swap references with the clock and the random streams: the same
 * cost at any size. Thread-safe; the controls run one at a time.
 */
public final class TestControl {
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** A point to come back to: the state (with its id counter) and where the clock and streams stood. */
    private record Point(State state, Sources.Test.Mark mark) {
    }

    private final Store store;
    private final Sources.Test sources;
    private final State base;
    private final Runnable setUp;
    private final Runnable keepAdmin;
    final Journal journal = new Journal();
    final Faults faults;
    private final Map<String, Point> snapshots = new LinkedHashMap<>(); // guarded by this
    private final List<Runnable> onReset = new CopyOnWriteArrayList<>();
    private Point start; // guarded by this

    /**
     * Puts {@code base} (a fixture, or the empty state) into the in-memory {@code store}, runs
     * {@code setUp} (which makes sure an admin exists, drawing from {@code sources}), and takes
     * the result as the start state that {@link #reset()} comes back to. {@code setUp} runs again,
     * against {@code base}, on a reset with a new seed; {@code keepAdmin} after a state replaced
     * by {@link #replaceState}, so that the admin token stays valid.
     */
    public TestControl(Store store, Sources.Test sources, State base, Runnable setUp, Runnable keepAdmin) {
        this.store = store;
        this.sources = sources;
        this.base = base;
        this.setUp = setUp;
        this.keepAdmin = keepAdmin;
        this.faults = new Faults(sources);
        store.replaceState(base);
        setUp.run();
        this.start = here();
    }

    private Point here() {
        return new Point(store.state(), sources.mark());
    }

    /** Also run on each reset (the rate limiter's buckets). */
    void onReset(Runnable r) {
        onReset.add(r);
    }

    /**
     * Back to the start state: the fixture (or empty) with the admin, the id counter, the random
     * streams and the clock as at start; the journal and faults cleared (journal numbers go on);
     * snapshots kept.
     */
    public synchronized void reset() {
        back(start);
        clearTransients();
    }

    /**
     * Re-seeds, then resets: afterwards the server answers as one started with {@code --seed seed}
     * would (the clock back at its start), the admin token unchanged. The new seed is the start
     * seed of later resets.
     */
    public synchronized void reset(long seed) {
        sources.restore(start.mark());
        sources.reseed(seed);
        store.replaceState(base);
        setUp.run();
        start = here();
        clearTransients();
    }

    private void clearTransients() {
        journal.clear();
        faults.clear(true);
        onReset.forEach(Runnable::run);
    }

    private void back(Point p) {
        store.replaceState(p.state());
        sources.restore(p.mark());
    }

    /**
     * Keeps the current state, id counter, streams and clock under {@code name}, replacing a
     * snapshot of that name (which then counts as the newest).
     *
     * @throws IllegalArgumentException the name is not {@code [A-Za-z0-9._-]{1,64}}
     */
    public synchronized SnapshotInfo snapshot(String name) {
        checkName(name);
        Point p = here();
        snapshots.remove(name);
        snapshots.put(name, p);
        return new SnapshotInfo(name, p.state().keyCount());
    }

    /**
     * Brings back the state, id counter, streams and clock of the snapshot.
     *
     * @throws java.util.NoSuchElementException there is no snapshot of that name
     */
    public synchronized void restore(String name) {
        Point p = snapshots.get(name);
        if (p == null) {
            throw new java.util.NoSuchElementException("no snapshot named " + name);
        }
        back(p);
    }

    /** Snapshots in the order they were taken. */
    public synchronized List<SnapshotInfo> snapshots() {
        List<SnapshotInfo> out = new ArrayList<>(snapshots.size());
        snapshots.forEach((name, p) -> out.add(new SnapshotInfo(name, p.state().keyCount())));
        return out;
    }

    /** @return false when there was no snapshot of that name */
    public synchronized boolean deleteSnapshot(String name) {
        return snapshots.remove(name) != null;
    }

    static void checkName(String name) {
        if (name == null || !SNAPSHOT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match [A-Za-z0-9._-]{1,64}");
        }
    }

    /**
     * Replaces the state with an export (interface.md §4); the id counter goes on from its
     * {@code lastId}. The server's admin token stays valid (added when the export lacks it).
     *
     * @throws keys.store.ImportFormatException the input is not a valid export; nothing changed
     */
    public synchronized void replaceState(InputStream export) {
        store.replaceState(Store.readExport(export));
        keepAdmin.run();
    }

    /** Requests after {@code since} (0: all kept), oldest first. */
    public List<JournalEntry> requests(long since) {
        return journal.since(since);
    }

    /**
     * Requests after {@code since}, waiting up to {@code millis} (at most 30,000) for the first.
     *
     * @throws InterruptedException interrupted while waiting
     */
    public List<JournalEntry> awaitRequests(long since, long millis) throws InterruptedException {
        return journal.await(since, Math.min(millis, Journal.MAX_WAIT_MILLIS));
    }

    /** Empties the journal; numbers go on. */
    public void clearRequests() {
        journal.clear();
    }

    public Fault addFault(FaultSpec spec) {
        return faults.add(spec);
    }

    /** Active faults with what they have left, in the order added. */
    public List<Fault> faults() {
        return faults.list();
    }

    /** @return false when no active fault has that id */
    public boolean removeFault(String id) {
        return faults.remove(id);
    }

    public void clearFaults() {
        faults.clear(false);
    }

    /** The test clock, in microseconds since the epoch. */
    public long clockMicros() {
        return sources.nowMicros();
    }

    public void setClockMicros(long micros) {
        sources.setNowMicros(micros);
    }

    /** Moves the clock forward; returns the new time in microseconds. */
    public long advanceClockMicros(long micros) {
        return sources.advanceMicros(micros);
    }
}
