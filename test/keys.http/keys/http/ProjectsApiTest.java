package keys.http;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Secrets;
import keys.domain.Team;
import keys.domain.UseCase;

import static keys.http.MgmtClient.detail;
import static keys.http.MgmtClient.fieldError;
import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectsApiTest extends ApiTestBase {
    @Test
    void createMakesTheProjectAndItsDefaultKey() {
        Organization org = ts.seed().org(unique("p"));
        Team team = ts.seed().team(org, "core");
        String admin = ts.seed().memberToken(org, unique("a") + "@x.io", OrgRole.ADMIN, team);
        var r = api.post("/api/0/teams/" + org.slug() + "/core/projects/", admin,
                Map.of("name", "My Web App", "platform", "javascript")).expect(201);
        Map<String, Object> p = r.obj();
        assertEquals("my-web-app", p.get("slug"));
        assertEquals("My Web App", p.get("name"));
        assertEquals("javascript", p.get("platform"));
        assertEquals(Boolean.TRUE, p.get("isMember"));
        assertEquals(List.of("core"), ((List<?>) p.get("teams")).stream().map(t -> ((Map<?, ?>) t).get("slug")).toList());
        assertEquals(Map.of("id", Long.toString(org.id()), "slug", org.slug(), "name", org.name()), p.get("organization"));
        long id = Long.parseLong((String) p.get("id"));
        List<ClientKey> keys = ts.store().state().keys(id);
        assertEquals(1, keys.size());
        ClientKey k = keys.get(0);
        assertEquals("Default", k.label());
        assertTrue(k.active());
        assertEquals(UseCase.USER, k.useCase());
        assertEquals(LoaderOption.DEFAULTS, k.loaderOptions());
        assertNull(k.browserSdkVersion());
        assertTrue(Secrets.isKeyHex(k.publicKey()) && Secrets.isKeyHex(k.secretKey()));
    }

    @Test
    void createValidatesAndConflicts() {
        Organization org = ts.seed().org(unique("p"));
        Team team = ts.seed().team(org, "core");
        ts.seed().project(org, "taken", team);
        String path = "/api/0/teams/" + org.slug() + "/core/projects/";
        assertEquals(fieldError("name", "This field is required."),
                api.post(path, ts.adminToken, Map.of("slug", "abc")).expect(400).obj());
        assertEquals(fieldError("name", "Ensure this field has no more than 50 characters."),
                api.post(path, ts.adminToken, Map.of("name", "n".repeat(51))).expect(400).obj());
        assertEquals(fieldError("platform", "Invalid platform"),
                api.post(path, ts.adminToken, Map.of("name", "x", "platform", "Not A Platform")).expect(400).obj());
        var both = api.post(path, ts.adminToken, Map.of("name", true, "slug", "-bad slug-")).expect(400).obj();
        assertEquals(Map.of("name", List.of("Not a valid string."), "slug", List.of(MgmtClient.BAD_SLUG)), both);
        assertEquals(detail("A project with this slug already exists."),
                api.post(path, ts.adminToken, Map.of("name", "Other", "slug", "taken")).expect(409).obj());
        String suffixed = (String) api.post(path, ts.adminToken, Map.of("name", "Taken")).expect(201).obj().get("slug");
        assertTrue(suffixed.matches("taken-[a-z0-9]{4}"), "a slug made from the name is made free: " + suffixed);
        api.post("/api/0/teams/" + org.slug() + "/nope/projects/", ts.adminToken, Map.of("name", "x")).expect(404);
        String member = ts.seed().memberToken(org, unique("m") + "@x.io", OrgRole.MEMBER, team);
        api.post(path, member, Map.of("name", "x")).expect(403);
    }

    @Test
    void listShowsWhatTheCallerCanAccess() {
        Organization org = ts.seed().closedOrg(unique("p"));
        Team a = ts.seed().team(org, "a");
        Team b = ts.seed().team(org, "b");
        ts.seed().project(org, "pa", a);
        ts.seed().project(org, "pb", b);
        String member = ts.seed().memberToken(org, unique("m") + "@x.io", OrgRole.MEMBER, a);
        var r = api.get("/api/0/organizations/" + org.slug() + "/projects/", member).expect(200);
        assertEquals(List.of("pa"), r.slugs());
        assertTrue(r.header("Link").contains("rel=\"previous\""));
        var all = api.get("/api/0/organizations/" + org.slug() + "/projects/?collapse=organization", ts.adminToken)
                .expect(200);
        assertEquals(List.of("pa", "pb"), all.slugs()); // by slug
        assertFalse(all.objects().get(0).containsKey("organization"));
        api.get("/api/0/projects/" + org.slug() + "/pb/", member).expect(403);
        api.get("/api/0/projects/" + org.slug() + "/zz/", member).expect(404);
    }

    @Test
    void detailByIdOrSlugWithCollapse() {
        Organization org = ts.seed().org(unique("p"));
        Team team = ts.seed().team(org, "core");
        Project p = ts.seed().project(org, "site", team);
        String member = ts.seed().memberToken(org, unique("m") + "@x.io", OrgRole.MEMBER);
        var r = api.get("/api/0/projects/" + org.slug() + "/" + p.id() + "/", member).expect(200);
        assertEquals("site", r.obj().get("slug"));
        assertEquals(Boolean.FALSE, r.obj().get("isMember"));
        assertTrue(r.obj().containsKey("organization"));
        var c = api.get("/api/0/projects/" + org.slug() + "/site/?collapse=organization", member).expect(200);
        assertFalse(c.obj().containsKey("organization"));
        api.put("/api/0/projects/" + org.slug() + "/site/", member, Map.of("name", "x")).expect(403);
    }

    @Test
    void updateAndDelete() {
        Organization org = ts.seed().org(unique("p"));
        Team team = ts.seed().team(org, "core");
        Project p = ts.seed().project(org, "site", team);
        ts.seed().project(org, "taken", team);
        String admin = ts.seed().memberToken(org, unique("a") + "@x.io", OrgRole.ADMIN, team);
        String path = "/api/0/projects/" + org.slug() + "/site/";
        var r = api.put(path, admin, Map.of("name", "Site", "slug", "web", "platform", "python")).expect(200);
        assertEquals("web", r.obj().get("slug"));
        assertEquals("python", r.obj().get("platform"));
        String moved = "/api/0/projects/" + org.slug() + "/web/";
        assertEquals(detail("A project with this slug already exists."),
                api.put(moved, admin, Map.of("slug", "taken")).expect(409).obj());
        Map<String, Object> noPlatform = new java.util.HashMap<>();
        noPlatform.put("platform", null);
        assertNull(api.put(moved, admin, noPlatform).expect(200).obj().get("platform"));
        String keys = "/api/0/organizations/" + org.slug() + "/project-keys/?project=-1";
        assertTrue(TeamsApiTest.projectIdsOf(api.get(keys, admin).expect(200)).contains(p.id()));
        var d = api.delete(moved, admin);
        d.expect(204);
        assertFalse(TeamsApiTest.projectIdsOf(api.get(keys, admin).expect(200)).contains(p.id()),
                "no key of a deleted project stays visible");
        assertEquals("", d.raw().body());
        api.get(moved, admin).expect(404);
        assertTrue(ts.store().state().keys(p.id()).isEmpty(), "a deleted project's keys go with it");
    }

    @Test
    void teamsAreGivenAndTaken() {
        Organization org = ts.seed().org(unique("p"));
        Team core = ts.seed().team(org, "core");
        ts.seed().team(org, "extra");
        ts.seed().project(org, "site", core);
        String admin = ts.seed().memberToken(org, unique("a") + "@x.io", OrgRole.ADMIN, core);
        String base = "/api/0/projects/" + org.slug() + "/site/teams/";
        var add = api.post(base + "extra/", admin, null).expect(201);
        assertEquals(List.of("core", "extra"), teamSlugs(add.obj()));
        var remove = api.delete(base + "core/", admin).expect(200);
        assertEquals(List.of("extra"), teamSlugs(remove.obj()));
        api.post(base + "none/", admin, null).expect(404);
        String member = ts.seed().memberToken(org, unique("m") + "@x.io", OrgRole.MEMBER);
        api.post(base + "core/", member, null).expect(403);
        api.delete(base + "extra/", member).expect(403);
        // Sentry's ProjectTeamsPermission maps only POST and DELETE: any other method is 403 before any 405.
        api.get(base + "extra/", admin).expect(403);
    }

    /** Sentry's has_team_scope: only a team the caller may act for can be taken from a project. */
    @Test
    void takingATeamNeedsAccessToThatTeam() {
        Organization org = ts.seed().closedOrg(unique("closed"));
        Team core = ts.seed().team(org, "core");
        Team other = ts.seed().team(org, "other");
        Project site = ts.seed().project(org, "site", core, other);
        String admin = ts.seed().memberToken(org, unique("a") + "@x.io", OrgRole.ADMIN, core);
        String base = "/api/0/projects/" + org.slug() + "/site/teams/";
        assertEquals("{\"detail\":[\"You do not have permission to perform this action.\"]}",
                api.delete(base + "other/", admin).expect(403).raw().body());
        assertEquals(List.of(core.id(), other.id()), ts.store().state().project(site.id()).orElseThrow().teamIds());
        String manager = ts.seed().memberToken(org, unique("g") + "@x.io", OrgRole.MANAGER);
        assertEquals(List.of("core"), teamSlugs(api.delete(base + "other/", manager).expect(200).obj()),
                "a role with access to every team may");
        api.delete(base + "core/", admin).expect(200);
    }

    private static List<Object> teamSlugs(Map<String, Object> project) {
        return ((List<?>) project.get("teams")).stream().map(t -> ((Map<?, ?>) t).get("slug")).map(Object.class::cast).toList();
    }
}
