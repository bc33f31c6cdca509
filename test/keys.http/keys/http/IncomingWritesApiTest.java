package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import keys.domain.Organization;
import keys.store.FsyncPolicy;
import keys.store.IncomingWrites;

/**
 * A request that may write is counted as on its way to the store while it is answered, so that
 * a group commit about to start waits for its write; every request, whatever its answer, stops
 * being counted once it wrote or ended. (A count left behind would hold every later fsync back.)
 */
class IncomingWritesApiTest {
    /** Not the common pool: on two cores it runs one task at a time, and the holder's would block the create. */
    private static final java.util.concurrent.Executor OWN_THREAD = r -> Thread.ofPlatform().daemon().start(r);
    private static final String KEYS = "/api/0/projects/acme/app/keys/";

    @Test
    void aWriteRequestIsOnItsWayUntilItWrites() throws Exception {
        try (TestServer ts = TestServer.start(c -> c, o -> o.withFsync(FsyncPolicy.BATCH))) {
            Organization org = ts.seed().org("acme");
            ts.seed().project(org, "app");
            IncomingWrites incoming = ts.store().incomingWrites();
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // The test's own write holds the store's write lock; it was not announced, so it does not count.
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> ts.store().write(tx -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }), OWN_THREAD);
            try {
                assertTrue(holding.await(10, TimeUnit.SECONDS));
                assertEquals(0, incoming.count());
                CompletableFuture<HttpResponse<String>> create = CompletableFuture.supplyAsync(
                        () -> ts.send("POST", KEYS, ts.adminToken, "{\"name\":\"on its way\"}"), OWN_THREAD);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (incoming.count() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertEquals(1, incoming.count(), "the create waits for the write lock, announced");
                release.countDown();
                holder.get(10, TimeUnit.SECONDS);
                assertEquals(201, create.get(10, TimeUnit.SECONDS).statusCode());
                assertEquals(0, incoming.count());
            } finally {
                release.countDown(); // else closing the store would wait for its write lock for ever
            }
        }
    }

    @Test
    void noRequestStaysCountedWhateverItsAnswer() {
        try (TestServer ts = TestServer.start(c -> c, o -> o.withFsync(FsyncPolicy.BATCH))) {
            Organization org = ts.seed().org("acme");
            ts.seed().project(org, "app");
            IncomingWrites incoming = ts.store().incomingWrites();
            String[][] requests = {
                {"POST", KEYS, "{\"name\":\"made\"}", "201"},
                {"POST", KEYS, "{\"name\":", "400"},
                {"POST", KEYS, null, "401"},
                {"POST", "/api/0/projects/acme/nope/keys/", "{}", "404"},
                {"PUT", KEYS + "0000/", "{\"name\":\"x\"}", "404"},
                {"DELETE", KEYS + "0000/", null, "404"},
                {"PATCH", KEYS, "{}", "403"},
                {"POST", "/api/0/no-such-route/", "{}", "404"},
            };
            for (String[] r : requests) {
                String token = "401".equals(r[3]) ? null : ts.adminToken;
                HttpResponse<String> response = ts.send(r[0], r[1], token, r[2]);
                assertEquals(Integer.parseInt(r[3]), response.statusCode(), r[0] + " " + r[1] + ": " + response.body());
                assertEquals(0, incoming.count(), "after " + r[0] + " " + r[1] + " answered " + r[3]);
            }
        }
    }
}
