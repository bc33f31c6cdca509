package keys.server;

import java.util.function.Supplier;

import keys.http.Server;

/**
 * The port, bound on a thread of its own while the caller opens the store: the two need nothing
 * from each other (~4 and ~5 ms of CPU at a start), and on two cores they run side by side.
 * {@link #server()} waits for it; {@link #abandon()} closes it when the start fails elsewhere.
 */
final class Binding {
    private final Thread thread;
    private Server server; // written by thread, read after joining it
    private Throwable failure;

    Binding(Supplier<Server> bind) {
        this.thread = Thread.ofPlatform().name("keys-bind").start(() -> {
            try {
                server = bind.get();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        });
    }

    /** The bound server, or the bind's own failure. */
    Server server() {
        join();
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
        return server;
    }

    /** Closes the port if it was bound. */
    void abandon() {
        join();
        if (server != null) {
            server.close();
        }
    }

    private void join() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
