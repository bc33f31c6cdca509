package keys.http;

/**
 * Organizations, teams, projects, members and tokens (interface.md §3), each under the permission
 * class Sentry's own endpoint uses (see {@link Access}).
 */
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

        router.add("/api/0/organizations/{org}/teams/", Access.ORG_TEAMS)
                .get(TeamEndpoints::list)
                .post(TeamEndpoints::create);
        router.add("/api/0/teams/{org}/{team}/", Access.TEAM)
                .get(TeamEndpoints::get)
                .put(TeamEndpoints::update)
                .delete(TeamEndpoints::delete);

        router.add("/api/0/organizations/{org}/projects/", Access.ORG)
                .get(ProjectEndpoints::list);
        router.add("/api/0/teams/{org}/{team}/projects/", Access.PROJECT)
                .post(ProjectEndpoints::create);
        router.add("/api/0/projects/{org}/{project}/", Access.PROJECT_DETAILS)
                .get(ProjectEndpoints::get)
                .put(ProjectEndpoints::update)
                .delete(ProjectEndpoints::delete);
        router.add("/api/0/projects/{org}/{project}/teams/{team}/", Access.PROJECT_TEAMS)
                .post(ProjectEndpoints::addTeam)
                .delete(ProjectEndpoints::removeTeam);

        router.add("/api/0/organizations/{org}/members/", Access.MEMBER)
                .get(MemberEndpoints::list)
                .post(MemberEndpoints::create);
        router.add("/api/0/organizations/{org}/members/{member_id}/", Access.MEMBER_DETAILS)
                .get(MemberEndpoints::get)
                .put(MemberEndpoints::update)
                .delete(MemberEndpoints::delete);
        router.add("/api/0/organizations/{org}/members/{member_id}/teams/{team}/", Access.MEMBER_TEAMS)
                .post(MemberEndpoints::joinTeam)
                .delete(MemberEndpoints::leaveTeam);

        router.add("/api/0/api-tokens/", Access.TOKEN)
                .get(TokenEndpoints::list)
                .post(TokenEndpoints::create);
        router.add("/api/0/api-tokens/{token_id}/", Access.TOKEN)
                .delete(TokenEndpoints::delete);
    }
}
