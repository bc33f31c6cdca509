package keys.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import keys.testing.Gens;
import keys.testing.Prop;

/**
 * test-mode.md §2: the same seed, clock, URL prefix and request sequence give byte-identical
 * answers (status, every header but {@code Date}, body) on two fresh servers, again after a
 * reset, and from a restored snapshot on.
 */
class TestModeDeterminismTest {

    @Test
    void twoFreshServersAResetAndARestoreAnswerByteForByteAlike() {
        Prop.forAll(15, Gens.pairs(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE), RequestScript.sequences(30)), p -> {
            long seed = p.first();
            List<RequestScript> steps = p.second();
            try (KeysServer a = TestModeHttp.start(seed); KeysServer b = TestModeHttp.start(seed)) {
                String first = RequestScript.run(a.port(), a.adminToken(), steps);
                assertEquals(first, RequestScript.run(b.port(), b.adminToken(), steps), "two fresh servers");
                a.reset();
                assertEquals(first, RequestScript.run(a.port(), a.adminToken(), steps), "after reset");
                int cut = steps.size() / 2;
                a.reset();
                RequestScript.run(a.port(), a.adminToken(), steps.subList(0, cut));
                a.snapshot("mid");
                String suffix = RequestScript.run(a.port(), a.adminToken(), steps.subList(cut, steps.size()));
                a.restore("mid");
                assertEquals(suffix, RequestScript.run(a.port(), a.adminToken(), steps.subList(cut, steps.size())),
                        "after restore");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void theScriptReachesKeysPagesAndErrors() throws IOException {
        // The property is only as good as what its sequences reach: a fixed one shows they do.
        List<RequestScript> steps = List.of(
                new RequestScript("POST", "/api/0/organizations/", "{\"name\":\"Acme\"}"),
                new RequestScript("POST", "/api/0/organizations/acme/teams/", "{\"slug\":\"t1\"}"),
                new RequestScript("POST", "/api/0/teams/acme/t1/projects/", "{\"name\":\"p1\"}"),
                new RequestScript("POST", "/api/0/projects/acme/p1/keys/", "{}"),
                new RequestScript("POST", "/api/0/projects/acme/p1/keys/", "{}"),
                new RequestScript("POST", "/api/0/projects/acme/p1/keys/", "{}"),
                new RequestScript("GET", "/api/0/organizations/acme/project-keys/?per_page=2", null));
        try (KeysServer keys = TestModeHttp.start(1)) {
            String t = RequestScript.run(keys.port(), keys.adminToken(), steps);
            assertEquals(7, t.split("-> 201 ", -1).length, t);
            assertTrue(t.contains("rel=\"next\""), t);
            assertTrue(t.contains("\"dsn\""), t);
        }
    }

    @Test
    void differentSeedsInventDifferentKeys() throws IOException {
        List<RequestScript> steps = List.of(
                new RequestScript("POST", "/api/0/organizations/", "{\"name\":\"Acme\"}"),
                new RequestScript("POST", "/api/0/organizations/acme/teams/", "{\"slug\":\"t1\"}"),
                new RequestScript("POST", "/api/0/teams/acme/t1/projects/", "{\"name\":\"p1\"}"),
                new RequestScript("POST", "/api/0/projects/acme/p1/keys/", "{}"));
        try (KeysServer a = TestModeHttp.start(1); KeysServer b = TestModeHttp.start(2)) {
            assertTrue(!RequestScript.run(a.port(), a.adminToken(), steps)
                    .equals(RequestScript.run(b.port(), b.adminToken(), steps)));
        }
    }

}
