package keys.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import keys.domain.UseCase;

/**
 * Who may see and change which client keys, written down from the spec alone (interface.md §3,
 * sentry-compat.md §1.1–1.4, §5, §6) and not from the server's code: role → scopes, token scopes
 * capped by the role, open membership or manager/owner = global access, team membership, and the
 * superuser who sees everything including keys of other use cases. {@link IsolationPropertyTest}
 * asks it what each request must answer.
 */
final class IsolationModel {
    static final String NO_CREDENTIALS = "Authentication credentials were not provided.";
    static final String INVALID_TOKEN = "Invalid token";
    static final String FORBIDDEN = "You do not have permission to perform this action.";
    static final String NOT_FOUND = "The requested resource does not exist";
    static final String TEAM_NOT_FOUND = "Team not found";
    static final String BAD_PROJECT = "Invalid project parameter. Values must be numbers.";

    static final Map<String, Set<String>> ROLE_SCOPES = SpecRoles.SCOPES;
    static final List<String> ROLES = SpecRoles.ROLES;

    /** The token scope each method needs, one of (sentry-compat.md §1.1, §5). */
    static final Set<String> ORG_READ = SpecScopes.ORGANIZATION.get("GET");
    static final Set<String> PROJECT_READ = SpecScopes.PROJECT.get("GET");
    static final Set<String> PROJECT_WRITE = SpecScopes.PROJECT.get("POST");
    static final Set<String> PROJECT_ADMIN = SpecScopes.PROJECT.get("DELETE");

    static final class Org {
        final long id;
        final String slug;
        final boolean open;
        final List<Team> teams = new ArrayList<>();
        final List<Project> projects = new ArrayList<>();
        /** user id → membership. */
        final Map<Long, Membership> members = new HashMap<>();

        Org(long id, String slug, boolean open) {
            this.id = id;
            this.slug = slug;
            this.open = open;
        }
    }

    record Team(long id, String slug, long orgId) {
    }

    record Project(long id, String slug, Org org, Set<Long> teamIds) {
        @Override
        public String toString() {
            return slug + "#" + id;
        }
    }

    static final class Key {
        final long id;
        final Project project;
        final String publicKey;
        final String secretKey;
        final UseCase useCase;
        String label;
        boolean active;
        boolean deleted;

        Key(long id, Project project, String publicKey, String secretKey, UseCase useCase, String label, boolean active) {
            this.id = id;
            this.project = project;
            this.publicKey = publicKey;
            this.secretKey = secretKey;
            this.useCase = useCase;
            this.label = label;
            this.active = active;
        }

        @Override
        public String toString() {
            return "key#" + id + "(" + project + ", " + useCase.wire() + (active ? "" : ", inactive")
                    + (deleted ? ", deleted" : "") + ")";
        }
    }

    record Membership(String role, Set<Long> teamIds) {
    }

    /**
     * Someone calling: {@code token} null sends none; {@code userId} 0 means the token is unknown to
     * the server. {@code scopes} are the token's own.
     */
    record Caller(String name, String token, long userId, boolean superuser, Set<String> scopes) {
        boolean valid() {
            return token != null && userId != 0;
        }

        @Override
        public String toString() {
            return name + scopes;
        }
    }

    /** What a request must answer: the status, the error's detail, and the keys or projects listed. */
    record Expected(int status, String detail, List<Key> keys, List<Project> projects) {
        static Expected error(int status, String detail) {
            return new Expected(status, detail, List.of(), List.of());
        }

        static Expected keys(int status, List<Key> keys) {
            return new Expected(status, null, keys, List.of());
        }

        static Expected projects(List<Project> projects) {
            return new Expected(200, null, List.of(), projects);
        }

        boolean ok() {
            return status / 100 == 2;
        }
    }

    final List<Org> orgs = new ArrayList<>();
    final List<Project> projects = new ArrayList<>();
    final List<Team> teams = new ArrayList<>();
    /** Every key ever made, deleted ones included (their secrets must not come back either). */
    final List<Key> keys = new ArrayList<>();
    final List<Caller> callers = new ArrayList<>();

    // ---- rights -------------------------------------------------------------------------------

    /**
     * Authentication, the token's own scope, the organization, membership and the role-capped
     * scope, in Sentry's order; null when all pass.
     */
    Expected gate(Caller c, Org o, Set<String> anyOf) {
        Expected found = found(c, o, anyOf);
        return found != null ? found : membership(c, o, anyOf);
    }

