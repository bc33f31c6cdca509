package keys.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import keys.json.Json;
import keys.server.KeysServer;

/** One server's API as its admin, over HTTP as the code under test would call it. */
record Api(KeysServer keys) {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** POST a JSON body; asserts 201 and returns the created object. */
    @SuppressWarnings("unchecked")
    Map<String, Object> create(String path, String json) {
        HttpResponse<String> r = send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        assertEquals(201, r.statusCode(), r::body);
        return (Map<String, Object>) Json.parse(r.body());
    }

    /** GET a list; asserts 200. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String path) {
        HttpResponse<String> r = send(request(path).GET());
        assertEquals(200, r.statusCode(), r::body);
        return (List<Map<String, Object>>) Json.parse(r.body());
    }

    /** An organization {@code slug} with a team and a project (which gets its "Default" key); that key. */
    Map<String, Object> organizationWithAKey(String slug) {
        create("/api/0/organizations/", "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\"}");
        create("/api/0/organizations/" + slug + "/teams/", "{\"slug\":\"mobile\"}");
        create("/api/0/teams/" + slug + "/mobile/projects/", "{\"name\":\"iOS app\",\"slug\":\"ios\"}");
        return list("/api/0/projects/" + slug + "/ios/keys/").getFirst();
    }

    List<String> organizationSlugs() {
        return list("/api/0/organizations/").stream().map(org -> (String) org.get("slug")).toList();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(keys.url().resolve(path)).header("Authorization", "Bearer " + keys.adminToken());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
