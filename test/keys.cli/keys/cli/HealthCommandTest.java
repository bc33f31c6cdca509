package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code keys health} against a stand-in server: exit 0 only when /readyz answers 200; otherwise
 * exit 1 and one line on stderr saying why.
 */
class HealthCommandTest {
    private HttpServer server;
    private volatile int status = 200;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/readyz", exchange -> {
            if (status == 0) { // never answers
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", "/ok");
            }
            exchange.sendResponseHeaders(status == 0 ? 200 : status, -1);
            exchange.close();
        });
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void readyIsExitZero() {
        MainTest.Outcome o = MainTest.run(Map.of(), "health", "--url", url() + "/");
        assertEquals(0, o.code(), o.out() + o.err());
        assertEquals("ready", o.out().strip());
    }

    @Test
    void notReadyIsExitOneWithTheStatus() {
        status = 503;
        MainTest.Outcome o = MainTest.run(Map.of(), "health", "--url", url());
        assertEquals(1, o.code(), o.out() + o.err());
        assertEquals("keys health: not ready: " + url() + "/readyz answered 503", o.err().strip());
    }

    @Test
    void aRedirectIsNotFollowed() {
        status = 302;
        MainTest.Outcome o = MainTest.run(Map.of(), "health", "--url", url());
        assertEquals(1, o.code(), o.out() + o.err());
        assertEquals("keys health: not ready: " + url() + "/readyz answered 302", o.err().strip());
    }

    @Test
    void aServerThatNeverAnswersIsNotReady() {
        status = 0;
        MainTest.Outcome o = MainTest.run(Map.of(), "health", "--url", url());
        assertEquals(1, o.code(), o.out() + o.err());
        assertEquals("keys health: not ready: cannot reach " + url() + "/readyz: Read timed out", o.err().strip());
    }

    @Test
    void nothingListeningIsNotReady() {
        server.stop(0);
        MainTest.Outcome o = MainTest.run(Map.of(), "health", "--url", url());
        assertEquals(1, o.code(), o.out() + o.err());
        assertEquals("keys health: not ready: cannot reach " + url() + "/readyz: Connection refused", o.err().strip());
    }
}
