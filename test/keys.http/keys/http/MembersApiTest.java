package keys.http;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import keys.domain.Member;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.User;

import static keys.http.MgmtClient.detail;
import static keys.http.MgmtClient.fieldError;
import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MembersApiTest extends ApiTestBase {
    private static String members(Organization org) {
        return "/api/0/organizations/" + org.slug() + "/members/";
    }

    @Test
    void managerAddsAMemberCreatingTheUser() {
        Organization org = ts.seed().org(unique("m"));
        ts.seed().team(org, "core");
        String manager = ts.seed().memberToken(org, unique("mg") + "@x.io", OrgRole.MANAGER);
        String email = unique("New.Person") + "@Example.com";
        var r = api.post(members(org), manager, Map.of("email", email, "orgRole", "admin",
                "teamRoles", List.of(Map.of("teamSlug", "core", "role", "contributor")))).expect(201);
        Map<String, Object> m = r.obj();
        assertEquals(email.toLowerCase(java.util.Locale.ROOT), m.get("email"));
        assertEquals("admin", m.get("orgRole"));
        assertEquals(List.of("core"), m.get("teams"));
        assertTrue(m.get("id") instanceof String && m.get("dateCreated") instanceof String);
        assertTrue(ts.store().state().userByEmail(email.toLowerCase(java.util.Locale.ROOT)).isPresent());
        var dup = api.post(members(org), manager, Map.of("email", email.toLowerCase(java.util.Locale.ROOT)));
        dup.expect(409);
        var list = api.get(members(org), manager).expect(200);
        assertEquals(2, list.list().size());
        assertEquals("admin", list.objects().get(1).get("orgRole"), "oldest first, as Sentry's order_by(\"id\")");
        var one = api.get(members(org) + m.get("id") + "/", manager).expect(200);
        assertEquals(m, one.obj());
    }

    /** Addresses are checked as they will be stored: lowercasing U+0130 doubles its length. */
    @Test
    void anEmailIsValidatedAfterLowercasing() {
        Organization org = ts.seed().org(unique("m"));
        String manager = ts.seed().memberToken(org, unique("mg") + "@x.io", OrgRole.MANAGER);
        String grows = "\u0130".repeat(40) + "@example.com"; // 40 chars, 80 once lowercased
        assertEquals(400, api.post(members(org), manager, Map.of("email", grows)).status());
        assertEquals(400, api.post(members(org), manager, Map.of("email", "rtl\u202e@example.com")).status());
    }

    @Test
    void existingUsersAreReusedAndDefaultRoleIsMember() {
        Organization org = ts.seed().org(unique("m"));
        User u = ts.seed().user(unique("exists") + "@x.io");
        var r = api.post(members(org), ts.adminToken, Map.of("email", u.email())).expect(201);
        assertEquals("member", r.obj().get("orgRole"));
        assertEquals(List.of(), r.obj().get("teams"));
        assertEquals(u.id(), ts.store().state().member(org.id(), u.id()).orElseThrow().userId());
    }

    @Test
    void createValidates() {
        Organization org = ts.seed().org(unique("m"));
        String path = members(org);
        String t = ts.adminToken;
        assertEquals(fieldError("email", "This field is required."), api.post(path, t, Map.of()).expect(400).obj());
        assertEquals(fieldError("email", "Enter a valid email address."),
                api.post(path, t, Map.of("email", "not-an-email")).expect(400).obj());
        assertEquals(fieldError("orgRole", "\"boss\" is not a valid choice."),
                api.post(path, t, Map.of("email", "a@b.io", "orgRole", "boss")).expect(400).obj());
        assertEquals(fieldError("teamRoles", "Invalid teams"),
                api.post(path, t, Map.of("email", "a@b.io", "teamRoles", List.of(Map.of("teamSlug", "zz")))).expect(400).obj());
        assertEquals(fieldError("teamRoles", "Invalid team-role"),
                api.post(path, t, Map.of("email", "a@b.io", "teamRoles", List.of("zz"))).expect(400).obj());
        assertEquals(fieldError("teamRoles", "Expected a list of items but got type \"str\"."),
                api.post(path, t, Map.of("email", "a@b.io", "teamRoles", "zz")).expect(400).obj());
    }

    @Test
    void noOneGrantsARoleAboveTheirOwn() {
        Organization org = ts.seed().org(unique("m"));
        String manager = ts.seed().memberToken(org, unique("mg") + "@x.io", OrgRole.MANAGER);
        assertEquals(fieldError("orgRole", "You do not have permission to set that org-level role"),
                api.post(members(org), manager, Map.of("email", unique("o") + "@x.io", "orgRole", "owner"))
                        .expect(400).obj());
        api.post(members(org), manager, Map.of("email", unique("o") + "@x.io", "orgRole", "manager")).expect(201);
        String admin = ts.seed().memberToken(org, unique("a") + "@x.io", OrgRole.ADMIN);
        api.post(members(org), admin, Map.of("email", unique("o") + "@x.io")).expect(403);
        var owner = api.post(members(org), ts.adminToken, Map.of("email", unique("o") + "@x.io", "orgRole", "owner"));
        assertEquals("owner", owner.expect(201).obj().get("orgRole"));
    }

    @Test
    void aMemberCannotRaiseTheirOwnRoleNorTouchSuperiors() {
        Organization org = ts.seed().org(unique("m"));
        User mu = ts.seed().user(unique("mg") + "@x.io");
        Member mgr = ts.seed().member(org, mu, OrgRole.MANAGER);
        String manager = ts.seed().token(mu, OrgRole.MANAGER.scopes().toArray(new Scope[0]));
        Member owner = ts.seed().member(org, ts.seed().user(unique("ow") + "@x.io"), OrgRole.OWNER);
        Member plain = ts.seed().member(org, ts.seed().user(unique("pl") + "@x.io"), OrgRole.MEMBER);
        assertEquals(detail("You do not have permission to assign the given role."),
                api.put(members(org) + mgr.id() + "/", manager, Map.of("orgRole", "owner")).expect(403).obj());
        assertEquals(detail("You cannot make changes to your own role."),
                api.put(members(org) + "me/", manager, Map.of("orgRole", "admin")).expect(400).obj());
        assertEquals(detail("You do not have permission to assign a role to the given user."),
                api.put(members(org) + owner.id() + "/", manager, Map.of("orgRole", "member")).expect(403).obj());
        assertEquals(detail("You cannot remove a member who has more access than you."),
                api.delete(members(org) + owner.id() + "/", manager).expect(400).obj());
        var promoted = api.put(members(org) + plain.id() + "/", manager, Map.of("orgRole", "manager")).expect(200);
        assertEquals("manager", promoted.obj().get("orgRole"));
        assertEquals(OrgRole.MANAGER, ts.store().state().member(plain.id()).orElseThrow().role());
        // A role change is refused whole: nothing else in the request is applied either.
        ts.seed().team(org, "core");
        api.put(members(org) + mgr.id() + "/", manager, Map.of("orgRole", "owner",
                "teamRoles", List.of(Map.of("teamSlug", "core")))).expect(403);
        assertTrue(ts.store().state().member(mgr.id()).orElseThrow().teamIds().isEmpty());
        // Nor may a manager take an owner's teams away (or give them any).
        assertEquals(detail("You do not have permission to change the teams of the given user."),
                api.put(members(org) + owner.id() + "/", manager, Map.of("teamRoles", List.of())).expect(403).obj());
        api.put(members(org) + plain.id() + "/", manager, Map.of("teamRoles", List.of(Map.of("teamSlug", "core"))))
                .expect(200);
    }

    @Test
    void theOnlyOwnerStays() {
        Organization org = ts.seed().org(unique("m"));
        Member owner = ts.seed().member(org, ts.seed().user(unique("ow") + "@x.io"), OrgRole.OWNER);
        assertEquals(detail("You cannot remove the only remaining owner of the organization."),
                api.delete(members(org) + owner.id() + "/", ts.adminToken).expect(403).obj());
        assertEquals(detail("You cannot demote the only remaining owner of the organization."),
                api.put(members(org) + owner.id() + "/", ts.adminToken, Map.of("orgRole", "member")).expect(403).obj());
        ts.seed().member(org, ts.seed().user(unique("ow") + "@x.io"), OrgRole.OWNER);
        api.delete(members(org) + owner.id() + "/", ts.adminToken).expect(204);
        api.get(members(org) + owner.id() + "/", ts.adminToken).expect(404);
    }

    @Test
    void teamsAreReplacedAndJoinedAndLeft() {
        Organization org = ts.seed().org(unique("m"));
        Team core = ts.seed().team(org, "core");
        ts.seed().team(org, "web");
        Member m = ts.seed().member(org, ts.seed().user(unique("x") + "@x.io"), OrgRole.MEMBER, core);
        String manager = ts.seed().memberToken(org, unique("mg") + "@x.io", OrgRole.MANAGER);
        String one = members(org) + m.id() + "/";
        var r = api.put(one, manager, Map.of("teamRoles", List.of(Map.of("teamSlug", "web", "role", "admin"))))
                .expect(200);
        assertEquals(List.of("web"), r.obj().get("teams"));
        var join = api.post(one + "teams/core/", manager, null).expect(201);
        assertEquals("core", join.obj().get("slug"));
        assertEquals(1L, join.obj().get("memberCount"));
        assertEquals(Boolean.FALSE, join.obj().get("isMember"), "isMember speaks of the caller");
        api.post(one + "teams/core/", manager, null).expect(204);
        var leave = api.delete(one + "teams/web/", manager).expect(200);
        assertEquals("web", leave.obj().get("slug"));
        assertEquals(0L, leave.obj().get("memberCount"));
        assertEquals(List.of("core"), api.get(one, manager).expect(200).obj().get("teams"));
        api.post(one + "teams/nope/", manager, null).expect(404);
        api.post(members(org) + "999999999/teams/core/", manager, null).expect(404);
        // Sentry's OrganizationTeamMemberPermission lets org:read through; the endpoint then lets a
        // plain member of an open organization add anyone to a team, turns one of a closed
        // organization into an access request (202, which keys does not keep), and refuses to
        // take someone else off a team (400).
        String member = ts.seed().memberToken(org, unique("pl") + "@x.io", OrgRole.MEMBER);
        api.post(one + "teams/web/", member, null).expect(201);
        assertEquals(detail("You do not have permission to edit that user's membership."),
                api.delete(one + "teams/core/", member).expect(400).obj());
        assertEquals(List.of("core", "web"), api.get(one, member).expect(200).obj().get("teams"));
        Organization closed = ts.seed().closedOrg(unique("c"));
        ts.seed().team(closed, "web");
        Member other = ts.seed().member(closed, ts.seed().user(unique("y") + "@x.io"), OrgRole.MEMBER);
        String plain = ts.seed().memberToken(closed, unique("pc") + "@x.io", OrgRole.MEMBER);
        api.post(members(closed) + other.id() + "/teams/web/", plain, null).expect(202);
        assertEquals(List.of(), api.get(members(closed) + other.id() + "/", plain).expect(200).obj().get("teams"));
    }

    @Test
    void lookupRules() {
        Organization org = ts.seed().org(unique("m"));
        Organization other = ts.seed().org(unique("m"));
        Member elsewhere = ts.seed().member(other, ts.seed().user(unique("e") + "@x.io"), OrgRole.MEMBER);
        String member = ts.seed().memberToken(org, unique("me") + "@x.io", OrgRole.MEMBER);
        api.get(members(org) + elsewhere.id() + "/", member).expect(404);
        api.get(members(org) + "abc/", member).expect(404);
        assertEquals("member", api.get(members(org) + "me/", member).expect(200).obj().get("orgRole"));
        api.get(members(org) + "me/", ts.adminToken).expect(404);
        api.get(members(other), member).expect(403);
        // Sentry's RelaxedMemberPermission: member:read is enough to leave; removing others is not.
        Member peer = ts.seed().member(org, ts.seed().user(unique("p") + "@x.io"), OrgRole.MEMBER);
        assertEquals(detail("You are missing the member:admin scope."),
                api.delete(members(org) + peer.id() + "/", member).expect(400).obj());
        api.delete(members(org) + "me/", member).expect(204);
        api.get(members(org) + "me/", member).expect(403);
    }
}
