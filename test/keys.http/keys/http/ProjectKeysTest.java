package keys.http;

import static keys.http.KeysHttp.array;
import static keys.http.KeysHttp.ids;
import static keys.http.KeysHttp.links;
import static keys.http.KeysHttp.object;
import static keys.http.KeysHttp.projectKeys;
import static keys.http.KeysHttp.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import keys.domain.ClientKey;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Secrets;
import keys.domain.Team;
import keys.domain.UseCase;

/** Per-project key CRUD (sentry-compat.md §5; the cases of issue 5). */
class ProjectKeysTest {
    static TestServer ts;
    static Seed seed;
    Organization org;
    Project project;
    String admin;
    String base;

    @BeforeAll
    static void start() {
        ts = TestServer.start();
        seed = ts.seed();
    }

    @AfterAll
    static void stop() {
        ts.close();
    }

    @BeforeEach
    void fixture() {
        org = seed.org(unique("crud"));
        Team t = seed.team(org, "t");
        project = seed.project(org, "p", t);
        admin = seed.memberToken(org, unique("admin") + "@x.test", OrgRole.ADMIN, t);
        base = projectKeys(org.slug(), "p");
    }

    /** Sentry's ProjectEndpoint looks up the project before membership: a missing one is 404 to anyone. */
    @Test
    void aMissingProjectIsNotFoundEvenToAnOutsider() {
        Organization other = seed.org(unique("elsewhere"));
        String outsider = seed.memberToken(other, unique("out") + "@x.test", OrgRole.OWNER);
        assertEquals(404, ts.get(projectKeys(org.slug(), "no-such"), outsider).statusCode());
        assertEquals(403, ts.get(base, outsider).statusCode(), "an existing project is 403 to an outsider");
        assertEquals(404, ts.send("POST", projectKeys(org.slug(), "no-such"), outsider, "{}").statusCode());
        assertEquals(404, ts.get("/api/0/teams/" + org.slug() + "/no-such/", outsider).statusCode());
        assertEquals(403, ts.get("/api/0/teams/" + org.slug() + "/t/", outsider).statusCode());
    }

    HttpResponse<String> post(String body) {
        return ts.send("POST", base, admin, body);
    }

    HttpResponse<String> put(String publicKey, String body) {
        return ts.send("PUT", base + publicKey + "/", admin, body);
    }

    Map<String, Object> created(String body) {
        HttpResponse<String> r = post(body);
        assertEquals(201, r.statusCode(), r::body);
        return object(r);
    }

