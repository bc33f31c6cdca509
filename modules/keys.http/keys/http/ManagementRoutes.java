package keys.http;

import java.util.Set;

import static keys.domain.Scope.MEMBER_ADMIN;
import static keys.domain.Scope.MEMBER_WRITE;
import static keys.domain.Scope.PROJECT_ADMIN;
import static keys.domain.Scope.PROJECT_WRITE;

/** Organizations, teams, projects, members and tokens (interface.md §3). */
final class ManagementRoutes {
    private ManagementRoutes() {
    }

    static void register(Router router, Api api) {
        router.add("/api/0/organizations/", Access.ORG)
                .get(OrganizationEndpoints::list)
                .post(OrganizationEndpoints::create);
        router.add("/api/0/organizations/{org}/", Access.ORG)
                .get(OrganizationEndpoints::get)
                .put(OrganizationEndpoints::update)
                .delete(OrganizationEndpoints::delete);

        router.add("/api/0/organizations/{org}/teams/", Access.TEAM)
                .get(TeamEndpoints::list)
                .post(TeamEndpoints::create);
        router.add("/api/0/teams/{org}/{team}/", Access.TEAM)
                .get(TeamEndpoints::get)
                .put(TeamEndpoints::update)
                .delete(TeamEndpoints::delete);

        router.add("/api/0/organizations/{org}/projects/", Access.PROJECT)
                .get(ProjectEndpoints::list);
        router.add("/api/0/teams/{org}/{team}/projects/", Access.PROJECT)
                .post(ProjectEndpoints::create);
        router.add("/api/0/projects/{org}/{project}/", Access.PROJECT)
                .get(ProjectEndpoints::get)
                .put(ProjectEndpoints::update)
                .delete(ProjectEndpoints::delete);
        // Giving and taking a team both need project:write, as in Sentry.
        router.add("/api/0/projects/{org}/{project}/teams/{team}/", Access.PROJECT)
                .post(ProjectEndpoints::addTeam)
                .on("DELETE", Set.of(PROJECT_WRITE, PROJECT_ADMIN), ProjectEndpoints::removeTeam);

        router.add("/api/0/organizations/{org}/members/", Access.MEMBER)
                .get(MemberEndpoints::list)
                .post(MemberEndpoints::create);
        router.add("/api/0/organizations/{org}/members/{member_id}/", Access.MEMBER)
                .get(MemberEndpoints::get)
                .put(MemberEndpoints::update)
                .delete(MemberEndpoints::delete);
        router.add("/api/0/organizations/{org}/members/{member_id}/teams/{team}/", Access.MEMBER)
                .post(MemberEndpoints::joinTeam)
                .on("DELETE", Set.of(MEMBER_WRITE, MEMBER_ADMIN), MemberEndpoints::leaveTeam);

        router.add("/api/0/api-tokens/", Access.TOKEN)
                .get(TokenEndpoints::list)
                .post(TokenEndpoints::create);
        router.add("/api/0/api-tokens/{token_id}/", Access.TOKEN)
                .delete(TokenEndpoints::delete);
    }
}
