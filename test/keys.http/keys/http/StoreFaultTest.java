package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import keys.domain.Organization;
import keys.domain.Project;
import keys.store.FaultyChannels;
import keys.store.FsyncPolicy;

/**
 * A disk that fails: writes answer 503 in Sentry's shape, reads keep working, /readyz says not
 * ready, nothing is claimed durable that was not; after a restart every acknowledged write is there.
 */
class StoreFaultTest {

    @ParameterizedTest
    @ValueSource(strings = {"force", "short-write", "disk-full"})
    void writesFailWith503ReadsGoOnAndARestartRecovers(String fault) {
        FaultyChannels channels = new FaultyChannels();
        try (TestServer ts = TestServer.start(c -> c, o -> o.withFsync(FsyncPolicy.ALWAYS).withChannels(channels))) {
            Organization org = ts.seed().org("acme");
            Project project = ts.seed().project(org, "app");
            String path = "/api/0/projects/acme/app/keys/";
            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = ts.send("POST", path, ts.adminToken, "{\"name\":\"ok" + i + "\"}");
                assertEquals(201, r.statusCode(), r.body());
                acknowledged.add("ok" + i);
            }
            switch (fault) {
                case "force" -> channels.failForce = true;
                case "short-write" -> channels.failWriteHalfway = true;
                default -> channels.diskFull = true;
            }
            HttpResponse<String> failed = ts.send("POST", path, ts.adminToken, "{\"name\":\"lost\"}");
            assertEquals(503, failed.statusCode(), failed.body());
            assertTrue(failed.body().startsWith("{\"detail\":\""), failed.body());
            channels.failForce = false;
            channels.failWriteHalfway = false;
            channels.diskFull = false;
            // Once a write could not be made durable, later writes are refused too, not pretended.
            assertEquals(503, ts.send("POST", path, ts.adminToken, "{\"name\":\"after\"}").statusCode());
            HttpResponse<String> list = ts.get(path, ts.adminToken);
            assertEquals(200, list.statusCode());
            for (String name : acknowledged) {
                assertTrue(list.body().contains("\"name\":\"" + name + "\""), list.body());
            }
            assertFalse(list.body().contains("\"name\":\"lost\""), "a write that failed is not visible");
            assertEquals(503, ts.get("/readyz", null).statusCode());

            ts.restart(o -> o.withFsync(FsyncPolicy.ALWAYS));
            assertEquals(200, ts.get("/readyz", null).statusCode());
            HttpResponse<String> after = ts.get(path, ts.adminToken);
            for (String name : acknowledged) {
                assertTrue(after.body().contains("\"name\":\"" + name + "\""), after.body());
            }
            assertEquals(201, ts.send("POST", path, ts.adminToken, "{\"name\":\"again\"}").statusCode());
            assertTrue(project.id() > 0);
        }
    }

    /** A full disk: honest 503s with Retry-After, /readyz and /metrics say why, and writes come back by themselves. */
    @ParameterizedTest
    @ValueSource(strings = {"batch", "always"})
    void aFullDiskRefusesWritesUntilSpaceReturns(String fsync) throws InterruptedException {
        FaultyChannels channels = new FaultyChannels();
        FsyncPolicy policy = FsyncPolicy.parse(fsync).orElseThrow();
        try (TestServer ts = TestServer.start(c -> c, o -> o.withFsync(policy).withChannels(channels))) {
            Organization org = ts.seed().org("acme");
            ts.seed().project(org, "app");
            String path = "/api/0/projects/acme/app/keys/";
            assertEquals(201, ts.send("POST", path, ts.adminToken, "{\"name\":\"before\"}").statusCode());

            channels.noSpace = true;
            HttpResponse<String> refused = ts.send("POST", path, ts.adminToken, "{\"name\":\"lost\"}");
            assertEquals(503, refused.statusCode());
            assertTrue(refused.body().startsWith("{\"detail\":\"Writes are refused: the disk is full."), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "a full disk is worth retrying");
            HttpResponse<String> ready = ts.get("/readyz", null);
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("the disk is full"), ready.body());
            assertTrue(ts.get("/metrics", null).body().contains("\nkeys_store_writable 0\n"));
            assertEquals(200, ts.get(path, ts.adminToken).statusCode(), "reads go on");

            channels.noSpace = false;
            HttpResponse<String> again = null;
            for (int attempt = 0; attempt < 600; attempt++) { // the store retries within seconds; bounded
                again = ts.send("POST", path, ts.adminToken, "{\"name\":\"after\"}");
                if (again.statusCode() != 503) {
                    break;
                }
                Thread.sleep(50);
            }
            assertEquals(201, again.statusCode(), again.body());
            assertEquals(200, ts.get("/readyz", null).statusCode());
            assertTrue(ts.get("/metrics", null).body().contains("\nkeys_store_writable 1\n"));
            String list = ts.get(path, ts.adminToken).body();
            assertTrue(list.contains("\"name\":\"before\"") && list.contains("\"name\":\"after\""), list);
            assertFalse(list.contains("\"name\":\"lost\""), list);
        }
    }

    /** EIO: no Retry-After (waiting cannot help), and the answer says a restart is needed. */
    @Test
    void aDeviceErrorSaysARestartIsNeeded() {
        FaultyChannels channels = new FaultyChannels();
        try (TestServer ts = TestServer.start(c -> c, o -> o.withFsync(FsyncPolicy.BATCH).withChannels(channels))) {
            Organization org = ts.seed().org("acme");
            ts.seed().project(org, "app");
            channels.ioError = true;
            HttpResponse<String> refused = ts.send("POST", "/api/0/projects/acme/app/keys/", ts.adminToken, "{}");
            channels.ioError = false;
            assertEquals(503, refused.statusCode());
            assertTrue(refused.body().contains("restarted"), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isEmpty());
            HttpResponse<String> ready = ts.get("/readyz", null);
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("restarted"), ready.body());
            assertTrue(ready.headers().firstValue("Retry-After").isEmpty());
        }
    }
}