    /** Authentication, the token's own scope, then the organization's lookup. */
    Expected found(Caller c, Org o, Set<String> anyOf) {
        if (c.token() == null) {
            return Expected.error(401, NO_CREDENTIALS);
        }
        if (!c.valid()) {
            return Expected.error(401, INVALID_TOKEN);
        }
        if (!intersects(c.scopes(), anyOf)) { // the token's own scopes, superuser or not
            return Expected.error(403, FORBIDDEN);
        }
        return o == null ? Expected.error(404, NOT_FOUND) : null;
    }

    /** Membership and the role-capped scope. */
    Expected membership(Caller c, Org o, Set<String> anyOf) {
        if (c.superuser()) {
            return null;
        }
        Membership m = o.members.get(c.userId());
        if (m == null) {
            return Expected.error(403, FORBIDDEN);
        }
        Set<String> capped = new LinkedHashSet<>(c.scopes());
        capped.retainAll(ROLE_SCOPES.get(m.role()));
        return intersects(capped, anyOf) ? null : Expected.error(403, FORBIDDEN);
    }

    boolean globalAccess(Caller c, Org o) {
        if (c.superuser()) {
            return true;
        }
        Membership m = o.members.get(c.userId());
        return m != null && (o.open || m.role().equals("manager") || m.role().equals("owner"));
    }

    boolean canAccess(Caller c, Project p) {
        if (globalAccess(c, p.org())) {
            return true;
        }
        Membership m = p.org().members.get(c.userId());
        return m != null && intersects(m.teamIds(), p.teamIds());
    }

    List<Project> accessible(Caller c, Org o) {
        return o.projects.stream().filter(p -> canAccess(c, p)).toList();
    }

    /** The projects of the teams the caller is in, whatever the organization's openness. */
    List<Project> teamProjects(Caller c, Org o) {
        Membership m = o.members.get(c.userId());
        return m == null ? List.of() : o.projects.stream().filter(p -> intersects(m.teamIds(), p.teamIds())).toList();
    }

    /** Live keys of the projects the caller may see (use case {@code user} unless superuser), newest first. */
    List<Key> visibleKeys(Caller c, Set<Project> of, String status) {
        boolean all = status == null || status.isEmpty();
        if (!all && !status.equals("active") && !status.equals("inactive")) {
            return List.of();
        }
        return keys.stream()
                .filter(k -> !k.deleted && of.contains(k.project))
                .filter(k -> c.superuser() || k.useCase == UseCase.USER)
                .filter(k -> all || k.active == status.equals("active"))
                .sorted(Comparator.comparingLong((Key k) -> k.id).reversed())
                .toList();
    }

    // ---- what each endpoint must answer --------------------------------------------------------

    /** {@code GET /organizations/{org}/project-keys/}: §1.1 order, §1.2 projects, §1.3 team, §1.4 status. */
    Expected orgKeys(Caller c, String orgRef, List<String> ids, List<String> slugs, String team, String status) {
        Org o = org(orgRef);
        Expected gate = gate(c, o, ORG_READ);
        if (gate != null) {
            return gate;
        }
        Set<String> idSet = new LinkedHashSet<>();
        for (String v : ids) {
            if (!v.isEmpty() && !v.matches("-?[0-9]+")) {
                return Expected.error(400, BAD_PROJECT);
            }
            if (!v.isEmpty()) {
                idSet.add(v);
            }
        }
        Set<String> slugSet = new LinkedHashSet<>(slugs);
        slugSet.remove("");
        Set<Project> chosen = new LinkedHashSet<>();
        if (!slugSet.isEmpty() || !idSet.isEmpty()) {
            boolean bySlug = !slugSet.isEmpty();
            Set<String> asked = bySlug ? slugSet : idSet;
            if (asked.equals(Set.of(bySlug ? "$all" : "-1"))) {
                chosen.addAll(accessible(c, o));
            } else {
                for (String ref : asked) {
                    Project p = bySlug ? project(o, ref) : digits(ref) ? project(o, ref) : null;
                    if (p == null || (bySlug && !p.slug().equals(ref)) || !canAccess(c, p)) {
                        return Expected.error(403, FORBIDDEN);
                    }
                    chosen.add(p);
                }
            }
        } else {
            chosen.addAll(c.superuser() ? o.projects : teamProjects(c, o));
        }
        if (team != null && !team.isEmpty()) {
            Team t = team(o, team);
            if (t == null) {
                return Expected.error(404, TEAM_NOT_FOUND);
            }
            chosen.removeIf(p -> !p.teamIds().contains(t.id()));
        }
        return Expected.keys(200, visibleKeys(c, chosen, status));
    }

