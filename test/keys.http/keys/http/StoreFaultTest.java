package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

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
}
