package keys.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import keys.domain.AuditEvent;
import keys.domain.Member;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.User;
import keys.json.JsonWriter;
import keys.store.Change;
import keys.store.State;
import keys.store.Tx;

/**
 * Members of an organization and their teams. Roles rank owner > manager > admin > member; a
 * caller gives no one a role above their own and changes or removes no one above them, and no
 * one changes their own role; the only owner is neither removed nor demoted. Superusers are bound
 * only by the last two rules. Changes of role are checked inside the write, against the latest
 * state; the role a new member gets is checked against the caller's role when the request came.
 */
final class MemberEndpoints {
    /** Sentry's limit on an invited address. */
    static final int MAX_EMAIL = 75;
    static final List<String> ROLES = List.of("member", "admin", "manager", "owner");
    static final String ROLE_NOT_ALLOWED = "You do not have permission to set that org-level role";
    static final String ONLY_OWNER = "You cannot remove the only remaining owner of the organization.";
    static final String ONLY_OWNER_DEMOTED = "You cannot demote the only remaining owner of the organization.";

    private MemberEndpoints() {
    }

    static Response list(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        State s = call.state;
        // Sentry: order_by("id") and its OffsetPaginator.
        return ManagementLists.byOffset(call, s.members(a.org().id()), (w, m) -> ManagementJson.member(w, m, s));
    }

    /** Adds a member, creating the user when the address is new. */
    static Response create(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        Fields f = Fields.of(call);
        String email = f.email("email", MAX_EMAIL);
        String roleName = f.choice("orgRole", ROLES);
        OrgRole role = roleName == null ? OrgRole.MEMBER : OrgRole.parse(roleName).orElseThrow();
        List<String> teamSlugs = teamRoles(f, a);
        if (!f.failed("orgRole") && !call.caller.superuser() && a.member() != null
                && role.ordinal() > a.member().role().ordinal()) {
            f.error("orgRole", ROLE_NOT_ALLOWED);
        }
        f.check();
        long orgId = a.org().id();
        long callerId = call.caller.user().id();
        boolean superuser = call.caller.superuser();
        Member created = call.api.store.write(tx -> {
            State s = tx.state();
            Organization org = s.organization(orgId).orElseThrow(ApiException::notFound);
            Member self = s.member(orgId, callerId).orElse(null);
            if (!superuser && (self == null || role.ordinal() > self.role().ordinal())) {
                throw ApiException.field("orgRole", ROLE_NOT_ALLOWED); // the caller's role as of this write
            }
            List<Long> teamIds = teamIds(s, orgId, teamSlugs);
            User u = s.userByEmail(email).orElse(null);
            if (u == null) {
                u = new User(tx.nextId(), email, false, call.api.sources.nowMicros());
                tx.add(new Change.PutUser(u));
            } else if (s.member(orgId, u.id()).isPresent()) {
                throw ApiException.conflict("The user " + email + " is already a member");
            }
            Member m = new Member(tx.nextId(), orgId, u.id(), role, teamIds, call.api.sources.nowMicros());
            tx.add(new Change.PutMember(m));
            Audit.record(tx, call, AuditEvent.MEMBER_ADD, orgId, m.id(), 0, AuditData.member(m, org, s, u.email()));
            return m;
        });
        return Response.created(encode(created, call.api.store.state()));
    }

    static Response get(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        Member m = find(call, a);
        return Response.ok(encode(m, call.state));
    }

