package keys.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import keys.domain.ClientKey;
import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.store.State;

/**
 * The data Sentry stores with each audit entry, key for key in its order: the models'
 * {@code get_audit_log_data()} and the few dicts endpoints build by hand. Ordered maps, so that
 * notes and the export read them as Sentry wrote them.
 */
final class AuditData {
    private AuditData() {
    }

    /** An ordered map of alternating keys and values. */
    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** {@code Organization.get_audit_log_data}: flags hold allow_joinleave (bit 0). */
    static Map<String, Object> organization(Organization o) {
        return of("id", o.id(), "slug", o.slug(), "name", o.name(), "status", 0L,
                "flags", o.openMembership() ? 1L : 0L, "default_role", "member");
    }

    /**
     * The changed settings of an organization PUT as Sentry records them: options by their API
     * name first, then name and slug {@code "from A to B"}, then flags {@code "to True"}.
     */
    static Map<String, Object> organizationChanges(Organization before, Organization after) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!java.util.Objects.equals(before.relayDsnEndpoint(), after.relayDsnEndpoint())) {
            out.put("relayDsnEndpoint", fromTo(before.relayDsnEndpoint(), after.relayDsnEndpoint()));
        }
        if (!before.name().equals(after.name())) {
            out.put("name", fromTo(before.name(), after.name()));
        }
        if (!before.slug().equals(after.slug())) {
            out.put("slug", fromTo(before.slug(), after.slug()));
        }
        if (before.openMembership() != after.openMembership()) {
            out.put("allow_joinleave", "to " + DrfFields.pythonStr(after.openMembership()));
        }
        return out;
    }

    private static String fromTo(Object from, Object to) {
        return "from " + DrfFields.pythonStr(from) + " to " + DrfFields.pythonStr(to);
    }

    /** {@code Team.get_audit_log_data}. */
    static Map<String, Object> team(Team t) {
        return of("id", t.id(), "slug", t.slug(), "name", t.name(), "status", 0L);
    }

    /** {@code Project.get_audit_log_data}: keys' projects are active and never public. */
    static Map<String, Object> project(Project p) {
        return of("id", p.id(), "slug", p.slug(), "name", p.name(), "status", 0L, "public", false);
    }

    /**
     * A project PUT's data as Sentry's {@code project_details} builds it: {@code new_slug} and
     * {@code old_slug} whenever a slug was sent, {@code new_project} whenever a name was, then the
     * project's own data.
     */
    static Map<String, Object> projectEdit(Project after, String sentSlug, String sentName, String oldSlug) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (sentSlug != null && !sentSlug.isEmpty()) {
            out.put("new_slug", after.slug());
            out.put("old_slug", oldSlug);
        }
        if (sentName != null && !sentName.isEmpty()) {
            out.put("new_project", after.name());
        }
        out.putAll(project(after));
        return out;
    }

    /** {@code OrganizationMember.get_audit_log_data}; keys adds members directly, so always approved. */
    static Map<String, Object> member(Member m, Organization org, State s) {
        return member(m, org, s, email(s, m.userId()));
    }

    /** As {@link #member(Member, Organization, State)} for a member whose user this write creates. */
    static Map<String, Object> member(Member m, Organization org, State s, String email) {
        List<Object> ids = new ArrayList<>();
        List<Object> slugs = new ArrayList<>();
        for (long teamId : m.teamIds()) {
            s.team(teamId).ifPresent(t -> {
                ids.add(t.id());
                slugs.add(t.slug());
            });
        }
        return of("email", email, "user", m.userId(), "teams", ids, "teams_slugs", slugs,
                "has_global_access", org.openMembership() || m.role().hasGlobalAccess(), "role", m.role().wire(),
                "invite_status", "approved");
    }

    /** The hand-built dict of a member joining or leaving a team as part of another change. */
    static Map<String, Object> memberTeam(Member m, Team t, State s) {
        return of("email", email(s, m.userId()), "team_slug", t.slug());
    }

    /** {@code OrganizationMemberTeam.get_audit_log_data}. */
    static Map<String, Object> memberTeamDetails(Member m, Team t, State s) {
        return of("team_slug", t.slug(), "member_id", m.id(), "email", email(s, m.userId()), "is_active", true);
    }

    static Map<String, Object> projectTeam(Team t, Project p) {
        return of("team_slug", t.slug(), "project_slug", p.slug());
    }

    /** {@code ProjectKey.get_audit_log_data}: roles are {@code store} (bit 0), status 0 active, 1 inactive. */
    static Map<String, Object> key(ClientKey k) {
        return of("label", k.label(), "public_key", k.publicKey(), "secret_key", k.secretKey(), "roles", 1L,
                "status", k.active() ? 0L : 1L, "rate_limit_count", rateLimitCount(k),
                "rate_limit_window", rateLimitWindow(k));
    }

    /** The key's data after a PUT, with the previous rate limit where it changed (Sentry's PUT). */
    static Map<String, Object> keyEdit(ClientKey before, ClientKey after) {
        Map<String, Object> data = key(after);
        if (!java.util.Objects.equals(rateLimitCount(before), rateLimitCount(after))) {
            data.put("prev_rate_limit_count", rateLimitCount(before));
        }
        if (!java.util.Objects.equals(rateLimitWindow(before), rateLimitWindow(after))) {
            data.put("prev_rate_limit_window", rateLimitWindow(before));
        }
        return data;
    }

    private static Long rateLimitCount(ClientKey k) {
        return k.hasRateLimit() ? (long) k.rateLimitCount() : null;
    }

    private static Long rateLimitWindow(ClientKey k) {
        return k.hasRateLimit() ? (long) k.rateLimitWindow() : null;
    }

    private static String email(State s, long userId) {
        return s.user(userId).map(u -> u.email()).orElse(null);
    }
}
