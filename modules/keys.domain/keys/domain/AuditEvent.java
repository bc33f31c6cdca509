package keys.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The audit events keys writes, with Sentry's event ids and api names, declared in the order
 * Sentry registers them ({@code audit_log/register.py}): that order is the endpoint's
 * {@code options}. {@link #ORG_REMOVE} is listed but never written (an organization's entries go
 * with it).
 */
public enum AuditEvent {
    MEMBER_ADD(2, "member.add"),
    MEMBER_EDIT(4, "member.edit"),
    MEMBER_REMOVE(5, "member.remove"),
    MEMBER_JOIN_TEAM(6, "member.join-team"),
    MEMBER_LEAVE_TEAM(7, "member.leave-team"),
    ORG_ADD(10, "org.create"),
    ORG_EDIT(11, "org.edit"),
    ORG_REMOVE(12, "org.remove"),
    TEAM_ADD(20, "team.create"),
    TEAM_EDIT(21, "team.edit"),
    TEAM_REMOVE(22, "team.remove"),
    PROJECT_ADD(30, "project.create"),
    PROJECT_EDIT(31, "project.edit"),
    PROJECT_REMOVE(32, "project.remove"),
    PROJECTKEY_ADD(50, "projectkey.create"),
    PROJECTKEY_EDIT(51, "projectkey.edit"),
    PROJECTKEY_REMOVE(52, "projectkey.remove"),
    PROJECT_TEAM_REMOVE(180, "project-team.remove"),
    PROJECT_TEAM_ADD(181, "project-team.add");

    private static final List<String> API_NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (AuditEvent e : values()) {
            names.add(e.apiName);
        }
        API_NAMES = Collections.unmodifiableList(names);
    }

    private final int id;
    private final String apiName;

    AuditEvent(int id, String apiName) {
        this.id = id;
        this.apiName = apiName;
    }

    /** Sentry's numeric id: what is stored. */
    public int id() {
        return id;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<AuditEvent> byId(int id) {
        for (AuditEvent e : values()) {
            if (e.id == id) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public static Optional<AuditEvent> byApiName(String apiName) {
        for (AuditEvent e : values()) {
            if (e.apiName.equals(apiName)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Every api name in registration order. */
    public static List<String> apiNames() {
        return API_NAMES;
    }
}
