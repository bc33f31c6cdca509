package keys.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Sentry's token scopes. Every scope Sentry knows can be held by a token; only the
 * {@code org}, {@code project}, {@code team} and {@code member} ones open routes here.
 */
public enum Scope {
    ORG_READ("org:read"), ORG_WRITE("org:write"), ORG_ADMIN("org:admin"), ORG_INTEGRATIONS("org:integrations"),
    PROJECT_READ("project:read"), PROJECT_WRITE("project:write"), PROJECT_ADMIN("project:admin"),
    PROJECT_RELEASES("project:releases"), PROJECT_DISTRIBUTION("project:distribution"),
    TEAM_READ("team:read"), TEAM_WRITE("team:write"), TEAM_ADMIN("team:admin"),
    MEMBER_READ("member:read"), MEMBER_WRITE("member:write"), MEMBER_ADMIN("member:admin"), MEMBER_INVITE("member:invite"),
    EVENT_READ("event:read"), EVENT_WRITE("event:write"), EVENT_ADMIN("event:admin"),
    ALERTS_READ("alerts:read"), ALERTS_WRITE("alerts:write");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    /** The name Sentry uses, e.g. {@code org:read}. */
    public String wire() {
        return wire;
    }

    public static Optional<Scope> parse(String wire) {
        for (Scope s : values()) {
            if (s.wire.equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** An unmodifiable, ordered copy. */
    public static Set<Scope> setOf(Collection<Scope> scopes) {
        EnumSet<Scope> set = EnumSet.noneOf(Scope.class);
        if (scopes != null) {
            set.addAll(scopes);
        }
        return Collections.unmodifiableSet(set);
    }

    public static Set<Scope> all() {
        return setOf(EnumSet.allOf(Scope.class));
    }
}
