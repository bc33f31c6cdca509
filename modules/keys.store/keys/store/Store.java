package keys.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The durable store: an append-only log of writes plus snapshots, replayed into a {@link State}
 * on open. One writer at a time (bodies run under a lock against the latest state); readers take
 * {@link #state()} without locking and only ever see durable writes.
 *
 * <p>A write body's changes become one log record, applied whole or not at all. If the body
 * throws, nothing is written. If writing or syncing the log fails, the store refuses later writes
 * ({@link StoreUnavailableException}, {@link #writeStatus()}) while reads go on: until space
 * returns when the disk was full (then it cuts the log back to its last fsync and resumes by
 * itself), else until a restart, which recovers every write that was acknowledged.
 */
public final class Store implements AutoCloseable {
    private final Path dir;
    private final StoreOptions options;
    private final LogChannelFactory io;
    private final Closeable lock;
    private final TailRepair repair;
    private final Counters counters = new Counters();
    private final GroupCommit commits;
    private final IncomingWrites incoming = new IncomingWrites();
    private final WriteHealth health;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock compactLock = new ReentrantLock();

    private final LogWriter log; // guarded by writeLock
    private final AuditRows auditReader;

    private final AutoCompaction autoCompaction; // guarded by writeLock
    private volatile boolean closed; // guarded by writeLock; read without the lock by isOpen()

    private volatile long snapshotSeq; // read by stats() without the lock

    private Store(Path dir, StoreOptions options, Closeable lock, Recovery.Result r, Recovery.Opened opened) {
        this.dir = dir;
        this.auditReader = r.rows();
        Segment segment = opened.segment();
        State state = opened.state();
        this.options = options;
        this.io = options.channels();
        this.lock = lock;
        this.repair = opened.repair();
        this.snapshotSeq = r.snapshotSeq();
        this.autoCompaction = new AutoCompaction(options.compactThresholdBytes(), this::compact, counters);
        this.health = new WriteHealth(this::resumeAfterFailure);
        this.commits = new GroupCommit(counters, incoming, GroupCommit.MAX_DELAY_NANOS,
                new GroupCommit.Tip(r.lastSeq(), state, segment.channel(), segment.encoder.position()),
                options.fsync() == FsyncPolicy.BATCH, health::failed);
        this.log = new LogWriter(state, r.lastSeq(), segment, options.fsync(), counters, commits, health,
                opened.auditRows());
    }

    /**
     * Opens (creating if missing, mode 0700) and locks the data directory, replays it, cuts a torn
     * log tail (see {@link #repairedTail()}) and finishes any compaction a crash interrupted.
     *
     * @throws StoreLockedException  another store has the directory open
     * @throws StoreCorruptException damage that is not a torn write; nothing was changed
     * @throws UncheckedIOException  the file system failed
     */
    public static Store open(Path dir, StoreOptions options) {
        try {
            return openOrThrow(dir, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Store openOrThrow(Path dir, StoreOptions options) throws IOException {
        DataDir.create(dir, options.channels());
        StoreLock lock = StoreLock.acquire(dir);
        Recovery.Result r = null;
        try {
            r = Recovery.scan(dir);
            Recovery.Opened opened = Recovery.finish(dir, r, options);
            return new Store(dir, options, lock, r, opened);
        } catch (IOException | RuntimeException e) {
            if (r != null) {
                r.rows().close();
            }
            lock.close();
            throw e;
        }
    }

    /**
     * A store that keeps nothing: no directory, no files, no lock, no fsync; everything is gone
     * once it is closed. Writes take the same path as on disk (each record encoded, then checked
     * and decoded as recovery would read it) and the bytes are dropped, so it behaves as a disk
     * store does and its memory holds the state only. Only {@code options}' sources count.
     */
    public static Store inMemory(StoreOptions options) {
        StoreOptions memory = options.withFsync(FsyncPolicy.NEVER).withCompactThresholdBytes(0);
        Recovery.Result empty = new Recovery.Result(State.empty(), 0, null, 0, null, 0, null, List.of(), List.of(), 0,
                AuditRows.NONE);
        try {
            return new Store(null, memory, () -> { }, empty,
                    new Recovery.Opened(Segment.inMemory(new MemoryLogChannel()), null, null, State.empty()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a memory channel does no I/O
        }
    }

    /** The latest durable state. Never blocks. */
    public State state() {
        return commits.visible();
    }

    /** The data directory; null for an {@linkplain #inMemory in-memory} store. */
    public Path directory() {
        return dir;
    }

    /** True while the store takes writes: not closed, and not stopped by a failed write or fsync. */
    public boolean isOpen() {
        return writeStatus().writable();
    }

    /** Whether writes are taken and, if not, why and whether the store is recovering by itself. */
    public WriteStatus writeStatus() {
        return closed ? WriteStatus.SHUT : health.status();
    }

    /**
     * Tells {@code listener} each time writes stop (with the failure) or resume, on the thread that
     * saw it; the store itself prints nothing.
     */
    public void onWriteStatus(Consumer<WriteStatus> listener) {
        health.listen(listener);
    }

    /** Where a request that may write announces itself, so that a group commit waits for it (batch policy). */
    public IncomingWrites incomingWrites() {
        return incoming;
    }

    /** The torn tail this open cut off the log, if there was one. */
    public Optional<TailRepair> repairedTail() {
        return Optional.ofNullable(repair);
    }

    /**
     * Runs {@code body} alone against the latest state and commits what it added as one record,
     * returning once that record is durable under the fsync policy and visible to readers.
     *
     * @throws StoreUnavailableException the store is closed or failed, now or earlier
     */
    public <R> R write(Function<Tx, R> body) {
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("write() called from inside a write body");
        }
        R result;
        GroupCommit.Ticket ticket;
        writeLock.lock();
        try {
            ensureWritable();
            Tx tx = new Tx(log.latest());
            result = body.apply(tx);
            if (tx.changes().isEmpty()) {
                ticket = commits.ticket(); // the body may have read writes not yet durable
            } else {
                ticket = log.append(tx);
                autoCompaction.maybeStart(log.logBytes());
            }
        } finally {
            writeLock.unlock();
            incoming.appended();
        }
        if (options.fsync() == FsyncPolicy.BATCH) {
            commits.awaitDurable(ticket, health::unavailable);
        }
        return result;
    }

    /**
     * In memory only: makes {@code state} (with its id counter) the latest state at once, as one
     * step readers see whole; nothing is logged. Test mode's reset, restore and state replacement
     * (test-mode.md §3): the state is immutable, so this costs the same at any size.
     *
     * @throws IllegalStateException     the store keeps a data directory
     * @throws StoreUnavailableException the store is closed
     */
    public void replaceState(State state) {
        if (!(log.segment().channel() instanceof MemoryLogChannel memory)) {
            throw new IllegalStateException("only an in-memory store can have its state replaced");
        }
        writeLock.lock();
        try {
            ensureWritable();
            log.replace(memory, state);
        } finally {
            writeLock.unlock();
        }
    }

    /** The way back from a full disk ({@link WriteHealth}), see {@link LogWriter#cutBackToDurable()}. */
    private void resumeAfterFailure() throws IOException {
        writeLock.lock();
        try {
            if (closed) {
                throw new StoreUnavailableException(WriteStatus.SHUT);
            }
            log.cutBackToDurable();
        } finally {
            writeLock.unlock();
        }
    }

    private void ensureWritable() {
        if (closed) {
            throw new StoreUnavailableException(WriteStatus.SHUT);
        }
        if (commits.failure() != null || !health.status().writable()) {
            throw health.unavailable();
        }
    }

    /**
     * Writes a snapshot of the state and drops the log it covers. Writers wait only for the
     * segment switch; the snapshot is written from the immutable state while they go on.
     * Steps, each safe to crash after (see {@link Recovery}): (1) sync the current segment and
     * start {@code log-<S+1>}; (2) write {@code snapshot-<S>} to a temp file, sync, rename, sync
     * the directory; (3) delete segments and snapshots the new snapshot covers. With an audit
     * retention, a write dropping the entries past it comes first, and row files left unused go last.
     *
     * @throws StoreUnavailableException the store is closed or failed
     * @throws UncheckedIOException      writing the snapshot failed; the log still holds everything
     */
    public void compact() {
        if (dir == null) {
            return; // in memory: no log to rewrite
        }
        try {
            compactOrThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("compaction of " + dir + " failed: " + e.getMessage(), e);
        }
    }

    private void compactOrThrow() throws IOException {
        CompactionHook hook = options.compactionHook();
        compactLock.lock();
        try {
            AuditRetention.cutBeforeCompaction(this, options);
            long seq;
            State state;
            long auditEnd;
            writeLock.lock();
            try {
                ensureWritable();
                seq = log.lastSeq();
                if (seq == snapshotSeq) {
                    return;
                }
                state = log.latest();
                auditEnd = log.syncAuditRows(); // the snapshot's index points at them; the log it replaces goes
                if (log.segment().firstSeq <= seq) {
                    log.rotate(dir, io);
                }
            } finally {
                writeLock.unlock();
            }
            hook.reached(CompactionHook.Step.ROTATED);
            SnapshotFile.write(dir, seq, state, auditEnd, io, hook);
            snapshotSeq = seq;
            DataDir.deleteCoveredBy(dir, seq, io, hook);
            AuditRetention.deleteUnreferenced(dir, state, auditEnd, auditReader, io);
            counters.compactions.incrementAndGet();
            counters.lastCompactionMillis.set(options.sources().nowMicros() / 1000);
            hook.reached(CompactionHook.Step.DONE);
        } finally {
            compactLock.unlock();
        }
    }

    /** Counters for /metrics. */
    public StoreStats stats() {
        long s = log.lastSeq();
        long snap = snapshotSeq;
        return new StoreStats(counters.records.get(), counters.bytes.get(), counters.fsyncs.get(),
                counters.fsyncNanos.get(), Math.max(0, s - snap), log.logBytes(), s, snap, counters.compactions.get(),
                counters.compactionFailures.get(), counters.lastCompactionMillis.get());
    }

    /**
     * Syncs and closes the log and releases the directory. Writes still waiting for a sync are
     * answered by the final one. Later writes throw {@link StoreUnavailableException}.
     *
     * @throws UncheckedIOException the final sync failed (the directory is released all the same)
     */
    @Override
    public void close() {
        try {
            closeOrThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the store in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    private void closeOrThrow() throws IOException {
        Thread background;
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            background = autoCompaction.thread();
        } finally {
            writeLock.unlock();
        }
        try {
            if (background != null) {
                background.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        health.close();
        compactLock.lock(); // a compact() in another thread finishes first
        writeLock.lock();
        try {
            if (commits.failure() == null) {
                log.syncAll();
            }
        } finally {
            try {
                commits.stop(new StoreUnavailableException(WriteStatus.SHUT));
                log.close();
                auditReader.close();
            } finally {
                writeLock.unlock();
                compactLock.unlock();
                lock.close();
            }
        }
    }

    /** For crash tests: let go of files and lock without syncing anything, as a killed process would. */
    void abandon() throws IOException {
        health.close();
        writeLock.lock();
        try {
            closed = true;
            commits.stop(new StoreUnavailableException(WriteStatus.SHUT));
            log.close();
            auditReader.close();
        } finally {
            writeLock.unlock();
            lock.close();
        }
    }

    /** Reads a data directory without changing or locking it, and reports what it finds. */
    public static CheckReport check(Path dir) {
        try {
            return StoreCheck.run(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code state} as JSON Lines (interface §4); flushes {@code out} but leaves it open. */
    public static void export(State state, OutputStream out) {
        try {
            JsonExport.write(state, out);
        } catch (IOException e) {
            throw new UncheckedIOException("export failed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an export (interface §4) into a state, as {@link #importInto} checks it.
     *
     * @throws ImportFormatException the input is not a valid export (naming the line)
     * @throws UncheckedIOException  reading failed
     */
    public static State readExport(InputStream in) {
        try {
            return JsonImport.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export: " + e.getMessage(), e);
        }
    }

    /**
     * Loads an export into a new or empty data directory, as a snapshot.
     *
     * @throws StoreNotEmptyException the directory already holds a log or snapshot
     * @throws ImportFormatException  the input is not a valid export
     * @throws StoreLockedException    a server has the directory open
     */
    public static void importInto(Path emptyDir, InputStream in, StoreOptions options) {
        try {
            JsonImport.into(emptyDir, in, options);
        } catch (IOException e) {
            throw new UncheckedIOException("import into " + emptyDir + " failed: " + e.getMessage(), e);
        }
    }
}
