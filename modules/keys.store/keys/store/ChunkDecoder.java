package keys.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decodes a snapshot's change chunks a few ahead on a second core (when there is one) while the
 * reading thread applies them, in file order, to a {@link StateBuilder}: decoding a million keys
 * and building their indexes then overlap. At most {@link #AHEAD} decoded chunks wait, so memory
 * stays bounded. A chunk that does not decode is reported at its frame's offset.
 *
 * <p>The first {@link #IN_LINE} chunks are decoded in line and the second core is only asked
 * from the next one on: a restart of a small store (an admin and a few keys: a record or two)
 * then starts no thread, whose start and hand-offs cost more than decoding a few records.
 */
final class ChunkDecoder implements AutoCloseable {
    static final int AHEAD = 4;
    /** Chunks decoded in line before the worker starts. */
    static final int IN_LINE = 8;

    /** {@code seq} is a log record's, or -1 for a snapshot chunk. */
    private record Pending(long offset, long seq, Future<ChangeCodec.Batch> batch) {
    }

    private final Path file;
    private final StateBuilder builder;
    private final boolean oneCore = Runtime.getRuntime().availableProcessors() < 2;
    private ExecutorService worker; // null until IN_LINE chunks were decoded in line; always null on one core
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long queued;
    private long applied;

    ChunkDecoder(Path file, StateBuilder builder) {
        this.file = file;
        this.builder = builder;
    }

    /** Queues the chunk in {@code payload[from..]}, read from the frame at {@code offset}. */
    void add(byte[] payload, int from, long offset) throws IOException {
        queue(payload, from, offset, -1);
    }

    /** Queues a log record: its changes, then its id counter. */
    void add(LogDecoder.Frame record) throws IOException {
        queue(record.payload(), 0, record.offset(), record.seq());
    }

    private void queue(byte[] payload, int from, long offset, long seq) throws IOException {
        Callable<ChangeCodec.Batch> decode = () -> ChangeCodec.decode(payload, from, payload.length - from);
        if (oneCore || queued++ < IN_LINE) { // nothing is pending yet: in line is in order
            apply(new Pending(offset, seq, null), decoded(decode, offset, seq));
            return;
        }
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("keys-decode").daemon(true).factory());
        }
        pending.add(new Pending(offset, seq, worker.submit(decode)));
        if (pending.size() > AHEAD) {
            applyOldest();
        }
    }

    /** Applies every chunk still queued; returns how many changes were applied in all. */
    long finish() throws IOException {
        while (!pending.isEmpty()) {
            applyOldest();
        }
        return applied;
    }

    /** After a failure nothing later is applied: the first damage is the one reported. */
    private void applyOldest() throws IOException {
        Pending oldest = pending.remove();
        try {
            apply(oldest, decoded(oldest.batch()::get, oldest.offset(), oldest.seq()));
        } catch (IOException | RuntimeException | Error e) {
            pending.clear();
            throw e;
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    private void apply(Pending p, ChangeCodec.Batch batch) {
        List<Change> changes = batch.changes();
        if (p.seq() < 0) {
            builder.apply(changes);
        } else {
            try {
                builder.apply(changes);
            } catch (RuntimeException e) {
                throw new StoreCorruptException(file, p.offset(), "record " + p.seq() + " does not apply: " + e);
            }
            builder.raiseLastId(batch.lastId());
        }
        applied += changes.size();
    }

    private ChangeCodec.Batch decoded(Callable<ChangeCodec.Batch> decode, long offset, long seq) throws IOException {
        String record = seq < 0 ? "" : "record " + seq + ": ";
        try {
            return decode.call();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PayloadFormatException p) {
                throw new StoreCorruptException(file, offset, record + p.getMessage());
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("decoding " + file + " failed", cause);
        } catch (PayloadFormatException e) {
            throw new StoreCorruptException(file, offset, record + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + file);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("decoding " + file + " failed", e);
        }
    }
}
