package keys.http;

import java.util.Map;
import java.util.Set;

/**
 * The scopes each route needs, per method, written out from the {@code scope_map} of the
 * permission class Sentry's own endpoint uses (interface.md §3: Sentry's source wins), not taken
 * from the code under test. A token must hold one of them itself, superuser or not; inside an
 * organization its role caps them again. The property-test models read them from here only.
 */
final class SpecScopes {
    private static Map<String, Set<String>> standard(String kind) {
        return Map.of("GET", Set.of(kind + ":read", kind + ":write", kind + ":admin"),
                "POST", Set.of(kind + ":write", kind + ":admin"), "PUT", Set.of(kind + ":write", kind + ":admin"),
                "DELETE", Set.of(kind + ":admin"));
    }

    /** Organizations, the headline key list, the projects list. */
    static final Map<String, Set<String>> ORGANIZATION = standard("org");
    /** The teams list and team creation: OrganizationPermission plus team:write. */
    static final Map<String, Set<String>> ORGANIZATION_TEAMS = Map.of(
            "GET", Set.of("org:read", "org:write", "org:admin"), "POST", Set.of("org:write", "org:admin", "team:write"));
    /** One team. */
    static final Map<String, Set<String>> TEAM = standard("team");
    /** Keys of a project, projects of a team (TeamProjectPermission). */
    static final Map<String, Set<String>> PROJECT = standard("project");
    /** One project: PUT lets project:read through, then refuses the settings it may not change. */
    static final Map<String, Set<String>> PROJECT_DETAILS = Map.of(
            "GET", Set.of("project:read", "project:write", "project:admin"),
            "PUT", Set.of("project:read", "project:write", "project:admin"), "DELETE", Set.of("project:admin"));
    /** The member list and adding a member. */
    static final Map<String, Set<String>> MEMBERS = Map.of(
            "GET", Set.of("member:read", "member:write", "member:admin"),
            "POST", Set.of("member:write", "member:admin", "member:invite"));
    /** One member: DELETE lets member:read through (to leave), then compares roles. */
    static final Map<String, Set<String>> MEMBER_DETAILS = Map.of(
            "GET", Set.of("member:read", "member:write", "member:admin"),
            "PUT", Set.of("member:invite", "member:write", "member:admin"),
            "DELETE", Set.of("member:read", "member:write", "member:admin"));

    private SpecScopes() {
    }
}
