package keys.http;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.domain.User;

import static keys.http.MgmtClient.detail;
import static keys.http.MgmtClient.fieldError;
import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeamsApiTest extends ApiTestBase {
    @Test
    void adminCreatesATeamAndJoinsIt() {
        Organization org = ts.seed().org(unique("t"));
        String admin = ts.seed().memberToken(org, unique("a") + "@x.io", OrgRole.ADMIN);
        var r = api.post("/api/0/organizations/" + org.slug() + "/teams/", admin,
                Map.of("name", "Backend Crew")).expect(201);
        Map<String, Object> t = r.obj();
        assertEquals("backend-crew", t.get("slug"));
        assertEquals("Backend Crew", t.get("name"));
        assertTrue(t.get("id") instanceof String);
        assertTrue(t.get("dateCreated") instanceof String);
        assertEquals(1L, t.get("memberCount"));
        assertEquals(Boolean.TRUE, t.get("isMember"));
    }

    @Test
    void slugAloneNamesTheTeamAndSuperusersDoNotJoin() {
        Organization org = ts.seed().org(unique("t"));
        var r = api.post("/api/0/organizations/" + org.slug() + "/teams/", ts.adminToken,
                Map.of("slug", "ops")).expect(201);
        assertEquals("ops", r.obj().get("name"));
        assertEquals(0L, r.obj().get("memberCount"));
        assertEquals(Boolean.FALSE, r.obj().get("isMember"));
    }

    @Test
    void createValidatesAndConflicts() {
        Organization org = ts.seed().org(unique("t"));
        ts.seed().team(org, "taken");
        String path = "/api/0/organizations/" + org.slug() + "/teams/";
        assertEquals(Map.of("non_field_errors", List.of("One of 'name' or 'slug' must be provided.")),
                api.post(path, ts.adminToken, Map.of()).expect(400).obj());
        assertEquals(fieldError("slug", MgmtClient.BAD_SLUG),
                api.post(path, ts.adminToken, Map.of("slug", "no spaces")).expect(400).obj());
        assertEquals(fieldError("name", "Ensure this field has no more than 64 characters."),
                api.post(path, ts.adminToken, Map.of("name", "y".repeat(65))).expect(400).obj());
        assertEquals(detail("A team with this slug already exists."),
                api.post(path, ts.adminToken, Map.of("slug", "taken")).expect(409).obj());
        // A slug made from the name gets a random suffix instead, as in Sentry.
        String suffixed = (String) api.post(path, ts.adminToken, Map.of("name", "Taken")).expect(201).obj().get("slug");
        assertTrue(suffixed.matches("taken-[a-z0-9]{4}"), suffixed);
    }

    @Test
    void membersMayReadButNotWrite() {
        Organization org = ts.seed().org(unique("t"));
        Team team = ts.seed().team(org, "core");
        String member = ts.seed().memberToken(org, unique("m") + "@x.io", OrgRole.MEMBER, team);
        var list = api.get("/api/0/organizations/" + org.slug() + "/teams/", member).expect(200);
        assertEquals(List.of("core"), list.slugs());
        assertEquals(1L, list.objects().get(0).get("memberCount"));
        assertEquals(Boolean.TRUE, list.objects().get(0).get("isMember"));
        assertTrue(list.header("Link").contains("rel=\"next\""));
        api.post("/api/0/organizations/" + org.slug() + "/teams/", member, Map.of("slug", "x")).expect(403);
        api.put("/api/0/teams/" + org.slug() + "/core/", member, Map.of("name", "x")).expect(403);
        api.delete("/api/0/teams/" + org.slug() + "/core/", member).expect(403);
        Organization other = ts.seed().org(unique("t"));
        api.get("/api/0/organizations/" + other.slug() + "/teams/", member).expect(403);
    }

    @Test
    void detailByIdOrSlugAndUpdate() {
        Organization org = ts.seed().org(unique("t"));
        Team team = ts.seed().team(org, "web");
        ts.seed().team(org, "taken");
        String admin = ts.seed().memberToken(org, unique("a") + "@x.io", OrgRole.ADMIN, team);
        assertEquals("web", api.get("/api/0/teams/" + org.slug() + "/" + team.id() + "/", admin)
                .expect(200).obj().get("slug"));
        api.get("/api/0/teams/" + org.slug() + "/nope/", admin).expect(404);
        var r = api.put("/api/0/teams/" + org.slug() + "/web/", admin, Map.of("name", "Web", "slug", "frontend"))
                .expect(200);
        assertEquals("frontend", r.obj().get("slug"));
        assertEquals("Web", r.obj().get("name"));
        api.get("/api/0/teams/" + org.slug() + "/web/", admin).expect(404);
        assertEquals(detail("A team with this slug already exists."),
                api.put("/api/0/teams/" + org.slug() + "/frontend/", admin, Map.of("slug", "taken")).expect(409).obj());
        assertEquals(fieldError("name", "This field may not be blank."),
                api.put("/api/0/teams/" + org.slug() + "/frontend/", admin, Map.of("name", " ")).expect(400).obj());
    }

    @Test
    void closedMembershipHidesOtherTeamsFromAdmins() {
        Organization org = ts.seed().closedOrg(unique("c"));
        Team mine = ts.seed().team(org, "mine");
        ts.seed().team(org, "theirs");
        String admin = ts.seed().memberToken(org, unique("a") + "@x.io", OrgRole.ADMIN, mine);
        api.get("/api/0/teams/" + org.slug() + "/mine/", admin).expect(200);
        api.get("/api/0/teams/" + org.slug() + "/theirs/", admin).expect(403);
        api.delete("/api/0/teams/" + org.slug() + "/theirs/", admin).expect(403);
        String manager = ts.seed().memberToken(org, unique("mg") + "@x.io", OrgRole.MANAGER);
        api.get("/api/0/teams/" + org.slug() + "/theirs/", manager).expect(200);
    }

    @Test
    void deletingATeamDeletesTheProjectsOnlyItOwned() {
        Organization org = ts.seed().org(unique("t"));
        Team doomed = ts.seed().team(org, "doomed");
        Team other = ts.seed().team(org, "other");
        Project alone = ts.seed().project(org, "alone", doomed);
        Project shared = ts.seed().project(org, "shared", doomed, other);
        User u = ts.seed().user(unique("a") + "@x.io");
        ts.seed().member(org, u, OrgRole.ADMIN, doomed);
        String admin = ts.seed().token(u, OrgRole.ADMIN.scopes().toArray(new keys.domain.Scope[0]));
        String keys = "/api/0/organizations/" + org.slug() + "/project-keys/?project=-1";
        assertEquals(java.util.Set.of(alone.id(), shared.id()), projectIdsOf(api.get(keys, ts.adminToken).expect(200)));
        var r = api.delete("/api/0/teams/" + org.slug() + "/doomed/", admin);
        r.expect(204);
        assertEquals(java.util.Set.of(shared.id()), projectIdsOf(api.get(keys, ts.adminToken).expect(200)),
                "no key of the deleted team's own project stays visible");
        assertEquals("", r.raw().body());
        api.get("/api/0/teams/" + org.slug() + "/doomed/", admin).expect(404);
        var state = ts.store().state();
        assertFalse(state.project(alone.id()).isPresent());
        assertTrue(state.keys(alone.id()).isEmpty());
        assertEquals(List.of(other.id()), state.project(shared.id()).orElseThrow().teamIds());
        assertTrue(state.member(org.id(), u.id()).orElseThrow().teamIds().isEmpty());
        var projects = api.get("/api/0/organizations/" + org.slug() + "/projects/", ts.adminToken).expect(200);
        assertEquals(List.of("shared"), projects.slugs());
    }

    static java.util.Set<Long> projectIdsOf(MgmtClient.Reply keys) {
        java.util.Set<Long> out = new java.util.HashSet<>();
        keys.objects().forEach(k -> out.add((Long) k.get("projectId")));
        return out;
    }
}
