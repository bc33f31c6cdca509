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
 */
final class ChunkDecoder implements AutoCloseable {
    static final int AHEAD = 4;

    private record Pending(long offset, Future<List<Change>> changes) {
    }

    private final Path file;
    private final StateBuilder builder;
    private final ExecutorService worker; // null on one core: decode in line
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long applied;

    ChunkDecoder(Path file, StateBuilder builder) {
        this.file = file;
        this.builder = builder;
        this.worker = Runtime.getRuntime().availableProcessors() < 2 ? null
                : Executors.newSingleThreadExecutor(Thread.ofPlatform().name("keys-snapshot-decode").daemon(true)
                        .factory());
    }

    /** Queues the chunk in {@code payload[from..]}, read from the frame at {@code offset}. */
    void add(byte[] payload, int from, long offset) throws IOException {
        Callable<List<Change>> decode = () -> ChangeCodec.decode(payload, from, payload.length - from).changes();
        if (worker == null) {
            apply(decoded(decode, offset));
            return;
        }
        pending.add(new Pending(offset, worker.submit(decode)));
        if (pending.size() > AHEAD) {
            Pending oldest = pending.remove();
            apply(decoded(oldest.changes()::get, oldest.offset()));
        }
    }

    /** Applies every chunk still queued; returns how many changes were applied in all. */
    long finish() throws IOException {
        while (!pending.isEmpty()) {
            Pending oldest = pending.remove();
            apply(decoded(oldest.changes()::get, oldest.offset()));
        }
        return applied;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    private void apply(List<Change> changes) {
        builder.apply(changes);
        applied += changes.size();
    }

    private List<Change> decoded(Callable<List<Change>> decode, long offset) throws IOException {
        try {
            return decode.call();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PayloadFormatException p) {
                throw new StoreCorruptException(file, offset, p.getMessage());
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("decoding " + file + " failed", cause);
        } catch (PayloadFormatException e) {
            throw new StoreCorruptException(file, offset, e.getMessage());
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
