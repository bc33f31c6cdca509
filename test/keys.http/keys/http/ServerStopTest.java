package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import keys.domain.Sources;
import keys.store.Store;
import keys.store.StoreOptions;

/**
 * A stop lets requests in flight finish but does not wait out its grace period for exchanges
 * that ended without a complete response (the JDK server's own count never lets them go), nor
 * for uploads still dribbling in. Times are compared with the grace, never with a fixed bound.
 */
class ServerStopTest {
    private static final int GRACE_SECONDS = 6;
    private static final long HALF_GRACE_NANOS = TimeUnit.SECONDS.toNanos(GRACE_SECONDS) / 2;

    @Test
    void anAbortedUploadDoesNotHoldTheStop() throws Exception {
        try (Store store = Store.inMemory(StoreOptions.defaults())) {
            Server server = Server.start(store, ServerConfig.loopback("http://127.0.0.1"), Sources.real());
            startUpload(server).close(); // with 992 bytes of its body never sent
            awaitNothingInFlight(server);
            assertStopsWithinHalfTheGrace(server);
        }
    }

    @Test
    void anUploadStillArrivingIsCutAtStop() throws Exception {
        try (Store store = Store.inMemory(StoreOptions.defaults())) {
            Server server = Server.start(store, ServerConfig.loopback("http://127.0.0.1"), Sources.real());
            try (Socket s = startUpload(server)) {
                awaitReading(server);
                assertStopsWithinHalfTheGrace(server);
                assertEquals(-1, s.getInputStream().read(), "the connection was closed, nothing answered");
            }
        }
    }

    @Test
    void aBareConnectionAndAnIdleServerStopAtOnce() throws Exception {
        try (Store store = Store.inMemory(StoreOptions.defaults())) {
            Server server = Server.start(store, ServerConfig.loopback("http://127.0.0.1"), Sources.real());
            connect(server).close();
            assertStopsWithinHalfTheGrace(server);
        }
    }

    @Test
    void stopIsIdempotentAndFreesThePort() throws Exception {
        try (Store store = Store.inMemory(StoreOptions.defaults())) {
            Server server = Server.start(store, ServerConfig.loopback("http://127.0.0.1"), Sources.real());
            int port = server.port();
            server.stop(GRACE_SECONDS);
            server.stop(GRACE_SECONDS);
            server.close();
            try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, again.getLocalPort());
            }
        }
    }

    private static void assertStopsWithinHalfTheGrace(Server server) {
        long t0 = System.nanoTime();
        server.stop(GRACE_SECONDS);
        long took = System.nanoTime() - t0;
        assertTrue(took < HALF_GRACE_NANOS, "stop took " + took / 1_000_000 + " ms of a " + GRACE_SECONDS + " s grace");
    }

    private static Socket connect(Server server) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(20_000);
        return s;
    }

    /** A POST that announces 1000 bytes of body and sends 8. */
    private static Socket startUpload(Server server) throws IOException {
        Socket s = connect(server);
        OutputStream out = s.getOutputStream();
        out.write(("POST /api/0/organizations/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{\"name\":").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    /** The dispatcher saw the aborted request through (its read failed), bounded. */
    private static void awaitNothingInFlight(Server server) throws InterruptedException {
        for (int i = 0; i < 500 && server.inFlight() > 0; i++) {
            Thread.sleep(10);
        }
    }

    /** The handler is reading the body, bounded. */
    private static void awaitReading(Server server) throws InterruptedException {
        for (int i = 0; i < 500 && server.inFlight() == 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(1, server.inFlight(), "the upload is being read");
    }
}
