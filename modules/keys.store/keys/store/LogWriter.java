package keys.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The writing end of the log: the segment records go to, the seq and state they have reached,
 * and how each record is made durable under the fsync policy. Used under the store's write lock
 * only; {@link #lastSeq()} and {@link #logBytes()} may also be read without it (for stats).
 */
final class LogWriter {
    private final FsyncPolicy fsync;
    private final Counters counters;
    private final GroupCommit commits;
    private final WriteHealth health;
    private final AuditRowWriter auditRows; // null in memory: the rows stay in the state
    private final PayloadWriter record = new PayloadWriter(1024); // each record is framed here, then written

    private State latest;
    private Segment segment;
    private volatile long lastSeq;
    private volatile long logBytes;

    LogWriter(State latest, long lastSeq, Segment segment, FsyncPolicy fsync, Counters counters,
              GroupCommit commits, WriteHealth health, AuditRowWriter auditRows) {
        this.auditRows = auditRows;
        this.latest = latest;
        this.lastSeq = lastSeq;
        this.segment = segment;
        this.logBytes = segment.encoder.position();
        this.fsync = fsync;
        this.counters = counters;
        this.commits = commits;
        this.health = health;
    }

    State latest() {
        return latest;
    }

    long lastSeq() {
        return lastSeq;
    }

    long logBytes() {
        return logBytes;
    }

    Segment segment() {
        return segment;
    }

    /**
     * Apply (appending the audit rows, unsynced: the record holds the entries too), append, then
     * sync or hand over to group commit. A row that cannot be appended fails the store as a record
     * would; rows appended before a failure are never pointed at.
     */
    GroupCommit.Ticket append(Tx tx) {
        State next;
        try {
            next = latest.apply(tx.changes(), auditRows == null ? AuditRowSink.MEMORY : auditRows);
        } catch (java.io.UncheckedIOException e) {
            commits.fail(e.getCause());
            throw health.unavailable();
        }
        if (tx.lastIdAllocated() > next.lastId()) {
            next = next.withLastId(tx.lastIdAllocated());
        }
        record.reset(LogFormat.FRAME_HEADER_BYTES);
        ChangeCodec.encode(record, next.lastId(), tx.changes());
        long seq = lastSeq + 1;
        try {
            counters.appended(segment.encoder.append(seq, record));
        } catch (IOException e) {
            commits.fail(e);
            throw health.unavailable();
        }
        lastSeq = seq;
        latest = next;
        logBytes = segment.encoder.position();
        GroupCommit.Tip tip = new GroupCommit.Tip(seq, next, segment.channel(), logBytes);
        GroupCommit.Ticket ticket = commits.appended(tip);
        if (fsync == FsyncPolicy.ALWAYS) {
            try {
                counters.force(segment.channel());
            } catch (IOException | RuntimeException e) {
                commits.fail(e);
                throw health.unavailable();
            }
        }
        if (fsync != FsyncPolicy.BATCH) {
            commits.publish(tip);
        }
        return ticket;
    }

    /** In memory only: {@code state} becomes the latest at once, as a record nothing was written for. */
    void replace(MemoryLogChannel memory, State state) {
        long seq = lastSeq + 1;
        memory.replacedAt(seq);
        lastSeq = seq;
        latest = state;
        GroupCommit.Tip tip = new GroupCommit.Tip(seq, state, segment.channel(), segment.encoder.position());
        commits.appended(tip);
        commits.publish(tip);
    }

    /**
     * Cuts the segment back to the end of the last acknowledged record, forces that, and takes
     * writes again from there. Nothing after that point was acknowledged, and readers never saw it.
     */
    void cutBackToDurable() throws IOException {
        commits.exclusive(() -> {
            GroupCommit.Tip last = commits.durable();
            if (last.channel() != segment.channel()) {
                throw new IOException("the log moved to another segment after its last fsync");
            }
            segment = segment.truncatedTo(last.end(), counters);
            lastSeq = last.seq();
            latest = last.state();
            logBytes = last.end();
            commits.resume(last);
        });
    }

    /**
     * Syncs the segment (the records of a non-newest segment must all be durable, see
     * {@link Recovery}), then switches to {@code log-<lastSeq+1>}. Any failure here fails the
     * store: appending on to the old segment would overlap a new one that may exist already.
     */
    void rotate(Path dir, LogChannelFactory io) throws IOException {
        long seq = lastSeq;
        State state = latest;
        commits.exclusive(() -> {
            try {
                counters.force(segment.channel());
                commits.publish(new GroupCommit.Tip(seq, state, segment.channel(), segment.encoder.position()));
                Segment next = Segment.create(dir, seq + 1, io);
                Segment old = segment;
                segment = next;
                logBytes = next.encoder.position();
                commits.rotated(new GroupCommit.Tip(seq, state, next.channel(), logBytes));
                old.close();
            } catch (IOException | RuntimeException e) {
                commits.fail(e);
                throw e;
            }
        });
    }

    /** The final sync before closing: everything appended becomes durable and visible. */
    void syncAll() throws IOException {
        commits.exclusive(() -> {
            try {
                counters.force(segment.channel());
                commits.publish(new GroupCommit.Tip(lastSeq, latest, segment.channel(), segment.encoder.position()));
            } catch (IOException | RuntimeException e) {
                commits.fail(e);
                throw e;
            }
        });
    }

    /** Syncs the audit rows appended so far; where they end (what a snapshot of {@link #latest()} covers). */
    long syncAuditRows() throws IOException {
        auditRows.sync();
        return auditRows.end();
    }

    void close() throws IOException {
        try {
            segment.close();
        } finally {
            if (auditRows != null) {
                auditRows.close();
            }
        }
    }
}
