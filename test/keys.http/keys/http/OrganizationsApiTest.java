package keys.http;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Scope;
import keys.domain.User;

import static keys.http.MgmtClient.detail;
import static keys.http.MgmtClient.fieldError;
import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrganizationsApiTest extends ApiTestBase {
    @Test
    void superuserCreatesAnOrganizationWithASlugMadeFromItsName() {
        String name = unique("Acme Widgets");
        var r = api.post("/api/0/organizations/", ts.adminToken, Map.of("name", name)).expect(201);
        Map<String, Object> o = r.obj();
        assertEquals(name.toLowerCase().replace(' ', '-'), o.get("slug"));
        assertEquals(name, o.get("name"));
        assertTrue(o.get("id") instanceof String);
        assertEquals(Boolean.TRUE, o.get("openMembership"));
        assertTrue(o.get("dateCreated") instanceof String);
        List<String> all = Scope.all().stream().map(Scope::wire).sorted().toList();
        assertEquals(all, o.get("access"));
        // The superuser is not made a member.
        var members = api.get("/api/0/organizations/" + o.get("slug") + "/members/", ts.adminToken).expect(200);
        assertEquals(List.of(), members.list());
    }

    @Test
    void explicitSlugIsKeptAndATakenOneConflicts() {
        String slug = unique("given");
        api.post("/api/0/organizations/", ts.adminToken, Map.of("name", "Given", "slug", slug)).expect(201);
        var again = api.post("/api/0/organizations/", ts.adminToken, Map.of("name", "Other", "slug", slug));
        again.expect(409);
        assertEquals(detail("An organization with this slug already exists."), again.obj());
        String byName = (String) api.post("/api/0/organizations/", ts.adminToken, Map.of("name", slug)).expect(201)
                .obj().get("slug");
        assertTrue(byName.matches(slug + "-[a-z0-9]{4}"), "a slug made from the name is made free: " + byName);
        var get = api.get("/api/0/organizations/" + slug + "/", ts.adminToken).expect(200);
        assertEquals("Given", get.obj().get("name"));
    }

    @Test
    void createValidatesItsFields() {
        assertEquals(fieldError("name", "This field is required."),
                api.post("/api/0/organizations/", ts.adminToken, Map.of()).expect(400).obj());
        assertEquals(fieldError("name", "Not a valid string."),
                api.post("/api/0/organizations/", ts.adminToken, Map.of("name", List.of())).expect(400).obj());
        assertEquals(fieldError("name", "Ensure this field has no more than 64 characters."),
                api.post("/api/0/organizations/", ts.adminToken, Map.of("name", "x".repeat(65))).expect(400).obj());
        assertEquals(fieldError("slug", MgmtClient.BAD_SLUG),
                api.post("/api/0/organizations/", ts.adminToken, Map.of("name", "n", "slug", "12345")).expect(400).obj());
        assertEquals(fieldError("slug", MgmtClient.BAD_SLUG),
                api.post("/api/0/organizations/", ts.adminToken, Map.of("name", "n", "slug", "Upper")).expect(400).obj());
        var malformed = api.post("/api/0/organizations/", ts.adminToken, "{\"name\":");
        malformed.expect(400);
        assertTrue(((String) malformed.obj().get("detail")).startsWith("JSON parse error - "));
    }

    @Test
    void onlySuperusersCreateOrganizations() {
        Organization org = ts.seed().org(unique("own"));
        String owner = ts.seed().memberToken(org, unique("o") + "@x.io", OrgRole.OWNER);
        var r = api.post("/api/0/organizations/", owner, Map.of("name", "Mine"));
        r.expect(403);
        assertEquals(detail("You do not have permission to perform this action."), r.obj());
        api.post("/api/0/organizations/", null, Map.of("name", "Mine")).expect(401);
        api.post("/api/0/organizations/", "sntryu_" + "0".repeat(64), Map.of("name", "Mine")).expect(401);
    }

    @Test
    void listShowsMembershipsOnlyAndEverythingToSuperusers() {
        Organization a = ts.seed().org(unique("la"));
        Organization b = ts.seed().org(unique("lb"));
        User u = ts.seed().user(unique("lu") + "@x.io");
        ts.seed().member(a, u, OrgRole.MEMBER);
        String token = ts.seed().token(u, Scope.ORG_READ);
        var mine = api.get("/api/0/organizations/", token).expect(200);
        assertEquals(List.of(Long.toString(a.id())), mine.ids());
        assertEquals(List.of("org:read"), mine.objects().get(0).get("access"));
        assertTrue(mine.header("Link") != null, "lists carry a Link header");
        var all = api.get("/api/0/organizations/?per_page=100", ts.adminToken).expect(200);
        assertTrue(all.ids().containsAll(List.of(Long.toString(a.id()), Long.toString(b.id()))));
    }

    @Test
    void listPagesNewestFirst() {
        User u = ts.seed().user(unique("pg") + "@x.io");
        for (int i = 0; i < 3; i++) {
            ts.seed().member(ts.seed().org(unique("pg")), u, OrgRole.MEMBER);
        }
        String token = ts.seed().token(u, Scope.ORG_READ);
        var first = api.get("/api/0/organizations/?per_page=2", token).expect(200);
        assertEquals(2, first.list().size());
        List<String> ids = first.ids();
        assertTrue(Long.parseLong(ids.get(0)) > Long.parseLong(ids.get(1)));
        String link = first.header("Link");
        assertTrue(link.contains("rel=\"next\"; results=\"true\""), link);
        String next = link.replaceAll(".*rel=\"next\"; results=\"true\"; cursor=\"([^\"]+)\".*", "$1");
        var second = api.get("/api/0/organizations/?per_page=2&cursor=" + next, token).expect(200);
        assertEquals(1, second.list().size());
        assertTrue(Long.parseLong(second.ids().get(0)) < Long.parseLong(ids.get(1)));
        assertEquals(detail("Invalid per_page value. Cannot exceed 100."),
                api.get("/api/0/organizations/?per_page=101", token).expect(400).obj());
    }

    @Test
    void detailNeedsMembershipAndExistence() {
        Organization org = ts.seed().org(unique("d"));
        Organization other = ts.seed().org(unique("d"));
        String member = ts.seed().memberToken(org, unique("m") + "@x.io", OrgRole.MEMBER);
        var r = api.get("/api/0/organizations/" + org.slug() + "/", member).expect(200);
        assertEquals(org.slug(), r.obj().get("slug"));
        assertEquals(List.of("member:read", "org:read", "project:read", "team:read"),
                ((List<?>) r.obj().get("access")).stream().filter(s -> ((String) s).matches("(org|project|team|member):(read|write|admin)")).toList());
        api.get("/api/0/organizations/" + org.id() + "/", member).expect(200);
        api.get("/api/0/organizations/" + other.slug() + "/", member).expect(403);
        assertEquals(detail("The requested resource does not exist"),
                api.get("/api/0/organizations/no-such-org/", member).expect(404).obj());
    }

    @Test
    void updateChangesFieldsAndChecksThem() {
        Organization org = ts.seed().org(unique("u"));
        Organization taken = ts.seed().org(unique("u"));
        String manager = ts.seed().memberToken(org, unique("mg") + "@x.io", OrgRole.MANAGER);
        String path = "/api/0/organizations/" + org.slug() + "/";
        String newSlug = unique("renamed");
        var r = api.put(path, manager, Map.of("name", "New Name", "slug", newSlug, "openMembership", false,
                "relayDsnEndpoint", "https://relay.example.com")).expect(200);
        assertEquals("New Name", r.obj().get("name"));
        assertEquals(newSlug, r.obj().get("slug"));
        assertEquals(Boolean.FALSE, r.obj().get("openMembership"));
        assertEquals("https://relay.example.com", r.obj().get("relayDsnEndpoint"));
        String moved = "/api/0/organizations/" + newSlug + "/";
        api.get(path, manager).expect(404);
        assertEquals(detail("An organization with this slug already exists."),
                api.put(moved, manager, Map.of("slug", taken.slug())).expect(409).obj());
        assertEquals(fieldError("openMembership", "Must be a valid boolean."),
                api.put(moved, manager, Map.of("openMembership", "maybe")).expect(400).obj());
        assertEquals(fieldError("relayDsnEndpoint", "Enter a valid URL."),
                api.put(moved, manager, Map.of("relayDsnEndpoint", "ftp://x")).expect(400).obj());
        // Sentry's validator: no user info, query or fragment, since DSN paths are appended to it.
        for (String bad : new String[] {"https://u:p@relay.example.com", "https://relay.example.com/?a=1",
                "https://relay.example.com/#f", "relay.example.com"}) {
            assertEquals(fieldError("relayDsnEndpoint", "Enter a valid URL."),
                    api.put(moved, manager, Map.of("relayDsnEndpoint", bad)).expect(400).obj(), bad);
        }
        Map<String, Object> nullRelay = new java.util.HashMap<>();
        nullRelay.put("relayDsnEndpoint", null);
        assertNull(api.put(moved, manager, nullRelay).expect(200).obj().get("relayDsnEndpoint"));
        // A member's role lacks org:write, whatever their token holds.
        User u = ts.seed().user(unique("mw") + "@x.io");
        ts.seed().member(org, u, OrgRole.MEMBER);
        String capped = ts.seed().token(u, Scope.ORG_READ, Scope.ORG_WRITE, Scope.ORG_ADMIN);
        api.put(moved, capped, Map.of("name", "nope")).expect(403);
        api.delete(moved, capped).expect(403);
    }

    @Test
    void deleteNeedsOrgAdminAndRemovesEverything() {
        Organization org = ts.seed().org(unique("del"));
        var team = ts.seed().team(org, "t");
        ts.seed().project(org, "p", team);
        String manager = ts.seed().memberToken(org, unique("mg") + "@x.io", OrgRole.MANAGER);
        String owner = ts.seed().memberToken(org, unique("ow") + "@x.io", OrgRole.OWNER);
        String path = "/api/0/organizations/" + org.slug() + "/";
        api.delete(path, manager).expect(403);
        var r = api.delete(path, owner);
        r.expect(204);
        assertEquals("", r.raw().body());
        api.get(path, ts.adminToken).expect(404);
        assertFalse(ts.store().state().organization(org.id()).isPresent());
        assertTrue(ts.store().state().projects(org.id()).isEmpty());
    }
}
