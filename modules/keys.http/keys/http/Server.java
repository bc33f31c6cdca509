package keys.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

import keys.store.Store;

/** The HTTP server: one dispatcher for every path, on an executor of virtual threads. */
public final class Server implements AutoCloseable {
    /** A request not read whole within this many seconds has its connection closed. */
    static final int MAX_REQUEST_SECONDS = 20;

    private final HttpServer http;
    private final ExecutorService executor;

    private Server(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    public static Server start(Store store, ServerConfig config) throws IOException {
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
        store.onWriteStatus(StoreStatusLog::print);
        HttpServer http = HttpServer.create(config.listen(), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        http.createContext("/", new Dispatcher(new Api(store, config)));
        http.start();
        return new Server(http, executor);
    }

    /**
     * Starts, on a background thread, the one-time work of the JDK server's first response: its
     * {@code Date} header is formatted with a zone-name pattern, which loads locale data (~25 ms
     * on a small box). Called early in start-up, it overlaps with opening the store instead of
     * delaying the first answer.
     */
    public static void warmUpInBackground() {
        Thread.ofPlatform().daemon().name("keys-warm-up").start(() ->
                DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US).withZone(ZoneId.of("GMT"))
                        .format(Instant.now()));
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Stops accepting, waits up to {@code graceSeconds} for requests in flight, then closes. */
    public void stop(int graceSeconds) {
        http.stop(graceSeconds);
        executor.shutdown();
    }

    @Override
    public void close() {
        stop(0);
    }
}
