package keys.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.json.Json;

import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bodies are parsed by Content-Type as DRF does: JSON, form, multipart; anything else is 415. */
class RequestBodyTest extends ApiTestBase {
    private static HttpResponse<String> post(String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ts.url + path))
                .header("Authorization", "Bearer " + ts.adminToken)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return ts.send(b.build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        return (Map<String, Object>) Json.parse(r.body());
    }

    private static String teams(Organization org) {
        return "/api/0/organizations/" + org.slug() + "/teams/";
    }

    @Test
    void aFormIsReadAsCurlDataSendsIt() {
        Organization org = ts.seed().org(unique("b"));
        assertEquals("backend-crew", json(post(teams(org), "application/x-www-form-urlencoded",
                "name=Backend+Crew&slug="), 201).get("slug"));
        assertEquals("ops", json(post(teams(org), "application/x-www-form-urlencoded; charset=utf-8",
                "name=x&name=Ops"), 201).get("slug")); // the last value, as QueryDict gives it
    }

    @Test
    void otherTypesAre415AndAnEmptyBodyIsNoData() {
        Organization org = ts.seed().org(unique("b"));
        assertEquals(Map.of("detail", "Unsupported media type \"text/plain\" in request."),
                json(post(teams(org), "text/plain", "{\"name\":\"x\"}"), 415));
        assertEquals(Map.of("detail", "Unsupported media type \"\" in request."),
                json(post(teams(org), null, "{\"name\":\"x\"}"), 415));
        assertEquals(Map.of("detail", "Unsupported media type \"application/vnd.api+json\" in request."),
                json(post(teams(org), "application/vnd.api+json", "{}"), 415));
        assertEquals(Map.of("non_field_errors", List.of("One of 'name' or 'slug' must be provided.")),
                json(post(teams(org), "text/plain", ""), 400));
        assertEquals("js", json(post(teams(org), "Application/JSON; charset=utf-8", "{\"slug\":\"js\"}"), 201).get("slug"));
    }

    @Test
    void multipartFieldsAreRead() {
        Organization org = ts.seed().org(unique("b"));
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nMulti Part\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\n\r\nignored\r\n--XyZ--\r\n";
        assertEquals("multi-part", json(post(teams(org), "multipart/form-data; boundary=XyZ", body), 201).get("slug"));
        assertEquals(Map.of("detail", "Multipart form parse error - Invalid boundary in multipart: None"),
                json(post(teams(org), "multipart/form-data", body), 400));
    }

    @Test
    @SuppressWarnings("unchecked")
    void formValuesCoerceAsDrfFieldsDo() {
        // Repeated keys are a list, as QueryDict.getlist gives ListField.
        Map<String, Object> token = json(post("/api/0/api-tokens/", "application/x-www-form-urlencoded",
                "name=t&scopes=org%3Aread&scopes=project%3Aread"), 201);
        assertEquals(List.of("org:read", "project:read"), token.get("scopes"));
        Map<String, Object> indexed = json(post("/api/0/api-tokens/", "application/x-www-form-urlencoded",
                "scopes%5B1%5D=project%3Aread&scopes%5B0%5D=org%3Aread"), 201); // parse_html_list's scopes[i]
        assertEquals(List.of("org:read", "project:read"), indexed.get("scopes"));
        // Nested objects come from dotted names; numbers from their text.
        Organization org = ts.seed().org(unique("b"));
        Team team = ts.seed().team(org, "t");
        Project p = ts.seed().project(org, "p", team);
        Map<String, Object> key = json(post("/api/0/projects/" + org.slug() + "/" + p.slug() + "/keys/",
                "application/x-www-form-urlencoded", "name=k&rateLimit.window=60&rateLimit.count=5"), 201);
        assertEquals(Map.of("window", 60L, "count", 5L), key.get("rateLimit"));
        // A boolean from its text; a bad one answers DRF's message.
        HttpRequest put = HttpRequest.newBuilder(URI.create(ts.url + "/api/0/organizations/" + org.slug() + "/"))
                .header("Authorization", "Bearer " + ts.adminToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("openMembership=false")).build();
        assertEquals(Boolean.FALSE, json(ts.send(put), 200).get("openMembership"));
        HttpRequest bad = HttpRequest.newBuilder(put.uri()).header("Authorization", "Bearer " + ts.adminToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("openMembership=maybe")).build();
        assertEquals(Map.of("openMembership", List.of("Must be a valid boolean.")), json(ts.send(bad), 400));
    }
}
