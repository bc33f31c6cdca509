package keys.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import keys.domain.Organization;

import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Paths under /api/0/ need their trailing slash, and unknown ones answer as Sentry's CatchallEndpoint. */
class CatchallTest extends ApiTestBase {
    @Test
    void aRouteWithoutItsSlashIsNotServedAndSaysWhy() {
        Organization org = ts.seed().org(unique("c"));
        String path = "/api/0/organizations/" + org.slug() + "/teams";
        HttpResponse<String> r = ts.get(path, ts.adminToken);
        assertEquals(404, r.statusCode());
        assertEquals("text/plain", r.headers().firstValue("Content-Type").orElse(null));
        String suggestion = "try: " + path + "/";
        assertEquals("Route not found, did you forget a trailing slash?\n\n" + suggestion + "\n"
                + " ".repeat(suggestion.length() - 1) + "^\n", r.body());
    }

    @Test
    void aJsonClientGetsTheHintAsJson() {
        HttpResponse<String> r = ts.send("POST", "/api/0/organizations/caf%C3%A9", ts.adminToken, "{}");
        assertEquals(404, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(null));
        assertEquals("{\"info\": \"Route not found, did you forget a trailing slash? try: /api/0/organizations/caf\\u00e9/\"}",
                r.body());
    }

    @Test
    void anUnknownRouteWithItsSlashIsAnEmpty404() {
        HttpResponse<String> r = ts.get("/api/0/no-such-thing/", ts.adminToken);
        assertEquals(404, r.statusCode());
        assertEquals("", r.body());
    }

    @Test
    void operationalPathsAreExact() {
        assertEquals(200, ts.get("/healthz", null).statusCode());
        HttpResponse<String> r = ts.get("/healthz/", null);
        assertEquals(404, r.statusCode());
        assertEquals("{\"detail\":\"The requested resource does not exist\"}", r.body());
    }

    @Test
    void unknownPathsOutsideTheApiKeepTheJson404() {
        HttpRequest req = HttpRequest.newBuilder(URI.create(ts.url + "/nowhere")).GET().build();
        assertEquals("{\"detail\":\"The requested resource does not exist\"}", ts.send(req).body());
    }
}
