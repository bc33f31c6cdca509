package keys.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the management API should answer, written down independently of the server: organizations,
 * teams, projects and members as plain maps, the role table of interface.md §3, the scopes of
 * {@link SpecScopes}, and Sentry's order of checks (401 → token scope → 404 organization → 403
 * membership → 403 role-capped scope). A superuser reaches every organization, with no more
 * scopes than its token holds.
 */
final class RolesModel {
    static final List<String> ROLES = SpecRoles.ROLES;
    static final Map<String, Set<String>> ROLE_SCOPES = SpecRoles.SCOPES;

    /** Someone making requests: a user's email (null for a bad token), their token's scopes. */
    record Caller(String name, String email, boolean superuser, Set<String> tokenScopes) {
        boolean bad() {
            return email == null;
        }
    }

    static final class Org {
        boolean open = true;
        /** team slug → nothing more is needed. */
        final Set<String> teams = new TreeSet<>();
        /** project slug → its team slugs. */
        final Map<String, Set<String>> projects = new LinkedHashMap<>();
        /** email → role and teams. */
        final Map<String, Membership> members = new LinkedHashMap<>();
    }

    static final class Membership {
        String role;
        final Set<String> teams = new TreeSet<>();

        Membership(String role, Set<String> teams) {
            this.role = role;
            this.teams.addAll(teams);
        }
    }

    final Map<String, Org> orgs = new LinkedHashMap<>();
    final Set<String> users = new HashSet<>();
    final Map<String, Integer> tokenCounts = new LinkedHashMap<>();

    static int rank(String role) {
        return ROLES.indexOf(role);
    }

    static boolean holdsAny(Set<String> held, Set<String> anyOf) {
        for (String s : anyOf) {
            if (held.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** The status the dispatcher and the organization lookup give, or 0 to go on. */
    int gate(Caller c, String org, Set<String> anyOf) {
        return gate(c, org, anyOf, o -> true);
    }

    /**
     * As {@link #gate(Caller, String, Set)} for a route under a project or team: Sentry's
     * ProjectEndpoint and TeamEndpoint look that object up (404) before membership (403).
     */
    int gate(Caller c, String org, Set<String> anyOf, java.util.function.Predicate<Org> exists) {
        if (c.bad()) {
            return 401;
        }
        if (!holdsAny(c.tokenScopes(), anyOf)) {
            return 403;
        }
        Org o = orgs.get(org);
        if (o == null || !exists.test(o)) {
            return 404;
        }
        if (c.superuser()) {
            return 0;
        }
        Membership m = o.members.get(c.email());
        if (m == null || !holdsAny(effective(c, m), anyOf)) {
            return 403;
        }
        return 0;
    }

    /** What the caller holds in an organization: a superuser its token's scopes, anyone else {@link #effective}. */
    Set<String> held(Caller c, String org) {
        return c.superuser() ? c.tokenScopes() : effective(c, member(c, org));
    }

    /** Token ∩ role, as the server caps it. */
    static Set<String> effective(Caller c, Membership m) {
        if (m == null) {
            return Set.of();
        }
        Set<String> s = new TreeSet<>(c.tokenScopes());
        s.retainAll(ROLE_SCOPES.get(m.role));
        return s;
    }

    Membership member(Caller c, String org) {
        Org o = orgs.get(org);
        return o == null || c.email() == null ? null : o.members.get(c.email());
    }

    boolean globalAccess(Caller c, String org) {
        Membership m = member(c, org);
        return c.superuser() || (m != null && (orgs.get(org).open || rank(m.role) >= rank("manager")));
    }

    boolean teamAccess(Caller c, String org, String team) {
        Membership m = member(c, org);
        return globalAccess(c, org) || (m != null && m.teams.contains(team));
    }

    boolean projectAccess(Caller c, String org, String project) {
        if (globalAccess(c, org)) {
            return true;
        }
        Membership m = member(c, org);
        if (m == null) {
            return false;
        }
        for (String t : orgs.get(org).projects.get(project)) {
            if (m.teams.contains(t)) {
                return true;
            }
        }
        return false;
    }

    Set<String> visibleOrgs(Caller c) {
        Set<String> out = new TreeSet<>();
        orgs.forEach((slug, o) -> {
            if (c.superuser() || o.members.containsKey(c.email())) {
                out.add(slug);
            }
        });
        return out;
    }

    Set<String> accessibleProjects(Caller c, String org) {
        Set<String> out = new TreeSet<>();
        for (String p : orgs.get(org).projects.keySet()) {
            if (projectAccess(c, org, p)) {
                out.add(p);
            }
        }
        return out;
    }

    void deleteTeam(String org, String team) {
        Org o = orgs.get(org);
        o.teams.remove(team);
        List<String> doomed = new ArrayList<>();
        o.projects.forEach((p, teams) -> {
            if (teams.equals(Set.of(team))) {
                doomed.add(p);
            }
            teams.remove(team);
        });
        doomed.forEach(o.projects::remove);
        o.members.values().forEach(m -> m.teams.remove(team));
    }

    boolean onlyOwner(String org, String email) {
        Org o = orgs.get(org);
        if (!"owner".equals(o.members.get(email).role)) {
            return false;
        }
        return o.members.entrySet().stream()
                .noneMatch(e -> !e.getKey().equals(email) && "owner".equals(e.getValue().role));
    }
}