    /**
     * Sentry's ProjectEndpoint: the organization and the project are looked up first (another
     * organization's project is absent: 404), then membership and scopes, then access (403).
     */
    Object project(Caller c, String orgRef, String projectRef, Set<String> anyOf) {
        Org o = org(orgRef);
        Expected found = found(c, o, anyOf);
        if (found != null) {
            return found;
        }
        Project p = project(o, projectRef);
        if (p == null) {
            return Expected.error(404, NOT_FOUND);
        }
        Expected member = membership(c, o, anyOf);
        if (member != null) {
            return member;
        }
        return canAccess(c, p) ? p : Expected.error(403, FORBIDDEN);
    }

    /** {@code GET …/keys/} (sentry-compat.md §5). */
    Expected projectKeys(Caller c, String orgRef, String projectRef, String status) {
        Object found = project(c, orgRef, projectRef, PROJECT_READ);
        return found instanceof Project p ? Expected.keys(200, visibleKeys(c, Set.of(p), status)) : (Expected) found;
    }

    /** {@code GET, PUT, DELETE …/keys/{key_id}/}: a key of another use case is absent for non-superusers. */
    Expected keyDetail(Caller c, String orgRef, String projectRef, String publicKey, Set<String> anyOf, int ok) {
        Object found = project(c, orgRef, projectRef, anyOf);
        if (!(found instanceof Project p)) {
            return (Expected) found;
        }
        Key k = key(p, publicKey);
        if (k == null || (!c.superuser() && k.useCase != UseCase.USER)) {
            return Expected.error(404, NOT_FOUND);
        }
        return Expected.keys(ok, ok == 204 ? List.of() : List.of(k));
    }

    /** {@code POST …/keys/} and {@code GET /projects/{org}/{project}/}: the project's checks, nothing more. */
    Expected onProject(Caller c, String orgRef, String projectRef, Set<String> anyOf, int ok) {
        Object found = project(c, orgRef, projectRef, anyOf);
        return found instanceof Project p ? new Expected(ok, null, List.of(), List.of(p)) : (Expected) found;
    }

    /** {@code GET /organizations/{org}/projects/}: what the caller can access, by slug (Sentry's order_by("slug")). */
    Expected orgProjects(Caller c, String orgRef) {
        Org o = org(orgRef);
        Expected gate = gate(c, o, ORG_READ); // Sentry's OrganizationPermission, not project:read
        if (gate != null) {
            return gate;
        }
        return Expected.projects(accessible(c, o).stream()
                .sorted(Comparator.comparing(Project::slug)).toList());
    }

    // ---- lookups as the spec words them --------------------------------------------------------

    /** All digits → by id, otherwise by slug. */
    Org org(String ref) {
        for (Org o : orgs) {
            if (o.slug.equals(ref) || (digits(ref) && Long.toString(o.id).equals(ref))) {
                return o;
            }
        }
        return null;
    }

    /** A project of this organization by id or slug; another organization's project does not exist here. */
    static Project project(Org o, String ref) {
        for (Project p : o.projects) {
            if (p.slug().equals(ref) || (digits(ref) && Long.toString(p.id()).equals(ref))) {
                return p;
            }
        }
        return null;
    }

    Key key(Project p, String publicKey) {
        for (Key k : keys) {
            if (!k.deleted && k.project == p && k.publicKey.equals(publicKey)) {
                return k;
            }
        }
        return null;
    }

    static Team team(Org o, String ref) {
        for (Team t : o.teams) {
            if (digits(ref) ? Long.toString(t.id()).equals(ref) : t.slug().equals(ref)) {
                return t;
            }
        }
        return null;
    }

    static boolean digits(String s) {
        return s != null && !s.isEmpty() && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    static boolean intersects(Set<?> a, Set<?> b) {
        for (Object x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }
}
