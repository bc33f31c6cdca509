package keys.http;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Scope;
import keys.domain.Secrets;
import keys.domain.Token;
import keys.domain.User;

import static keys.http.MgmtClient.detail;
import static keys.http.MgmtClient.fieldError;
import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokensApiTest extends ApiTestBase {
    @Test
    void anyTokenMintsForItsUserAndTheClearTokenShowsOnce() {
        User u = ts.seed().user(unique("t") + "@x.io");
        String token = ts.seed().token(u, Scope.PROJECT_READ, Scope.ORG_READ, Scope.TEAM_READ);
        var r = api.post("/api/0/api-tokens/", token, Map.of("name", "ci",
                "scopes", List.of("project:read", "org:read"))).expect(201);
        Map<String, Object> t = r.obj();
        String clear = (String) t.get("token");
        assertTrue(Secrets.isUserToken(clear), clear);
        assertEquals(clear.substring(clear.length() - 4), t.get("tokenLastCharacters"));
        assertEquals(List.of("org:read", "project:read"), t.get("scopes"));
        assertEquals("ci", t.get("name"));
        assertTrue(t.get("id") instanceof String && t.get("dateCreated") instanceof String);
        Token stored = ts.store().state().token(Long.parseLong((String) t.get("id"))).orElseThrow();
        assertEquals(Secrets.sha256Hex(clear), stored.hashHex());
        assertEquals(u.id(), stored.userId());
        var list = api.get("/api/0/api-tokens/", token).expect(200);
        assertEquals(2, list.list().size());
        assertEquals(t.get("id"), list.ids().get(0));
        assertEquals(List.of(t.get("id")), api.get("/api/0/api-tokens/", clear).expect(200).ids(),
                "the new token sees only tokens within its own scopes, not the one with team:read that minted it");
        assertFalse(list.raw().body().contains(clear), "the clear token is never listed");
        assertFalse(list.objects().get(0).containsKey("token"));
    }

    /**
     * interface.md §3's rule for a leaked token: it lists, mints and revokes only tokens within its
     * own scopes, and revoking a token revokes everything minted from it, so nothing it made
     * outlives it.
     */
    @Test
    void aLeakedTokenCanBeRevokedForGood() {
        User u = ts.seed().user(unique("leak") + "@x.io");
        String strong = ts.seed().token(u, Scope.ORG_READ, Scope.ORG_WRITE, Scope.PROJECT_READ);
        String none = ts.seed().token(u);
        var own = api.get("/api/0/api-tokens/", none).expect(200);
        assertEquals(1, own.ids().size(), "a token without scopes sees only itself");
        String strongId = api.get("/api/0/api-tokens/", strong).expect(200).ids().stream()
                .filter(id -> !own.ids().contains(id)).findFirst().orElseThrow();
        api.delete("/api/0/api-tokens/" + strongId + "/", none).expect(404);
        api.post("/api/0/api-tokens/", none, Map.of("scopes", List.of("org:read"))).expect(400);

        var child = api.post("/api/0/api-tokens/", strong, Map.of("scopes", List.of("org:read", "project:read")))
                .expect(201).obj();
        String childToken = (String) child.get("token");
        var grandchild = api.post("/api/0/api-tokens/", childToken, Map.of("scopes", List.of("org:read")))
                .expect(201).obj();
        String grandchildToken = (String) grandchild.get("token");
        var sibling = api.post("/api/0/api-tokens/", strong, Map.of("scopes", List.of("org:read", "org:write")))
                .expect(201).obj();
        api.delete("/api/0/api-tokens/" + strongId + "/", childToken).expect(404);
        api.delete("/api/0/api-tokens/" + sibling.get("id") + "/", grandchildToken).expect(404);

        long records = ts.store().stats().records();
        api.delete("/api/0/api-tokens/" + child.get("id") + "/", strong).expect(204);
        assertEquals(records + 1, ts.store().stats().records(), "a token and its descendants go in one record");
        api.get("/api/0/api-tokens/", childToken).expect(401);
        api.get("/api/0/api-tokens/", grandchildToken).expect(401);
        api.get("/api/0/api-tokens/", (String) sibling.get("token")).expect(200);
        assertEquals(List.of((String) sibling.get("id"), strongId),
                api.get("/api/0/api-tokens/", strong).expect(200).ids().stream()
                        .filter(id -> !own.ids().contains(id)).toList());
    }

    @Test
    void whatASuperuserMintsForOthersGoesWithTheMintingToken() {
        String all = ts.seed().token(ts.seed().user(unique("root") + "@x.io", true), Scope.values());
        var minted = api.post("/api/0/api-tokens/", all, Map.of("scopes", List.of("org:read"),
                "user", unique("svc") + "@x.io")).expect(201).obj();
        String allId = api.get("/api/0/api-tokens/", all).expect(200).ids().getLast();
        api.delete("/api/0/api-tokens/" + allId + "/", ts.adminToken).expect(204);
        api.get("/api/0/api-tokens/", (String) minted.get("token")).expect(401);
    }

    @Test
    void createValidates() {
        assertEquals(fieldError("scopes", "This field is required."),
                api.post("/api/0/api-tokens/", ts.adminToken, Map.of()).expect(400).obj());
        assertEquals(fieldError("scopes", "\"org:everything\" is not a valid choice."),
                api.post("/api/0/api-tokens/", ts.adminToken, Map.of("scopes", List.of("org:everything"))).expect(400).obj());
        assertEquals(fieldError("scopes", "Expected a list of items but got type \"str\"."),
                api.post("/api/0/api-tokens/", ts.adminToken, Map.of("scopes", "org:read")).expect(400).obj());
        assertEquals(fieldError("name", "Not a valid string."),
                api.post("/api/0/api-tokens/", ts.adminToken, Map.of("name", Map.of(), "scopes", List.of())).expect(400).obj());
        var noName = api.post("/api/0/api-tokens/", ts.adminToken, Map.of("scopes", List.of())).expect(201);
        assertNull(noName.obj().get("name"));
        api.post("/api/0/api-tokens/", null, Map.of("scopes", List.of())).expect(401);
    }

    @Test
    void onlySuperusersMintForOthers() {
        User u = ts.seed().user(unique("o") + "@x.io");
        String plain = ts.seed().token(u, Scope.values());
        String target = unique("target") + "@x.io";
        api.post("/api/0/api-tokens/", plain, Map.of("scopes", List.of("org:read"), "user", target)).expect(403);
        var r = api.post("/api/0/api-tokens/", ts.adminToken, Map.of("scopes", List.of("org:read"), "user", target))
                .expect(201);
        User created = ts.store().state().userByEmail(target).orElseThrow();
        assertFalse(created.superuser());
        assertEquals(created.id(), ts.store().state().token(Long.parseLong((String) r.obj().get("id"))).orElseThrow().userId());
        var theirs = api.get("/api/0/api-tokens/", (String) r.obj().get("token")).expect(200);
        assertEquals(List.of(r.obj().get("id")), theirs.ids());
        assertEquals(fieldError("user", "Enter a valid email address."),
                api.post("/api/0/api-tokens/", ts.adminToken, Map.of("scopes", List.of(), "user", "nope")).expect(400).obj());
    }

    /** An offset just below 2^31 on a list held in memory: once an int overflow and a 500. */
    @Test
    void aHugeCursorOffsetIsAnEmptyPage() {
        User u = ts.seed().user(unique("o") + "@x.io");
        String token = ts.seed().token(u, Scope.ORG_READ);
        for (int i = 0; i < 4; i++) {
            ts.seed().token(u);
        }
        for (String cursor : List.of("1000000000000:2147483644:1", "1000000000000:2147483646:0", "0:2147483647:0")) {
            var r = api.get("/api/0/api-tokens/?per_page=1&cursor=" + cursor, token);
            assertTrue(r.status() == 200 || r.status() == 400, cursor + " answered " + r.status());
            if (r.status() == 200) {
                assertEquals(List.of(), r.list(), cursor);
            }
        }
    }

    @Test
    void aTokenCannotMintScopesItDoesNotHave() {
        User u = ts.seed().user(unique("w") + "@x.io");
        String weak = ts.seed().token(u, Scope.ORG_READ);
        assertEquals(fieldError("scopes", "A token can only be given scopes the token that creates it has."),
                api.post("/api/0/api-tokens/", weak, Map.of("scopes", List.of("org:read", "org:admin"))).expect(400).obj());
        assertEquals(1, ts.store().state().tokens(u.id()).size(), "nothing minted");
        String none = ts.seed().token(u);
        api.post("/api/0/api-tokens/", none, Map.of("scopes", List.of("org:read"))).expect(400);
        api.post("/api/0/api-tokens/", none, Map.of("scopes", List.of())).expect(201);
        api.post("/api/0/api-tokens/", weak, Map.of("scopes", List.of("org:read"))).expect(201);
    }

    @Test
    void aTokensScopesAreCappedByTheRole() {
        Organization org = ts.seed().org(unique("cap"));
        User u = ts.seed().user(unique("m") + "@x.io");
        ts.seed().member(org, u, OrgRole.MEMBER);
        var minted = api.post("/api/0/api-tokens/", ts.adminToken, Map.of("user", u.email(), "scopes",
                List.of("org:read", "org:admin", "team:write", "member:admin"))).expect(201);
        String strong = (String) minted.obj().get("token");
        var org1 = api.get("/api/0/organizations/" + org.slug() + "/", strong).expect(200);
        assertEquals(List.of("org:read"), org1.obj().get("access"));
        api.delete("/api/0/organizations/" + org.slug() + "/", strong).expect(403);
        api.post("/api/0/organizations/" + org.slug() + "/teams/", strong, Map.of("slug", "x")).expect(403);
        api.post("/api/0/organizations/" + org.slug() + "/members/", strong, Map.of("email", "z@x.io")).expect(403);
    }

    @Test
    void revokingIsForTheOwnerOrASuperuser() {
        User a = ts.seed().user(unique("a") + "@x.io");
        User b = ts.seed().user(unique("b") + "@x.io");
        String ta = ts.seed().token(a);
        String tb = ts.seed().token(b);
        String tb2 = ts.seed().token(b);
        long idB2 = ts.store().state().tokenByHash(Secrets.sha256Hex(tb2)).orElseThrow().id();
        assertEquals(detail("The requested resource does not exist"),
                api.delete("/api/0/api-tokens/" + idB2 + "/", ta).expect(404).obj());
        api.delete("/api/0/api-tokens/" + idB2 + "/", tb).expect(204);
        api.get("/api/0/api-tokens/", tb2).expect(401);
        long idB = ts.store().state().tokenByHash(Secrets.sha256Hex(tb)).orElseThrow().id();
        var r = api.delete("/api/0/api-tokens/" + idB + "/", ts.adminToken);
        r.expect(204);
        assertEquals("", r.raw().body());
        api.get("/api/0/api-tokens/", tb).expect(401);
        api.delete("/api/0/api-tokens/" + idB + "/", ts.adminToken).expect(404);
        api.delete("/api/0/api-tokens/abc/", ts.adminToken).expect(404);
    }
}
