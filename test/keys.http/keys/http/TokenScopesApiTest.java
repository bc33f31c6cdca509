package keys.http;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Scope;
import keys.domain.User;

import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A token's own scopes decide what it may do, whoever its user is (Sentry's ScopedPermission): a
 * superuser reaches every organization, never with more scopes than its token holds. And each
 * route asks for the scopes of the permission class Sentry's endpoint uses.
 */
class TokenScopesApiTest extends ApiTestBase {

    private static String superuserToken(Scope... scopes) {
        return ts.seed().token(ts.seed().user(unique("root") + "@x.io", true), scopes);
    }

    /** An organization with team {@code core} and its project {@code app}. */
    private static Organization orgWithCoreAndApp(String prefix) {
        Organization org = ts.seed().org(unique(prefix));
        ts.seed().project(org, "app", ts.seed().team(org, "core"));
        return org;
    }

    @Test
    void aSuperusersReadOnlyTokenOnlyReads() {
        Organization org = orgWithCoreAndApp("s");
        String read = superuserToken(Scope.ORG_READ);
        String base = "/api/0/organizations/" + org.slug() + "/";
        assertEquals(List.of("org:read"), api.get(base, read).expect(200).obj().get("access"),
                "its access is its token's, not every scope");
        api.get(base + "project-keys/", read).expect(200);
        api.post("/api/0/projects/" + org.slug() + "/app/keys/", read, Map.of("name", "k")).expect(403);
        api.delete("/api/0/teams/" + org.slug() + "/core/", read).expect(403);
        api.post("/api/0/organizations/", read, Map.of("name", "Nope")).expect(403);
        api.post("/api/0/api-tokens/", read, Map.of("scopes", List.of("org:admin"))).expect(400);
        api.post("/api/0/api-tokens/", read, Map.of("scopes", List.of("org:read"), "user", unique("u") + "@x.io"))
                .expect(403);
        api.delete(base, read).expect(403);
        api.get("/api/0/teams/" + org.slug() + "/core/", read).expect(403);
    }

    @Test
    void aSuperusersTokenWithoutScopesIsRefusedBeforeAnyLookup() {
        String none = superuserToken();
        api.get("/api/0/organizations/" + unique("missing") + "/", none).expect(403);
        api.get("/api/0/organizations/" + unique("missing") + "/project-keys/", none).expect(403);
        api.get("/api/0/organizations/", none).expect(403);
    }

    @Test
    void superuserOnlyActionsNeedTheScopeToo() {
        String write = superuserToken(Scope.ORG_WRITE);
        String slug = unique("made");
        api.post("/api/0/organizations/", write, Map.of("name", "Made", "slug", slug)).expect(201);
        User plain = ts.seed().user(unique("p") + "@x.io");
        api.post("/api/0/organizations/", ts.seed().token(plain, Scope.values()), Map.of("name", "No")).expect(403);
    }

    /** Sentry's OrganizationTeamsPermission and OrganizationPermission: org:read lists teams and projects. */
    @Test
    void orgReadListsTeamsAndProjectsAndTeamWriteCreatesTeams() {
        Organization org = orgWithCoreAndApp("l");
        String base = "/api/0/organizations/" + org.slug() + "/";
        User reader = ts.seed().user(unique("r") + "@x.io");
        ts.seed().member(org, reader, OrgRole.MEMBER);
        String memberOrgRead = ts.seed().token(reader, Scope.ORG_READ);
        assertEquals(List.of("core"), api.get(base + "teams/", memberOrgRead).expect(200).slugs());
        assertEquals(List.of("app"), api.get(base + "projects/", memberOrgRead).expect(200).slugs());
        User admin = ts.seed().user(unique("a") + "@x.io");
        ts.seed().member(org, admin, OrgRole.ADMIN);
        String projectRead = ts.seed().token(admin, Scope.PROJECT_READ, Scope.TEAM_READ);
        api.get(base + "teams/", projectRead).expect(403);
        api.get(base + "projects/", projectRead).expect(403);
        api.post(base + "teams/", memberOrgRead, Map.of("slug", "nope")).expect(403);
        api.post(base + "teams/", ts.seed().token(admin, Scope.TEAM_WRITE), Map.of("slug", "web")).expect(201);
    }

    /** Sentry's RelaxedProjectPermission: project:read may PUT, but not change the project's settings. */
    @Test
    void projectReadPutsNothingButChangesNothing() {
        Organization org = orgWithCoreAndApp("pr");
        String path = "/api/0/projects/" + org.slug() + "/app/";
        String reader = ts.seed().memberToken(org, unique("m") + "@x.io", OrgRole.MEMBER);
        assertEquals("app", api.put(path, reader, Map.of()).expect(200).obj().get("slug"));
        api.put(path, reader, Map.of("name", "Renamed")).expect(403);
        api.put(path, reader, Map.of("slug", "moved")).expect(403);
        String writer = ts.seed().memberToken(org, unique("w") + "@x.io", OrgRole.ADMIN);
        assertEquals("Renamed", api.put(path, writer, Map.of("name", "Renamed")).expect(200).obj().get("name"));
    }
}
