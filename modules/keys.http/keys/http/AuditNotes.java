package keys.http;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import keys.domain.User;

/**
 * An entry's {@code note}, as Sentry's registered event renders it from the stored data: its
 * template through Python's {@code str.format} ({@code None}, {@code True}, lists as Python prints
 * them), or the event's own {@code render}. A template naming a key the data lacks gives
 * {@code ""}, as Sentry's serializer does on a {@code KeyError}.
 */
final class AuditNotes {
    private static final Pattern FIELD = Pattern.compile("\\{([a-z_]+)\\}");

    private AuditNotes() {
    }

    /** {@code targetUser} is the target user if it still exists, for the member display name. */
    static String render(AuditEntry e, Map<String, Object> data, User targetUser) {
        AuditEvent event = AuditEvent.byId(e.event()).orElse(null);
        if (event == null) {
            return "";
        }
        boolean self = e.targetUserId() == e.actorId(); // Sentry compares the two (possibly None) users
        try {
            return switch (event) {
                case MEMBER_ADD -> self ? "joined the organization" : "add member " + member(data, targetUser);
                case MEMBER_EDIT -> "edited member " + member(data, targetUser) + " (role: " + roleOf(data)
                        + ", teams: " + teamsOf(data) + ")";
                case MEMBER_REMOVE -> self ? "left the organization" : "removed member " + member(data, targetUser);
                case MEMBER_JOIN_TEAM -> self ? format("joined team {team_slug}", data)
                        : "added " + member(data, targetUser) + format(" to team {team_slug}", data);
                case MEMBER_LEAVE_TEAM -> self ? format("left team {team_slug}", data)
                        : "removed " + member(data, targetUser) + format(" from team {team_slug}", data);
                case ORG_ADD -> truthy(data.get("channel"))
                        ? format("created the organization with {channel} integration", data)
                        : "created the organization";
                case ORG_EDIT -> "edited the organization setting: " + joined(data, ", ", "", " ");
                case ORG_REMOVE -> "removed the organization";
                case TEAM_ADD -> format("created team {slug}", data);
                case TEAM_EDIT -> "edited team " + str(required(data, "slug"));
                case TEAM_REMOVE -> format("removed team {slug}", data);
                case PROJECT_ADD -> format("created project {slug}", data);
                case PROJECT_EDIT -> data.containsKey("old_slug")
                        ? format("renamed project slug from {old_slug} to {new_slug}", data)
                        : "edited project settings " + joined(data, " ", "in ", " to ");
                case PROJECT_REMOVE -> format("removed project {slug}", data);
                case PROJECT_TEAM_ADD -> format("added team {team_slug} to project {project_slug}", data);
                case PROJECT_TEAM_REMOVE -> format("removed team {team_slug} from project {project_slug}", data);
                case PROJECTKEY_ADD -> format("added project key {public_key}", data);
                case PROJECTKEY_EDIT -> keyEdit(data);
                case PROJECTKEY_REMOVE -> format("removed project key {public_key}", data);
            };
        } catch (MissingKey missing) {
            return "";
        }
    }

    /** ProjectKeyEditAuditLogEvent: the rate-limit changes after a colon. */
    private static String keyEdit(Map<String, Object> data) {
        StringBuilder items = new StringBuilder();
        if (data.containsKey("prev_rate_limit_count")) {
            items.append(format(" rate limit count from {prev_rate_limit_count} to {rate_limit_count}", data));
        }
        if (data.containsKey("prev_rate_limit_window")) {
            items.append(items.isEmpty() ? "" : ",")
                    .append(format(" rate limit window from {prev_rate_limit_window} to {rate_limit_window}", data));
        }
        return format("edited project key {public_key}", data) + (items.isEmpty() ? "" : ":" + items);
    }

    /** _get_member_display: the stored email, else the target user's name, else a placeholder. */
    private static String member(Map<String, Object> data, User target) {
        Object email = data.get("email");
        if (email != null) {
            return str(email);
        }
        return target != null ? target.email() : "(unknown member)";
    }

    private static String roleOf(Map<String, Object> data) {
        Object role = data.get("role");
        return truthy(role) ? str(role) : "N/A";
    }

    /**
     * The member's teams. Sentry reads {@code team_slugs} while members store {@code teams_slugs},
     * so its note always says N/A; keys names the teams (spec §0).
     */
    private static String teamsOf(Map<String, Object> data) {
        Object teams = data.containsKey("team_slugs") ? data.get("team_slugs") : data.get("teams_slugs");
        if (!(teams instanceof List<?> list)) {
            return "N/A";
        }
        StringBuilder out = new StringBuilder();
        for (Object t : list) {
            out.append(out.isEmpty() ? "" : ", ").append(str(t));
        }
        return out.toString();
    }

    /** {@code sep.join(f"{prefix}{k}{between}{v}" for k, v in data.items())}. */
    private static String joined(Map<String, Object> data, String sep, String prefix, String between) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            out.append(out.isEmpty() ? "" : sep).append(prefix).append(e.getKey()).append(between).append(str(e.getValue()));
        }
        return out.toString();
    }

    /** {@code template.format(**data)} for templates of plain {@code {name}} fields. */
    static String format(String template, Map<String, Object> data) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(str(required(data, m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Object required(Map<String, Object> data, String key) {
        if (!data.containsKey(key)) {
            throw new MissingKey();
        }
        return data.get(key);
    }

    private static String str(Object v) {
        return DrfFields.pythonStr(v);
    }

    private static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v) && !"".equals(v) && !Long.valueOf(0).equals(v)
                && !(v instanceof List<?> l && l.isEmpty()) && !(v instanceof Map<?, ?> m && m.isEmpty());
    }

    /** Python's KeyError from {@code str.format}. */
    private static final class MissingKey extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingKey() {
            super(null, null, false, false);
        }
    }
}
