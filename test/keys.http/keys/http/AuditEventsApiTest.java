package keys.http;

import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.User;
import org.junit.jupiter.api.Test;

/**
 * Every event keys writes, through the API: the action adds exactly the rows Sentry's endpoint
 * would, with its note, target and filtered data; failed actions, the Default key of a new
 * project and personal tokens add none.
 */
class AuditEventsApiTest extends ApiTestBase {
    private record World(Organization org, User owner, String token, Team team, Project project) {
        String orgPath() {
            return "/api/0/organizations/" + org.slug() + "/";
        }
    }

    private static World world() {
        Organization org = ts.seed().org(unique("ev"));
        User owner = ts.seed().user(unique("owner") + "@x.io");
        Team team = ts.seed().team(org, unique("team"));
        ts.seed().member(org, owner, OrgRole.OWNER, team);
        Project project = ts.seed().project(org, unique("proj"), team);
        return new World(org, owner, ts.seed().token(owner, Scope.all().toArray(Scope[]::new)), team, project);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Organization org) {
        return (List<Map<String, Object>>) api.get("/api/0/organizations/" + org.id() + "/audit-logs/",
                ts.adminToken).expect(200).obj().get("rows");
    }

    /** The rows an action adds, oldest first. */
    private static List<Map<String, Object>> added(Organization org, Runnable action) {
        Set<Object> before = new HashSet<>();
        rows(org).forEach(r -> before.add(r.get("id")));
        action.run();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows(org)) {
            if (!before.contains(r.get("id"))) {
                out.addFirst(r);
            }
        }
        return out;
    }

    private static Map<String, Object> only(Organization org, Runnable action) {
        List<Map<String, Object>> rows = added(org, action);
        assertEquals(1, rows.size(), () -> "rows " + rows);
        return rows.getFirst();
    }

    private static void assertRow(Map<String, Object> row, String event, String note, Object target,
                                  Map<String, Object> data) {
        assertEquals(event, row.get("event"), () -> "row " + row);
        assertEquals(note, row.get("note"), () -> "row " + row);
        assertEquals(target, row.get("targetObject"), () -> "row " + row);
        assertEquals(data, row.get("data"), () -> "row " + row);
        assertEquals("127.0.0.1", row.get("ipAddress"));
    }

    @Test
    void organizationCreateAndEdit() {
        String name = "Audit Org " + unique("n");
        Map<String, Object> created = api.post("/api/0/organizations/", ts.adminToken, Map.of("name", name))
                .expect(201).obj();
        long id = Long.parseLong((String) created.get("id"));
        String slug = (String) created.get("slug");
        Organization org = ts.store().state().organization(id).orElseThrow();
        List<Map<String, Object>> rows = rows(org);
        assertEquals(1, rows.size());
        assertRow(rows.getFirst(), "org.create", "created the organization", id,
                Map.of("id", id, "slug", slug, "name", name));

        String newSlug = unique("renamed");
        Map<String, Object> edit = only(org, () -> api.put("/api/0/organizations/" + slug + "/", ts.adminToken,
                Map.of("name", "Renamed", "slug", newSlug, "openMembership", false)).expect(200));
        assertRow(edit, "org.edit", "edited the organization setting: name from " + name + " to Renamed, slug from "
                + slug + " to " + newSlug + ", allow_joinleave to False", id,
                Map.of("name", "from " + name + " to Renamed", "slug", "from " + slug + " to " + newSlug));
        assertEquals(List.of(), added(org, () -> api.put("/api/0/organizations/" + newSlug + "/", ts.adminToken,
                Map.of("name", "Renamed")).expect(200)), "no change, no entry");
    }

    @Test
    void teamCreateEditRemove() {
        World w = world();
        List<Map<String, Object>> create = added(w.org, () -> api.post(w.orgPath() + "teams/", w.token,
                Map.of("slug", "crew")).expect(201));
        long teamId = ts.store().state().teamBySlug(w.org.id(), "crew").orElseThrow().id();
        long memberId = ts.store().state().member(w.org.id(), w.owner.id()).orElseThrow().id();
        assertEquals(2, create.size());
        assertRow(create.get(0), "member.join-team", "joined team crew", memberId, Map.of());
        assertRow(create.get(1), "team.create", "created team crew", teamId,
                Map.of("id", teamId, "slug", "crew", "name", "crew"));
        Map<String, Object> byStranger = only(w.org, () -> api.post(w.orgPath() + "teams/", ts.adminToken,
                Map.of("slug", "ops")).expect(201));
        assertEquals("created team ops", byStranger.get("note"));

        assertRow(only(w.org, () -> api.put("/api/0/teams/" + w.org.slug() + "/crew/", w.token,
                Map.of("name", "Crew Two")).expect(200)), "team.edit", "edited team crew", teamId,
                Map.of("id", teamId, "slug", "crew", "name", "Crew Two"));
        assertRow(only(w.org, () -> api.delete("/api/0/teams/" + w.org.slug() + "/crew/", w.token).expect(204)),
                "team.remove", "removed team crew", teamId, Map.of("id", teamId, "slug", "crew", "name", "Crew Two"));
    }

    @Test
    void projectCreateEditRemoveAndTeams() {
        World w = world();
        String teamPath = "/api/0/teams/" + w.org.slug() + "/" + w.team.slug() + "/projects/";
        Map<String, Object> create = only(w.org, () -> api.post(teamPath, w.token,
                Map.of("name", "Web", "slug", "web")).expect(201)); // its Default key writes none
        long id = ts.store().state().projectBySlug(w.org.id(), "web").orElseThrow().id();
        assertRow(create, "project.create", "created project web", id, Map.of("id", id, "slug", "web", "name", "Web"));

        String p = "/api/0/projects/" + w.org.slug() + "/web/";
        assertRow(only(w.org, () -> api.put(p, w.token, Map.of("name", "Web App", "platform", "python")).expect(200)),
                "project.edit", "edited project settings in new_project to Web App in id to " + id
                        + " in slug to web in name to Web App in status to 0 in public to False", id,
                Map.of("id", id, "slug", "web", "name", "Web App"));
        Map<String, Object> rename = only(w.org, () -> api.put(p, w.token, Map.of("slug", "site")).expect(200));
        assertRow(rename, "project.edit", "renamed project slug from web to site", id,
                Map.of("new_slug", "site", "old_slug", "web", "id", id, "slug", "site", "name", "Web App"));
        assertEquals(List.of("new_slug", "old_slug", "id", "slug", "name"),
                List.copyOf(((Map<?, ?>) rename.get("data")).keySet()));

        Team other = ts.seed().team(w.org, unique("t2"));
        String teams = "/api/0/projects/" + w.org.slug() + "/site/teams/" + other.slug() + "/";
        assertRow(only(w.org, () -> api.post(teams, w.token, null).expect(201)), "project-team.add",
                "added team " + other.slug() + " to project site", id, Map.of());
        assertRow(only(w.org, () -> api.delete(teams, w.token).expect(200)), "project-team.remove",
                "removed team " + other.slug() + " from project site", id, Map.of());
        assertRow(only(w.org, () -> api.delete("/api/0/projects/" + w.org.slug() + "/site/", w.token).expect(204)),
                "project.remove", "removed project site", id, Map.of("id", id, "slug", "site", "name", "Web App"));
    }

    @Test
    void memberAddEditTeamsRemove() {
        World w = world();
        String email = unique("new") + "@x.io";
        Map<String, Object> add = only(w.org, () -> api.post(w.orgPath() + "members/", w.token,
                Map.of("email", email, "orgRole", "member")).expect(201));
        long memberId = ts.store().state().member(w.org.id(),
                ts.store().state().userByEmail(email).orElseThrow().id()).orElseThrow().id();
        assertRow(add, "member.add", "add member " + email, memberId, Map.of());

        String m = w.orgPath() + "members/" + memberId + "/";
        List<Map<String, Object>> edit = added(w.org, () -> api.put(m, w.token, Map.of("orgRole", "admin",
                "teamRoles", List.of(Map.of("teamSlug", w.team.slug())))).expect(200));
        assertEquals(2, edit.size(), () -> "rows " + edit);
        assertRow(edit.get(0), "member.join-team", "added " + email + " to team " + w.team.slug(), memberId, Map.of());
        assertRow(edit.get(1), "member.edit", "edited member " + email + " (role: admin, teams: " + w.team.slug() + ")",
                memberId, Map.of());

        String teamPath = m + "teams/" + w.team.slug() + "/";
        assertRow(only(w.org, () -> api.delete(teamPath, w.token).expect(200)), "member.leave-team",
                "removed " + email + " from team " + w.team.slug(), memberId, Map.of());
        assertRow(only(w.org, () -> api.post(teamPath, w.token, null).expect(201)), "member.join-team",
                "added " + email + " to team " + w.team.slug(), memberId, Map.of());
        assertRow(only(w.org, () -> api.delete(m, w.token).expect(204)), "member.remove", "removed member " + email,
                memberId, Map.of());

        // Oneself: the self forms of the notes.
        String selfEmail = unique("self") + "@x.io";
        String selfToken = ts.seed().memberToken(w.org, selfEmail, OrgRole.MEMBER);
        long self = ts.store().state().member(w.org.id(), ts.store().state().userByEmail(selfEmail).orElseThrow().id())
                .orElseThrow().id();
        assertEquals("joined team " + w.team.slug(), only(w.org, () -> api.post(w.orgPath() + "members/me/teams/"
                + w.team.slug() + "/", ts.seed().token(ts.store().state().userByEmail(selfEmail).orElseThrow(),
                Scope.ORG_READ), null).expect(201)).get("note"));
        assertEquals("left team " + w.team.slug(), only(w.org, () -> api.delete(w.orgPath() + "members/me/teams/"
                + w.team.slug() + "/", selfToken).expect(200)).get("note"));
        assertEquals("left the organization", only(w.org, () -> api.delete(w.orgPath() + "members/" + self + "/",
                selfToken).expect(204)).get("note"));
    }

    @Test
    void projectKeyCreateEditRemove() {
        World w = world();
        String keys = "/api/0/projects/" + w.org.slug() + "/" + w.project.slug() + "/keys/";
        String[] pk = new String[1];
        Map<String, Object> create = only(w.org, () -> pk[0] = (String) api.post(keys, w.token, Map.of("name", "K"))
                .expect(201).obj().get("id"));
        long id = ts.store().state().key(w.project.id(), pk[0]).orElseThrow().id();
        assertRow(create, "projectkey.create", "added project key " + pk[0], id, Map.of());
        assertRow(only(w.org, () -> api.put(keys + pk[0] + "/", w.token, Map.of("isActive", false)).expect(200)),
                "projectkey.edit", "edited project key " + pk[0], id, Map.of());
        assertRow(only(w.org, () -> api.put(keys + pk[0] + "/", w.token,
                Map.of("rateLimit", Map.of("count", 1, "window", 60))).expect(200)), "projectkey.edit",
                "edited project key " + pk[0] + ": rate limit count from None to 1, rate limit window from None to 60",
                id, Map.of());
        assertRow(only(w.org, () -> api.delete(keys + pk[0] + "/", w.token).expect(204)), "projectkey.remove",
                "removed project key " + pk[0], id, Map.of());
    }

    @Test
    void failedActionsAndPersonalTokensWriteNothing() {
        World w = world();
        assertEquals(List.of(), added(w.org, () -> {
            api.post(w.orgPath() + "teams/", w.token, Map.of("slug", w.team.slug())).expect(409);
            api.put("/api/0/teams/" + w.org.slug() + "/" + w.team.slug() + "/", w.token,
                    Map.of("slug", "no spaces")).expect(400);
            api.put("/api/0/projects/" + w.org.slug() + "/" + w.project.slug() + "/keys/nope/", w.token,
                    Map.of("name", "x")).expect(404);
            api.post(w.orgPath() + "members/", w.token, Map.of("email", w.owner.email())).expect(409);
            api.delete(w.orgPath() + "members/" + ts.store().state().member(w.org.id(), w.owner.id()).orElseThrow().id()
                    + "/", w.token).expect(403); // the only owner
            api.post("/api/0/api-tokens/", w.token, Map.of("scopes", List.of("org:read"))).expect(201);
        }));
    }
}