    /** Changes the role and/or replaces the teams. */
    static Response update(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        Member target = find(call, a);
        Fields f = Fields.of(call);
        String roleName = f.choice("orgRole", ROLES);
        List<String> teamSlugs = f.has("teamRoles") ? teamRoles(f, a) : null;
        f.check();
        OrgRole role = roleName == null ? null : OrgRole.parse(roleName).orElseThrow();
        boolean admin = call.caller.hasAnyIn(a.member(), Set.of(Scope.MEMBER_ADMIN));
        if (!admin && call.caller.hasAnyIn(a.member(), Set.of(Scope.MEMBER_INVITE))) {
            throw ApiException.forbidden(); // Sentry: member:invite alone only resends invitations
        }
        long orgId = a.org().id();
        long callerId = call.caller.user().id();
        boolean superuser = call.caller.superuser();
        boolean mayAssignRoles = superuser || admin; // Sentry's get_allowed_org_roles: none without member:admin
        Member updated = call.api.store.write(tx -> {
            State s = tx.state();
            Member before = s.member(target.id()).orElseThrow(ApiException::notFound);
            Member m = before;
            if (role != null && role != m.role()) {
                Member self = s.member(orgId, callerId).orElse(null);
                if (!superuser && (!mayAssignRoles || self == null || role.ordinal() > self.role().ordinal())) {
                    throw ApiException.detail(403, "You do not have permission to assign the given role.");
                }
                if (!superuser && m.role().ordinal() > self.role().ordinal()) {
                    throw ApiException.detail(403, "You do not have permission to assign a role to the given user.");
                }
                if (m.userId() == callerId) {
                    throw ApiException.detail(400, "You cannot make changes to your own role.");
                }
                if (isOnlyOwner(s, m)) {
                    throw ApiException.detail(403, ONLY_OWNER_DEMOTED);
                }
                m = m.withRole(role);
            }
            if (teamSlugs != null) {
                Member self = s.member(orgId, callerId).orElse(null);
                if (!superuser && m.userId() != callerId
                        && (self == null || m.role().ordinal() > self.role().ordinal())) {
                    throw ApiException.detail(403, "You do not have permission to change the teams of the given user.");
                }
                m = m.withTeams(teamIds(s, orgId, teamSlugs));
            }
            tx.add(new Change.PutMember(m));
            for (long t : m.teamIds()) {
                if (!before.teamIds().contains(t)) {
                    teamAudit(tx, call, AuditEvent.MEMBER_JOIN_TEAM, m, s.team(t).orElseThrow(), s, false);
                }
            }
            for (long t : before.teamIds()) {
                if (!m.teamIds().contains(t)) {
                    teamAudit(tx, call, AuditEvent.MEMBER_LEAVE_TEAM, m, s.team(t).orElseThrow(), s, false);
                }
            }
            Organization org = s.organization(orgId).orElseThrow(ApiException::notFound);
            Audit.record(tx, call, AuditEvent.MEMBER_EDIT, orgId, m.id(), m.userId(), AuditData.member(m, org, s));
            return m;
        });
        return Response.ok(encode(updated, call.api.store.state()));
    }

    /**
     * Anyone with {@code member:read} may leave; removing someone else needs {@code member:admin}
     * (400 otherwise, as Sentry's RelaxedMemberPermission leaves it to the endpoint).
     */
    static Response delete(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        Member target = find(call, a);
        if (target.userId() != call.caller.user().id() && !call.caller.hasAnyIn(a.member(), Set.of(Scope.MEMBER_ADMIN))) {
            throw ApiException.detail(400, "You are missing the member:admin scope.");
        }
        long orgId = a.org().id();
        long callerId = call.caller.user().id();
        boolean superuser = call.caller.superuser();
        call.api.store.write(tx -> {
            State s = tx.state();
            Member m = s.member(target.id()).orElseThrow(ApiException::notFound);
            Member self = s.member(orgId, callerId).orElse(null);
            if (!superuser && m.userId() != callerId
                    && (self == null || m.role().ordinal() > self.role().ordinal())) {
                throw ApiException.detail(400, "You cannot remove a member who has more access than you.");
            }
            if (isOnlyOwner(s, m)) {
                throw ApiException.detail(403, ONLY_OWNER);
            }
            Organization org = s.organization(orgId).orElseThrow(ApiException::notFound);
            Audit.record(tx, call, AuditEvent.MEMBER_REMOVE, orgId, m.id(), m.userId(), AuditData.member(m, org, s));
            tx.add(new Change.DeleteMember(m.id()));
            return null;
        });
        return Response.noContent();
    }

    /**
     * {@code POST …/members/{id}/teams/{team}/}: 201 with the team, or 204 when already in it.
     * Who may add is Sentry's rule: global access (open membership, manager, owner, superuser) or
     * an admin of that team; anyone else gets Sentry's 202 for an access request, which keys does
     * not keep.
     */
    static Response joinTeam(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        Member target = find(call, a);
        Team team = TeamEndpoints.find(a, call.param("team"));
        if (target.teamIds().contains(team.id())) {
            return Response.noContent();
        }
        if (!a.hasGlobalAccess() && !adminsTeam(call, a, team)) {
            return Response.json(202, null);
        }
        boolean added = call.api.store.write(tx -> {
            State s = tx.state();
            Member m = s.member(target.id()).orElseThrow(ApiException::notFound);
            Team t = s.team(team.id()).orElseThrow(ApiException::notFound);
            if (m.teamIds().contains(team.id())) {
                return false;
            }
            tx.add(new Change.PutMember(m.withTeams(TeamEndpoints.with(m.teamIds(), team.id()))));
            teamAudit(tx, call, AuditEvent.MEMBER_JOIN_TEAM, m, t, s, true);
            return true;
        });
        if (!added) {
            return Response.noContent();
        }
        return Response.created(teamAfter(call, a, team));
    }

