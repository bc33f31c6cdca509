package keys.http;

/**
 * {@code GET /api/0/organizations/{org}/project-keys/}: the keys of the organization's projects,
 * newest first (sentry-compat.md §1). The dispatcher has done the rate limit, authentication and
 * token scope; here come the organization, membership, projects, team, then paging, in that order.
 */
final class OrgKeysEndpoint {
    static final String PATH = "/api/0/organizations/{org}/project-keys/";
    static final int DEFAULT_PER_PAGE = 10;

    private final KeyJson json;

    OrgKeysEndpoint(KeyJson json) {
        this.json = json;
    }

    Response list(Call call) {
        OrgAccess access = OrgAccess.resolve(call, call.param("org"));
        ProjectSelection.Chosen chosen = ProjectSelection.select(access, call.query());
        return KeyPages.respond(call, json, access.org(), chosen.projects(), chosen.teamId(), DEFAULT_PER_PAGE);
    }
}
