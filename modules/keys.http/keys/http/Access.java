package keys.http;

import java.util.Map;
import java.util.Set;

import static keys.domain.Scope.*;

import keys.domain.Scope;

/**
 * Which scopes a route needs for each method: the {@code scope_map} of the permission class
 * Sentry's own endpoint uses, copied per method. The token must hold one of them itself, whoever
 * its user is (Sentry's {@code ScopedPermission}); inside an organization its user's role caps
 * them again. A method the map does not list needs a scope no token has.
 */
enum Access {
    /** OrganizationPermission: organizations, their details, the headline key list, the projects list. */
    ORG(Map.of("GET", Set.of(ORG_READ, ORG_WRITE, ORG_ADMIN), "POST", Set.of(ORG_WRITE, ORG_ADMIN),
            "PUT", Set.of(ORG_WRITE, ORG_ADMIN), "DELETE", Set.of(ORG_ADMIN))),
    /** OrganizationTeamsPermission: OrganizationPermission plus {@code team:write}. */
    ORG_TEAMS(Map.of("GET", Set.of(ORG_READ, ORG_WRITE, ORG_ADMIN), "POST", Set.of(ORG_WRITE, ORG_ADMIN, TEAM_WRITE),
            "PUT", Set.of(ORG_WRITE, ORG_ADMIN, TEAM_WRITE), "DELETE", Set.of(ORG_ADMIN, TEAM_WRITE))),
    /** TeamPermission: one team. */
    TEAM(standard(TEAM_READ, TEAM_WRITE, TEAM_ADMIN)),
    /** ProjectPermission and TeamProjectPermission: keys of a project, projects of a team. */
    PROJECT(standard(PROJECT_READ, PROJECT_WRITE, PROJECT_ADMIN)),
    /** RelaxedProjectPermission: PUT takes {@code project:read}; the endpoint checks the fields. */
    PROJECT_DETAILS(Map.of("GET", Set.of(PROJECT_READ, PROJECT_WRITE, PROJECT_ADMIN),
            "POST", Set.of(PROJECT_WRITE, PROJECT_ADMIN), "PUT", Set.of(PROJECT_READ, PROJECT_WRITE, PROJECT_ADMIN),
            "DELETE", Set.of(PROJECT_ADMIN))),
    /** ProjectTeamsPermission: giving and taking a team both need {@code project:write}. */
    PROJECT_TEAMS(Map.of("POST", Set.of(PROJECT_WRITE, PROJECT_ADMIN), "DELETE", Set.of(PROJECT_WRITE, PROJECT_ADMIN))),
    /** MemberPermission: the member list and adding a member. */
    MEMBER(Map.of("GET", Set.of(MEMBER_READ, MEMBER_WRITE, MEMBER_ADMIN),
            "POST", Set.of(MEMBER_WRITE, MEMBER_ADMIN, MEMBER_INVITE), "PUT", Set.of(MEMBER_WRITE, MEMBER_ADMIN),
            "DELETE", Set.of(MEMBER_ADMIN))),
    /** RelaxedMemberPermission: one member; DELETE takes {@code member:read}, the endpoint compares roles. */
    MEMBER_DETAILS(Map.of("GET", Set.of(MEMBER_READ, MEMBER_WRITE, MEMBER_ADMIN),
            "POST", Set.of(MEMBER_WRITE, MEMBER_ADMIN), "PUT", Set.of(MEMBER_INVITE, MEMBER_WRITE, MEMBER_ADMIN),
            "DELETE", Set.of(MEMBER_READ, MEMBER_WRITE, MEMBER_ADMIN))),
    /** OrganizationTeamMemberPermission: a member joining or leaving a team; the endpoint says who may. */
    MEMBER_TEAMS(Map.of("GET", Set.of(ORG_READ, ORG_WRITE, ORG_ADMIN, MEMBER_READ, MEMBER_WRITE, MEMBER_ADMIN),
            "POST", Set.of(ORG_READ, ORG_WRITE, TEAM_WRITE),
            "PUT", Set.of(ORG_READ, ORG_WRITE, ORG_ADMIN, MEMBER_READ, MEMBER_WRITE, MEMBER_ADMIN, TEAM_ADMIN, TEAM_WRITE),
            "DELETE", Set.of(ORG_READ, ORG_WRITE, ORG_ADMIN, TEAM_ADMIN))),
    /** OrganizationAuditPermission: the audit log, {@code org:write} only (manager, owner, a superuser's token). */
    ORG_AUDIT(Map.of("GET", Set.of(ORG_WRITE))),
    /** Any valid token; the endpoints apply the token rules themselves. */
    TOKEN(null),
    /** No authentication at all (health, metrics). */
    PUBLIC(null);

    /** Method → scopes of which the token must hold one; null when no scope is checked here. */
    private final Map<String, Set<Scope>> scopeMap;

    Access(Map<String, Set<Scope>> scopeMap) {
        this.scopeMap = scopeMap;
    }

    private static Map<String, Set<Scope>> standard(Scope read, Scope write, Scope admin) {
        return Map.of("GET", Set.of(read, write, admin), "POST", Set.of(write, admin), "PUT", Set.of(write, admin),
                "DELETE", Set.of(admin));
    }

    /** Scopes of which the token must hold one for this method; empty means none needed. */
    Set<Scope> scopesFor(String method) {
        if (scopeMap == null) {
            return Set.of();
        }
        Set<Scope> s = scopeMap.get("HEAD".equals(method) || "OPTIONS".equals(method) ? "GET" : method);
        return s == null ? Set.of() : s;
    }

    /**
     * Whether Sentry's permission class lists the method at all. Its scope check reads
     * {@code scope_map.get(method, [])}: a method it does not list (PATCH, say) needs a scope no
     * token has, so it is 403 before any 405. Routes open to any token have no such map.
     */
    boolean mapsMethod(String method) {
        return scopeMap == null || !scopesFor(method).isEmpty();
    }

    boolean authenticated() {
        return this != PUBLIC;
    }
}
