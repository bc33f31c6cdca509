package keys.http;

import static keys.http.KeysHttp.orgKeys;
import static keys.http.KeysHttp.projectKeys;
import static keys.http.KeysHttp.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import keys.domain.ClientKey;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Secrets;
import keys.domain.Team;
import keys.domain.Timestamps;
import keys.domain.Token;
import keys.domain.User;
import keys.store.Change;

/** Every row of sentry-compat.md §6 on the key routes: 401s, 403, 404, 405, CORS, OPTIONS, HEAD. */
class ErrorTableTest {
    static final String FORBIDDEN = "{\"detail\":\"You do not have permission to perform this action.\"}";
    static final String NOT_FOUND = "{\"detail\":\"The requested resource does not exist\"}";
    static TestServer ts;
    static Seed seed;
    static Organization org;
    static Project project;
    static ClientKey key;
    static String owner;

    @BeforeAll
    static void start() {
        ts = TestServer.start();
        seed = ts.seed();
        org = seed.org(unique("err"));
        Team t = seed.team(org, "t");
        project = seed.project(org, "p", t);
        key = ts.store().state().keys(project.id()).get(0);
        owner = seed.memberToken(org, unique("owner") + "@x.test", OrgRole.OWNER, t);
    }

    @AfterAll
    static void stop() {
        ts.close();
    }

    static HttpResponse<String> withAuthorization(String method, String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ts.url + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return ts.send(b.build());
    }

