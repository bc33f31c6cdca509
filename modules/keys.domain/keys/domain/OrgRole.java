package keys.domain;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static keys.domain.Scope.*;

/** A member's role in an organization and the scopes it carries; a token never exceeds them. */
public enum OrgRole {
    MEMBER("member", false, EnumSet.of(ORG_READ, PROJECT_READ, TEAM_READ, MEMBER_READ,
            EVENT_READ, ALERTS_READ, PROJECT_RELEASES)),
    ADMIN("admin", false, with(MEMBER, PROJECT_WRITE, PROJECT_ADMIN, TEAM_WRITE, TEAM_ADMIN,
            EVENT_WRITE, EVENT_ADMIN, ALERTS_WRITE, ORG_INTEGRATIONS)),
    MANAGER("manager", true, with(ADMIN, MEMBER_WRITE, MEMBER_ADMIN, MEMBER_INVITE, ORG_WRITE,
            PROJECT_DISTRIBUTION)),
    OWNER("owner", true, with(MANAGER, ORG_ADMIN));

    private final String wire;
    private final boolean globalAccess;
    private final Set<Scope> scopes;

    OrgRole(String wire, boolean globalAccess, Set<Scope> scopes) {
        this.wire = wire;
        this.globalAccess = globalAccess;
        this.scopes = Scope.setOf(scopes);
    }

    private static Set<Scope> with(OrgRole base, Scope... more) {
        EnumSet<Scope> s = EnumSet.copyOf(base.scopes);
        s.addAll(java.util.List.of(more));
        return s;
    }

    public String wire() {
        return wire;
    }

    /** Managers and owners reach every project of the organization, whatever their teams. */
    public boolean hasGlobalAccess() {
        return globalAccess;
    }

    public Set<Scope> scopes() {
        return scopes;
    }

    public static Optional<OrgRole> parse(String wire) {
        for (OrgRole r : values()) {
            if (r.wire.equals(wire)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