    /**
     * {@code DELETE …/members/{id}/teams/{team}/}: 200 with the team, as Sentry answers. One leaves
     * a team oneself; taking someone else off needs a superuser, a manager or owner, or an admin
     * of that team (400 otherwise, Sentry's answer).
     */
    static Response leaveTeam(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        Member target = find(call, a);
        Team team = TeamEndpoints.find(a, call.param("team"));
        boolean self = target.userId() == call.caller.user().id();
        boolean managerOrOwner = a.member() != null && a.member().role().hasGlobalAccess();
        if (!a.superuser() && !self && !managerOrOwner && !adminsTeam(call, a, team)) {
            throw ApiException.detail(400, "You do not have permission to edit that user's membership.");
        }
        call.api.store.write(tx -> {
            State s = tx.state();
            Member m = s.member(target.id()).orElseThrow(ApiException::notFound);
            Team t = s.team(team.id()).orElseThrow(ApiException::notFound);
            if (m.teamIds().contains(team.id())) {
                tx.add(new Change.PutMember(m.withTeams(TeamEndpoints.without(m.teamIds(), team.id()))));
                teamAudit(tx, call, AuditEvent.MEMBER_LEAVE_TEAM, m, t, s, true);
            }
            return null;
        });
        return Response.ok(teamAfter(call, a, team));
    }

    /**
     * A member joining or leaving a team: the member's id as target (spec §0), their user as target
     * user; the member-team endpoints store {@code OrganizationMemberTeam}'s data, a member PUT its
     * own smaller dict.
     */
    private static void teamAudit(Tx tx, Call call, AuditEvent event, Member m, Team t, State s, boolean details) {
        Audit.record(tx, call, event, m.orgId(), m.id(), m.userId(),
                details ? AuditData.memberTeamDetails(m, t, s) : AuditData.memberTeam(m, t, s));
    }

    /** Sentry's can_admin_team: a member of the team holding team:write, org:write or member:write. */
    private static boolean adminsTeam(Call call, OrgAccess a, Team team) {
        return a.member() != null && a.member().teamIds().contains(team.id())
                && call.caller.hasAnyIn(a.member(), Set.of(Scope.TEAM_WRITE, Scope.ORG_WRITE, Scope.MEMBER_WRITE));
    }

    /** A member of the organization by id, or {@code me}; else 404. */
    static Member find(Call call, OrgAccess a) {
        String id = call.param("member_id");
        Member m = null;
        if ("me".equals(id)) {
            m = a.member();
        } else if (OrgAccess.isDigits(id) && id.length() < 19) {
            m = call.state.member(Long.parseLong(id)).orElse(null);
        }
        if (m == null || m.orgId() != a.org().id()) {
            throw ApiException.notFound();
        }
        return m;
    }

    /**
     * {@code teamRoles: [{teamSlug, role}]} → team slugs (checked against the organization now and
     * again inside the write). Team roles themselves are accepted but not kept.
     */
    private static List<String> teamRoles(Fields f, OrgAccess a) {
        List<?> items = f.list("teamRoles", false, true);
        if (items == null) {
            return List.of();
        }
        List<String> slugs = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> map) || !(map.get("teamSlug") instanceof String slug)
                    || !(map.get("role") == null || "contributor".equals(map.get("role"))
                    || "admin".equals(map.get("role")))) {
                f.error("teamRoles", "Invalid team-role");
                return List.of();
            }
            slugs.add(slug);
        }
        for (String slug : slugs) {
            if (a.state().teamBySlug(a.org().id(), slug).isEmpty()) {
                f.error("teamRoles", "Invalid teams");
                return List.of();
            }
        }
        return slugs;
    }

    private static List<Long> teamIds(State s, long orgId, List<String> slugs) {
        List<Long> ids = new ArrayList<>(slugs.size());
        for (String slug : slugs) {
            Team t = s.teamBySlug(orgId, slug).orElse(null);
            if (t == null) {
                throw ApiException.field("teamRoles", "Invalid teams");
            }
            ids.add(t.id());
        }
        return ids;
    }

    private static boolean isOnlyOwner(State s, Member m) {
        if (m.role() != OrgRole.OWNER) {
            return false;
        }
        for (Member other : s.members(m.orgId())) {
            if (other.id() != m.id() && other.role() == OrgRole.OWNER) {
                return false;
            }
        }
        return true;
    }

    private static byte[] teamAfter(Call call, OrgAccess a, Team team) {
        State after = call.api.store.state();
        Team t = after.team(team.id()).orElse(team);
        return TeamEndpoints.encode(t, after, after.member(a.org().id(), call.caller.user().id()).orElse(null));
    }

    private static byte[] encode(Member m, State s) {
        JsonWriter w = new JsonWriter(256);
        ManagementJson.member(w, m, s);
        return w.toByteArray();
    }
}