    static void assert401(HttpResponse<String> r, String detail) {
        assertEquals(401, r.statusCode());
        assertEquals("{\"detail\":\"" + detail + "\"}", r.body());
        assertEquals("xBasic realm=\"api\"", r.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    @Test
    void unauthorized() {
        String path = orgKeys(org.slug());
        assert401(withAuthorization("GET", path, null), "Authentication credentials were not provided.");
        assert401(withAuthorization("GET", path, "Basic abc"), // "abc" lacks its padding
                "Invalid basic header. Credentials not correctly base64 encoded.");
        assert401(withAuthorization("GET", path, "Bearer"), "Invalid token header. No credentials provided.");
        assert401(withAuthorization("GET", path, "Bearer a b"),
                "Invalid token header. Token string should not contain spaces.");
        assert401(withAuthorization("GET", path, "Bearer " + keys.domain.Sources.real().newUserToken()), "Invalid token");
        assert401(withAuthorization("GET", projectKeys(org.slug(), "p"), null),
                "Authentication credentials were not provided.");
        assertEquals(200, withAuthorization("GET", path, "bEaReR " + owner).statusCode());
        assertFalse(withAuthorization("GET", path, "Bearer " + owner).headers().firstValue("WWW-Authenticate").isPresent());
    }

    @Test
    void expiredToken() {
        User u = seed.user(unique("exp") + "@x.test");
        seed.member(org, u, OrgRole.OWNER);
        String clear = keys.domain.Sources.real().newUserToken();
        ts.store().write(tx -> {
            tx.add(new Change.PutToken(new Token(tx.nextId(), u.id(), "old", Secrets.sha256Hex(clear),
                    Set.of(Scope.ORG_READ), keys.domain.Sources.real().nowMicros() - 2_000_000, keys.domain.Sources.real().nowMicros() - 1_000_000,
                    clear.substring(clear.length() - 4))));
            return null;
        });
        assert401(ts.get(orgKeys(org.slug()), clear), "Token expired");
    }

    @Test
    void forbidden() {
        User u = seed.user(unique("noscope") + "@x.test");
        seed.member(org, u, OrgRole.OWNER);
        String teamOnly = seed.token(u, Scope.TEAM_READ);
        // The token's scope is checked before the organization is even looked up.
        assertEquals(FORBIDDEN, ts.get(orgKeys(org.slug()), teamOnly).body());
        assertEquals(FORBIDDEN, ts.get(orgKeys("no-such-org"), teamOnly).body());
        assertEquals(403, ts.get(projectKeys(org.slug(), "p"), teamOnly).statusCode());
        // Not a member.
        Organization other = seed.org(unique("other"));
        String outsider = seed.memberToken(other, unique("o") + "@x.test", OrgRole.OWNER);
        assertEquals(FORBIDDEN, ts.get(orgKeys(org.slug()), outsider).body());
        assertEquals(FORBIDDEN, ts.get(projectKeys(org.slug(), "p"), outsider).body());
        // Explicit project not accessible (closed organization, not in the team).
        Organization closed = seed.closedOrg(unique("closed"));
        seed.team(closed, "t");
        Project hidden = seed.project(closed, "hidden");
        String member = seed.memberToken(closed, unique("m") + "@x.test", OrgRole.MEMBER);
        assertEquals(FORBIDDEN, ts.get(orgKeys(closed.slug()) + "?project=" + hidden.id(), member).body());
        assertEquals(FORBIDDEN, ts.get(projectKeys(closed.slug(), "hidden"), member).body());
        // A role below the token: a member's token with project:write still cannot create.
        User capped = seed.user(unique("capped") + "@x.test");
        seed.member(org, capped, OrgRole.MEMBER);
        String wide = seed.token(capped, Scope.PROJECT_READ, Scope.PROJECT_WRITE, Scope.PROJECT_ADMIN);
        assertEquals(FORBIDDEN, ts.send("POST", projectKeys(org.slug(), "p"), wide, "{}").body());
        assertEquals(FORBIDDEN, ts.send("DELETE", projectKeys(org.slug(), "p") + key.publicKey() + "/", wide, null).body());
    }

    @Test
    void notFound() {
        assertEquals(NOT_FOUND, ts.get(orgKeys("no-such-org"), owner).body());
        assertEquals(NOT_FOUND, ts.get(orgKeys("999999999"), owner).body());
        assertEquals(NOT_FOUND, ts.get(projectKeys(org.slug(), "nope"), owner).body());
        assertEquals(NOT_FOUND, ts.get(projectKeys(org.slug(), "p") + keys.domain.Sources.real().newKeyHex() + "/", owner).body());
        assertEquals(NOT_FOUND, ts.send("PUT", projectKeys(org.slug(), "p") + "x/", owner, "{\"name\":5}").body());
        assertEquals(NOT_FOUND, ts.send("DELETE", projectKeys(org.slug(), "p") + "x/", owner, null).body());
        // No route: Sentry's CatchallEndpoint answers an empty 404.
        assertEquals("", ts.get("/api/0/organizations/" + org.slug() + "/project-keys/extra/", owner).body());
    }

    @Test
    void methodNotAllowedAfterTheScopeCheck() {
        User u = seed.user(unique("reader") + "@x.test");
        seed.member(org, u, OrgRole.OWNER);
        String reader = seed.token(u, Scope.ORG_READ);
        String writer = seed.token(u, Scope.ORG_WRITE);
        String admin = seed.token(u, Scope.ORG_ADMIN);
        String path = orgKeys(org.slug());
        assertEquals(FORBIDDEN, ts.send("POST", path, reader, "{}").body());
        HttpResponse<String> post = ts.send("POST", path, writer, "{}");
        assertEquals(405, post.statusCode());
        assertEquals("{\"detail\":\"Method \\\"POST\\\" not allowed.\"}", post.body());
        assertEquals("{\"detail\":\"Method \\\"PUT\\\" not allowed.\"}", ts.send("PUT", path, writer, "{}").body());
        assertEquals(FORBIDDEN, ts.send("DELETE", path, writer, null).body());
        assertEquals("{\"detail\":\"Method \\\"DELETE\\\" not allowed.\"}", ts.send("DELETE", path, admin, null).body());
        // Sentry's scope_map lists no PATCH: no token has a scope for it, so 403 comes first.
        assertEquals(FORBIDDEN, ts.send("PATCH", path, admin, "{}").body());
        assertEquals(FORBIDDEN, ts.send("PATCH", projectKeys(org.slug(), "p") + key.publicKey() + "/", owner, "{}")
                .body());
        assertEquals("{\"detail\":\"Method \\\"DELETE\\\" not allowed.\"}",
                ts.send("DELETE", projectKeys(org.slug(), "p"), owner, null).body());
        assertEquals("{\"detail\":\"Method \\\"POST\\\" not allowed.\"}",
                ts.send("POST", projectKeys(org.slug(), "p") + key.publicKey() + "/", owner, "{}").body());
        // 401 comes before 405.
        assertEquals(401, ts.send("POST", path, null, "{}").statusCode());
    }

    static void assertCors(HttpResponse<String> r, String allow, String origin) {
        assertEquals(allow, r.headers().firstValue("Allow").orElse(null));
        assertEquals(allow, r.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
        assertEquals("X-Sentry-Auth, X-Requested-With, Origin, Accept, Content-Type, Authentication, Authorization, "
                + "Content-Encoding, sentry-trace, baggage, X-CSRFToken",
                r.headers().firstValue("Access-Control-Allow-Headers").orElse(null));
        assertEquals("X-Sentry-Error, X-Sentry-Direct-Hit, X-Hits, X-Max-Hits, Endpoint, Retry-After, Link",
                r.headers().firstValue("Access-Control-Expose-Headers").orElse(null));
        assertEquals(origin, r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void corsHeadersOnEveryAnswer() {
        String list = orgKeys(org.slug());
        String keys = projectKeys(org.slug(), "p");
        String one = keys + key.publicKey() + "/";
        assertCors(ts.get(list, owner), "GET, HEAD, OPTIONS", "*");
        assertCors(ts.get(list, null), "GET, HEAD, OPTIONS", "*");
        assertCors(ts.get(orgKeys("missing"), owner), "GET, HEAD, OPTIONS", "*");
        assertCors(ts.get(keys, owner), "GET, POST, HEAD, OPTIONS", "*");
        assertCors(ts.get(one, owner), "GET, PUT, DELETE, HEAD, OPTIONS", "*");
        HttpResponse<String> withOrigin = ts.send(HttpRequest.newBuilder(URI.create(ts.url + list))
                .header("Origin", "https://app.example").header("Authorization", "Bearer " + owner).GET().build());
        assertCors(withOrigin, "GET, HEAD, OPTIONS", "https://app.example");
    }

    @Test
    void optionsAndHead() {
        String list = orgKeys(org.slug());
        HttpResponse<String> options = withAuthorization("OPTIONS", list, null);
        assertEquals(200, options.statusCode());
        assertEquals("3600", options.headers().firstValue("Access-Control-Max-Age").orElse(null));
        assertCors(options, "GET, HEAD, OPTIONS", "*");
        HttpResponse<String> get = ts.get(list, owner);
        HttpResponse<String> head = withAuthorization("HEAD", list, "Bearer " + owner);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(get.headers().firstValue("Link"), head.headers().firstValue("Link"));
        assertEquals(Integer.toString(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                head.headers().firstValue("Content-Length").orElse(null));
        assertEquals(200, withAuthorization("HEAD", projectKeys(org.slug(), "p") + key.publicKey() + "/",
                "Bearer " + owner).statusCode());
        assertEquals(401, withAuthorization("HEAD", list, null).statusCode());
        assertTrue(get.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }
}