    Map<String, Object> updated(String publicKey, String body) {
        HttpResponse<String> r = put(publicKey, body);
        assertEquals(200, r.statusCode(), r::body);
        return object(r);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void defaultKeyWithThirteenDsnEntries() {
        List<Map<String, Object>> keys = array(ts.get(base, admin));
        assertEquals(1, keys.size());
        Map<String, Object> k = keys.get(0);
        assertEquals("Default", k.get("name"));
        assertEquals(project.id(), k.get("projectId"));
        assertEquals(13, map(k.get("dsn")).size());
        assertEquals("http", map(k.get("dsn")).get("public").toString().substring(0, 4));
        assertFalse(k.containsKey("useCase"));
    }

    @Test
    void createWithNameAndRateLimit() {
        Map<String, Object> k = created("{\"name\":\"  Mine  \",\"rateLimit\":{\"count\":1000,\"window\":7200}}");
        assertEquals("Mine", k.get("name"));
        assertEquals("Mine", k.get("label"));
        assertEquals(Map.of("window", 7200L, "count", 1000L), k.get("rateLimit"));
        assertEquals(List.of("window", "count"), List.copyOf(map(k.get("rateLimit")).keySet()));
        assertEquals(true, k.get("isActive"));
        assertEquals("10.x", k.get("browserSdkVersion"));
        assertEquals(Map.of("hasReplay", true, "hasPerformance", true, "hasDebug", false, "hasFeedback", false,
                "hasLogsAndMetrics", false), k.get("dynamicSdkLoaderOptions"));
        assertTrue(Secrets.isKeyHex((String) k.get("public")) && Secrets.isKeyHex((String) k.get("secret")));
        assertEquals(k.get("public"), k.get("id"));
        ClientKey stored = ts.store().state().key(project.id(), (String) k.get("id")).orElseThrow();
        assertNull(stored.browserSdkVersion());
        assertEquals(UseCase.USER, stored.useCase());
        // Only both non-zero make a rate limit.
        assertNull(created("{\"rateLimit\":{\"count\":0,\"window\":60}}").get("rateLimit"));
        assertNull(created("{\"rateLimit\":{\"count\":10}}").get("rateLimit"));
        assertNull(created("{\"rateLimit\":{}}").get("rateLimit"));
        assertNull(created("{\"rateLimit\":{\"count\":\"\",\"window\":300}}").get("rateLimit"));
        assertEquals(Map.of("window", 60L, "count", 5L),
                created("{\"rateLimit\":{\"count\":\"5\",\"window\":60.0}}").get("rateLimit"));
    }

    @Test
    void createWithoutBodyGeneratesATwoWordName() {
        for (String body : new String[] {null, "{}", "{\"name\":null}", "{\"name\":\"\"}", "{\"name\":\"   \"}"}) {
            HttpResponse<String> r = ts.send("POST", base, admin, body);
            assertEquals(201, r.statusCode(), r::body);
            String name = (String) object(r).get("name");
            assertTrue(name.matches("[A-Z][a-z]{0,9} [A-Z][a-z]{0,9}"), name);
            assertNull(object(r).get("rateLimit"));
        }
        assertEquals(6, array(ts.get(base, admin)).size());
    }

    @Test
    void clientGivenKeysAndDuplicates() {
        String pub = keys.domain.Sources.real().newKeyHex();
        String sec = keys.domain.Sources.real().newKeyHex();
        Map<String, Object> k = created("{\"public\":\"" + pub + "\",\"secret\":\"" + sec + "\"}");
        assertEquals(pub, k.get("id"));
        assertEquals(sec, k.get("secret"));
        assertTrue(((String) map(k.get("dsn")).get("secret")).contains(pub + ":" + sec + "@"));
        String unique = "{\"public\":[\"This field must be unique.\"]}";
        assertEquals(unique, post("{\"public\":\"" + pub + "\"}").body());
        assertEquals(unique, post("{\"public\":\"" + sec + "\"}").body());
        assertEquals("{\"secret\":[\"This field must be unique.\"]}", post("{\"secret\":\"" + pub + "\"}").body());
        String fresh = keys.domain.Sources.real().newKeyHex();
        assertEquals("{\"secret\":[\"This field must be unique.\"]}",
                post("{\"public\":\"" + fresh + "\",\"secret\":\"" + fresh + "\"}").body());
        assertEquals("{\"public\":[\"This field must be unique.\"],\"secret\":[\"This field must be unique.\"]}",
                post("{\"secret\":\"" + sec + "\",\"public\":\"" + pub + "\"}").body());
        String pattern = "{\"public\":[\"This value does not match the required pattern.\"]}";
        assertEquals(pattern, post("{\"public\":\"" + pub.toUpperCase() + "\"}").body());
        assertEquals(pattern, post("{\"public\":\"abc\"}").body());
        assertEquals(pattern, post("{\"public\":12}").body());
        assertEquals("{\"public\":[\"This field may not be blank.\"]}", post("{\"public\":\"\"}").body());
        assertEquals("{\"secret\":[\"Not a valid string.\"]}", post("{\"secret\":true}").body());
        assertEquals(201, post("{\"public\":null,\"secret\":\" " + keys.domain.Sources.real().newKeyHex() + " \"}").statusCode());
        assertEquals(2 + 1, array(ts.get(base, admin)).size());
    }

    @Test
    void useCaseIsHonouredForSuperusersOnly() {
        Map<String, Object> mine = created("{\"useCase\":\"profiling\"}");
        assertFalse(mine.containsKey("useCase"));
        assertEquals(UseCase.USER, ts.store().state().key(project.id(), (String) mine.get("id")).orElseThrow().useCase());
        assertEquals("{\"useCase\":[\"\\\"nope\\\" is not a valid choice.\"]}", post("{\"useCase\":\"nope\"}").body());
        HttpResponse<String> r = ts.send("POST", base, ts.adminToken, "{\"useCase\":\"profiling\"}");
        assertEquals(201, r.statusCode());
        String profiling = (String) object(r).get("id");
        assertEquals("profiling", object(r).get("useCase"));
        // Invisible to everyone else, on every key route.
        assertFalse(ids(ts.get(base, admin)).contains(profiling));
        assertEquals(404, ts.get(base + profiling + "/", admin).statusCode());
        assertEquals(404, put(profiling, "{\"name\":\"x\"}").statusCode());
        assertEquals(404, ts.send("DELETE", base + profiling + "/", admin, null).statusCode());
        assertEquals("profiling", object(ts.get(base + profiling + "/", ts.adminToken)).get("useCase"));
        assertTrue(ids(ts.get(base, ts.adminToken)).contains(profiling));
    }

    @Test
    void renameAndLabelLimits() {
        String id = (String) created("{\"name\":\"Old\"}").get("id");
        assertEquals("New name", updated(id, "{\"name\":\"New name\"}").get("name"));
        assertEquals("New name", updated(id, "{\"name\":\"\"}").get("name"));
        assertEquals("New name", updated(id, "{\"name\":null}").get("name"));
        String sixtyFour = "k".repeat(64);
        assertEquals(sixtyFour, updated(id, "{\"name\":\"" + sixtyFour + "\"}").get("label"));
        assertEquals(sixtyFour, created("{\"name\":\"" + sixtyFour + "\"}").get("name"));
        String emoji = "🔑".repeat(64);
        assertEquals(emoji, created("{\"name\":\"" + emoji + "\"}").get("name"));
        String tooLong = "{\"name\":[\"Ensure this field has no more than 64 characters.\"]}";
        assertEquals(tooLong, post("{\"name\":\"" + "k".repeat(65) + "\"}").body());
        assertEquals(tooLong, put(id, "{\"name\":\"" + "🔑".repeat(65) + "\"}").body());
        assertEquals("{\"name\":[\"Null characters are not allowed.\"]}", post("{\"name\":\"a\\u0000b\"}").body());
        assertEquals("{\"name\":[\"Not a valid string.\"]}", post("{\"name\":[\"a\"]}").body());
        assertEquals("42", created("{\"name\":42}").get("name"));
        assertEquals("Ünïcødé ключ", updated(id, "{\"name\":\"Ünïcødé ключ\"}").get("name"));
    }

    @Test
    void rateLimitUpdates() {
        String id = (String) created("{}").get("id");
        assertEquals(Map.of("window", 60L, "count", 10L), updated(id, "{\"rateLimit\":{\"count\":10,\"window\":60}}").get("rateLimit"));
        assertEquals(Map.of("window", 60L, "count", 10L), updated(id, "{\"rateLimit\":{}}").get("rateLimit"));
        assertEquals(Map.of("window", 60L, "count", 10L), updated(id, "{\"name\":\"x\"}").get("rateLimit"));
        assertNull(updated(id, "{\"rateLimit\":null}").get("rateLimit"));
        updated(id, "{\"rateLimit\":{\"count\":10,\"window\":60}}");
        assertNull(updated(id, "{\"rateLimit\":{\"count\":\"\",\"window\":300}}").get("rateLimit"));
        updated(id, "{\"rateLimit\":{\"count\":10,\"window\":60}}");
        assertNull(updated(id, "{\"rateLimit\":{\"count\":5,\"window\":null}}").get("rateLimit"));
        assertEquals("{\"rateLimit\":{\"window\":[\"Ensure this value is less than or equal to 86400.\"]}}",
                put(id, "{\"rateLimit\":{\"count\":1,\"window\":86401}}").body());
        assertEquals("{\"rateLimit\":{\"count\":[\"A valid integer is required.\"],"
                + "\"window\":[\"Ensure this value is greater than or equal to 0.\"]}}",
                put(id, "{\"rateLimit\":{\"count\":\"abc\",\"window\":-1}}").body());
        assertEquals("{\"rateLimit\":{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got str.\"]}}",
                put(id, "{\"rateLimit\":\"lots\"}").body());
        assertEquals("{\"rateLimit\":[\"This field may not be null.\"]}", post("{\"rateLimit\":null}").body());
        assertEquals("{\"rateLimit\":{\"count\":[\"A valid integer is required.\"]}}",
                post("{\"rateLimit\":{\"count\":1.5,\"window\":1}}").body());
    }

    @Test
    void deactivateAndStatusFilter() {
        String id = (String) created("{}").get("id");
        assertEquals(false, updated(id, "{\"isActive\":false}").get("isActive"));
        assertEquals(List.of(id), ids(ts.get(base + "?status=inactive", admin)));
        assertFalse(ids(ts.get(base + "?status=active", admin)).contains(id));
        assertEquals("[]", ts.get(base + "?status=whatever", admin).body());
        assertEquals(false, updated(id, "{\"name\":\"still off\"}").get("isActive"));
        assertEquals(true, updated(id, "{\"isActive\":\"yes\"}").get("isActive"));
        assertEquals("{\"isActive\":[\"Must be a valid boolean.\"]}", put(id, "{\"isActive\":\"maybe\"}").body());
        assertEquals("{\"isActive\":[\"This field may not be null.\"]}", put(id, "{\"isActive\":null}").body());
    }

    @Test
    void browserSdkVersionSetAndDefaulted() {
        String id = (String) created("{}").get("id");
        assertEquals("7.x", updated(id, "{\"browserSdkVersion\":\"7.x\"}").get("browserSdkVersion"));
        assertEquals("7.x", object(ts.get(base + id + "/", admin)).get("browserSdkVersion"));
        assertEquals("latest", updated(id, "{\"browserSdkVersion\":\"latest\"}").get("browserSdkVersion"));
        assertEquals("10.x", updated(id, "{\"name\":\"y\"}").get("browserSdkVersion"));
        assertEquals("10.x", ts.store().state().key(project.id(), id).orElseThrow().browserSdkVersion());
        assertEquals("{\"browserSdkVersion\":[\"\\\"6.x\\\" is not a valid choice.\"]}",
                put(id, "{\"browserSdkVersion\":\"6.x\"}").body());
    }

    @Test
    void loaderOptionsMergedUnknownDroppedNonBooleanRejected() {
        String id = (String) created("{}").get("id");
        Map<String, Object> k = updated(id, "{\"dynamicSdkLoaderOptions\":{\"hasDebug\":true,\"bogus\":1,\"hasReplay\":false}}");
        assertEquals(Map.of("hasReplay", false, "hasPerformance", true, "hasDebug", true, "hasFeedback", false,
                "hasLogsAndMetrics", false), k.get("dynamicSdkLoaderOptions"));
        k = updated(id, "{\"dynamicSdkLoaderOptions\":{\"hasLogsAndMetrics\":1,\"hasFeedback\":\"true\"}}");
        assertEquals(Map.of("hasReplay", false, "hasPerformance", true, "hasDebug", true, "hasFeedback", true,
                "hasLogsAndMetrics", true), k.get("dynamicSdkLoaderOptions"));
        assertEquals(k.get("dynamicSdkLoaderOptions"),
                updated(id, "{\"dynamicSdkLoaderOptions\":null}").get("dynamicSdkLoaderOptions"));
        assertEquals("{\"dynamicSdkLoaderOptions\":{\"hasReplay\":[\"Must be a valid boolean.\"]}}",
                put(id, "{\"dynamicSdkLoaderOptions\":{\"hasReplay\":\"nope\"}}").body());
        assertEquals("{\"dynamicSdkLoaderOptions\":{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}}",
                put(id, "{\"dynamicSdkLoaderOptions\":[]}").body());
        // A failed PUT changes nothing.
        assertEquals(k.get("dynamicSdkLoaderOptions"), object(ts.get(base + id + "/", admin)).get("dynamicSdkLoaderOptions"));
    }

    @Test
    void deleteThenGone() {
        String id = (String) created("{}").get("id");
        HttpResponse<String> d = ts.send("DELETE", base + id + "/", admin, null);
        assertEquals(204, d.statusCode());
        assertEquals("", d.body());
        assertEquals(404, ts.get(base + id + "/", admin).statusCode());
        assertEquals(404, ts.send("DELETE", base + id + "/", admin, null).statusCode());
        assertFalse(ids(ts.get(base, admin)).contains(id));
    }

    @Test
    void getOneAndBadBodies() {
        String id = (String) created("{\"name\":\"One\"}").get("id");
        Map<String, Object> k = object(ts.get(base + id + "/", admin));
        assertEquals("One", k.get("name"));
        assertEquals(k, object(ts.get(projectKeys(Long.toString(org.id()), Long.toString(project.id())) + id + "/", admin)));
        HttpResponse<String> bad = post("{\"name\":");
        assertEquals(400, bad.statusCode());
        assertTrue(KeysHttp.detail(bad).startsWith("JSON parse error - "), bad.body());
        assertEquals("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}", post("[]").body());
        assertEquals("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got float.\"]}", post("1.5").body());
        assertEquals("{\"non_field_errors\":[\"No data provided\"]}", post("null").body());
        // 404 for the key comes before the body's 400.
        assertEquals(404, put(keys.domain.Sources.real().newKeyHex(), "{\"name\":").statusCode());
        // Field errors come together, in Sentry's field order.
        assertEquals("{\"name\":[\"Not a valid string.\"],\"rateLimit\":{\"window\":[\"A valid integer is required.\"]},"
                + "\"public\":[\"This value does not match the required pattern.\"],"
                + "\"useCase\":[\"\\\"1\\\" is not a valid choice.\"]}",
                post("{\"useCase\":1,\"public\":\"x\",\"rateLimit\":{\"window\":\"w\"},\"name\":{}}").body());
    }

    @Test
    void listIsPaginatedWithADefaultOfOneHundred() {
        for (int i = 0; i < 101; i++) {
            seed.key(project, "k" + i, true, UseCase.USER);
        }
        HttpResponse<String> first = ts.get(base, admin);
        assertEquals(100, array(first).size());
        assertTrue(links(first)[1].results());
        assertEquals(2, array(ts.get(links(first)[1].url().substring(ts.url.length()), admin)).size());
        assertEquals(7, array(ts.get(base + "?per_page=7", admin)).size());
        assertEquals("{\"detail\":\"Invalid per_page value. Cannot exceed 100.\"}", ts.get(base + "?per_page=101", admin).body());
    }

    @Test
    void scopesPerMethod() {
        Team t = ts.store().state().teamBySlug(org.id(), "t").orElseThrow();
        String member = seed.memberToken(org, unique("member") + "@x.test", OrgRole.MEMBER, t);
        String id = (String) created("{}").get("id");
        assertEquals(200, ts.get(base, member).statusCode());
        assertEquals(200, ts.get(base + id + "/", member).statusCode());
        assertEquals(403, ts.send("POST", base, member, "{}").statusCode());
        assertEquals(403, ts.send("PUT", base + id + "/", member, "{}").statusCode());
        assertEquals(403, ts.send("DELETE", base + id + "/", member, null).statusCode());
        assertEquals(204, ts.send("DELETE", base + id + "/", admin, null).statusCode());
    }
}
