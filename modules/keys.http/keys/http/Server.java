package keys.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;

import keys.domain.Sources;
import keys.store.Store;

/** The HTTP server: one dispatcher for every path, on an executor of virtual threads. */
public final class Server implements AutoCloseable {
    /** A request not read whole within this many seconds has its connection closed. */
    static final int MAX_REQUEST_SECONDS = 20;
    private static final AtomicBoolean WARMING = new AtomicBoolean();

    private final HttpServer http;
    private final ExecutorService executor;
    private final InFlight inFlight;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private Server(HttpServer http, ExecutorService executor, InFlight inFlight) {
        this.http = http;
        this.executor = executor;
        this.inFlight = inFlight;
    }

    /** Binds and starts at once, with a clock and randomness of its own. */
    public static Server start(Store store, ServerConfig config) throws IOException {
        return start(store, config, Sources.real());
    }

    /** Binds {@code config.listen()} and starts at once. */
    public static Server start(Store store, ServerConfig config, Sources sources) throws IOException {
        Server s = bind(config.listen());
        try {
            s.serve(store, config, sources);
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * Binds the listening address but answers nothing until {@link #serve}: a caller learns the port (for its URL
     * prefix) and takes it before creating anything, so a port in use leaves nothing behind.
     */
    public static Server bind(InetSocketAddress listen) throws IOException {
        // Keep-alive connections are the norm for API clients and load tests; the default of 200
        // idle connections makes busy clients reconnect.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "1024");
        System.setProperty("sun.net.httpserver.maxReqHeaders", "200");
        System.setProperty("sun.net.httpserver.maxReqHeaderSize", "65536");
        // Without it the JDK waits forever for a request that stalls half-sent, holding the connection.
        System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        // Without TCP_NODELAY a response written as headers then body waits ~40 ms for the
        // client's delayed ACK whenever the body is small (a 10-key page).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(listen, 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        return new Server(http, executor, new InFlight());
    }

    /**
     * Starts answering on the bound address ({@code config.listen()} is not read again).
     *
     * @param sources the clock and randomness every request of this server draws from
     */
    public void serve(Store store, ServerConfig config, Sources sources) {
        serve(store, config, sources, null);
    }

    /** {@link #serve(Store, ServerConfig, Sources)} in test mode: the control API answers under {@code /_keys/}. */
    public void serve(Store store, ServerConfig config, Sources sources, TestControl control) {
        store.onWriteStatus(StoreStatusLog::print);
        http.createContext("/", new Dispatcher(new Api(store, config, sources, control), inFlight));
        started.set(true);
        http.start();
    }

    /**
     * Starts, in the background, one-time work that would otherwise sit on start-up's path: the
     * JDK server's first response formats its {@code Date} header ({@code EEE, dd MMM yyyy HH:mm:ss
     * zzz}), which loads the locale's day and month names, its zone names and the time-zone
     * database (~25 ms of CPU in all). Called early in start-up, it overlaps with opening the
     * store instead of delaying the first answer, which still waits for it when it ends last. Two
     * threads, one for the names of days and months and one for the zone's, as they load separate
     * data: side by side on two cores, and on a busy box with two shares of it. Only the first
     * call in a process starts them.
     */
    public static void warmUpInBackground() {
        if (!WARMING.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().daemon().name("keys-warm-up-zone").start(() -> {
            format("zzz");
            // The scheduler of virtual threads (a pool and its first carrier) is made by the first
            // virtual thread started: the first request's, unless one was started before.
            Thread.startVirtualThread(() -> { });
        });
        Thread.ofPlatform().daemon().name("keys-warm-up-text").start(() -> {
            format("EEE MMM");
            // The JDK's exchange builds its own Date formatter when first used: build it here.
            try {
                Class.forName("sun.net.httpserver.ExchangeImpl", true, HttpServer.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError another) {
                // another JDK: its first exchange builds it
            }
        });
    }

    private static void format(String pattern) {
        DateTimeFormatter.ofPattern(pattern, Locale.US).withZone(ZoneId.of("GMT")).format(Instant.EPOCH);
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /**
     * Stops accepting at once, lets requests in flight finish for up to {@code graceSeconds}
     * (closing those still reading their body), then closes every connection. Returns as soon as
     * no request is in flight. Later calls do nothing.
     */
    public void stop(int graceSeconds) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (!started.getAndSet(true)) {
            // Bound but never served (a start that failed after binding): the JDK closes a listener
            // only from its dispatcher thread, so without one the port would stay taken.
            http.start();
        }
        // The JDK's stop closes the listener at once, then waits on its own count of exchanges,
        // which an exchange that ended without a complete response never leaves: it runs on a
        // thread of its own, and is interrupted out of that wait once our count is zero.
        Thread stopper = Thread.ofPlatform().name("keys-http-stop").start(() -> http.stop(graceSeconds));
        inFlight.drain(TimeUnit.SECONDS.toNanos(graceSeconds));
        stopper.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                stopper.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        // An interrupt that lands while the JDK's stop joins its dispatcher thread (the thread that
        // closes the listening socket) cuts that join short; a second stop, with nothing left to
        // wait for, joins it, so the port is free when this returns and a restart binds at once.
        http.stop(0);
        executor.shutdown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Requests our dispatcher is working on (for tests). */
    int inFlight() {
        return inFlight.count();
    }

    @Override
    public void close() {
        stop(0);
    }
}
