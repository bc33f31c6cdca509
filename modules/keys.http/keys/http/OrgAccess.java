package keys.http;

import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Project;
import keys.store.IdSet;
import keys.store.State;

/**
 * The caller inside one organization: the organization, their membership (null for a superuser
 * who is not a member) and what that lets them reach. Built by {@link #resolve}, which runs
 * Sentry's organization lookup, membership and role-capped scope checks in that order.
 */
record OrgAccess(Organization org, Member member, boolean superuser, State state) {

    /** Organization by id (all digits) or slug → 404; not a member → 403; role lacks the scope → 403. */
    static OrgAccess resolve(Call call, String idOrSlug) {
        return resolve(call, organization(call.state, idOrSlug));
    }

    /**
     * For routes under {@code /projects/{org}/{project}/}: Sentry's ProjectEndpoint looks up the
     * organization and the project (404) before membership and scopes (403), so a missing project
     * is 404 to everyone. Access to the project itself is {@link #project}'s to check.
     */
    static OrgAccess resolveForProject(Call call) {
        Organization org = organization(call.state, call.param("org"));
        findProject(call.state, org, call.param("project"));
        return resolve(call, org);
    }

    /** The same for routes under {@code /teams/{org}/{team}/}, as Sentry's TeamEndpoint. */
    static OrgAccess resolveForTeam(Call call) {
        Organization org = organization(call.state, call.param("org"));
        TeamEndpoints.find(call.state, org.id(), call.param("team"));
        return resolve(call, org);
    }

    private static OrgAccess resolve(Call call, Organization org) {
        Member member = call.state.member(org.id(), call.caller.user().id()).orElse(null);
        boolean superuser = call.caller.superuser();
        if (member == null && !superuser) {
            throw ApiException.forbidden();
        }
        if (!call.caller.hasAnyIn(member, call.scopes)) {
            throw ApiException.forbidden();
        }
        return new OrgAccess(org, member, superuser, call.state);
    }

    static Organization organization(State state, String idOrSlug) {
        if (isDigits(idOrSlug)) {
            try {
                return state.organization(Long.parseLong(idOrSlug)).orElseThrow(ApiException::notFound);
            } catch (NumberFormatException e) {
                throw ApiException.notFound();
            }
        }
        return state.organizationBySlug(idOrSlug).orElseThrow(ApiException::notFound);
    }

    /** Open membership, or a manager/owner role, reaches every project of the organization. */
    boolean hasGlobalAccess() {
        return superuser || (member != null && (org.openMembership() || member.role().hasGlobalAccess()));
    }

    /** Projects of the teams the caller is a member of. */
    IdSet teamProjects() {
        IdSet out = IdSet.EMPTY;
        if (member != null) {
            for (long teamId : member.teamIds()) {
                out = out.union(state.projectIdsOfTeam(teamId));
            }
        }
        return out;
    }

    /** Every project the caller can access. */
    IdSet accessibleProjects() {
        return hasGlobalAccess() ? state.projectIds(org.id()) : teamProjects();
    }

    boolean canAccess(Project p) {
        if (p.orgId() != org.id()) {
            return false;
        }
        if (hasGlobalAccess()) {
            return true;
        }
        if (member == null) {
            return false;
        }
        for (long teamId : p.teamIds()) {
            if (member.teamIds().contains(teamId)) {
                return true;
            }
        }
        return false;
    }

    /** A project of this organization by id or slug → 404 when absent, 403 when not accessible. */
    Project project(String idOrSlug) {
        Project p = findProject(state, org, idOrSlug);
        if (!canAccess(p)) {
            throw ApiException.forbidden();
        }
        return p;
    }

    private static Project findProject(State state, Organization org, String idOrSlug) {
        if (isDigits(idOrSlug)) {
            try {
                Project p = state.project(Long.parseLong(idOrSlug)).filter(x -> x.orgId() == org.id()).orElse(null);
                if (p != null) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // too long for an id: a slug, or nothing
            }
        }
        return state.projectBySlug(org.id(), idOrSlug).orElseThrow(ApiException::notFound);
    }

    static boolean isDigits(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
