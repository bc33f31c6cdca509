package keys.http;

import static keys.http.MgmtClient.detail;
import static keys.http.MgmtClient.fieldError;
import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Scope;
import keys.domain.User;
import keys.store.Change;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/0/organizations/{org}/audit-logs/}: Sentry's own endpoint cases
 * ({@code test_organization_auditlogs.py}) and serializer cases ({@code test_auditlogentry.py})
 * through HTTP, with entries written into the store directly where a case needs set times.
 */
class AuditLogApiTest extends ApiTestBase {
    private static final long HOUR = 3_600_000_000L;
    private static final long DAY = 24 * HOUR;

    private static long now() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    /** An entry written straight into the store, as Sentry's tests create them. */
    private static long entry(Organization org, AuditEvent event, User actor, long micros, String data) {
        return ts.store().write(tx -> {
            long id = tx.nextAuditId();
            tx.add(new Change.PutAudit(new AuditEntry(id, org.id(), event.id(), actor == null ? 0 : actor.id(),
                    "127.0.0.1", org.id(), 0, data, micros)));
            return id;
        });
    }

    private static long entry(Organization org, AuditEvent event, User actor, long micros) {
        return entry(org, event, actor, micros, "{\"thing\":\"to True\"}");
    }

    private record Owner(Organization org, User user, String token) {
    }

    private static Owner owner() {
        Organization org = ts.seed().org(unique("audit"));
        User u = ts.seed().user(unique("owner") + "@x.io");
        ts.seed().member(org, u, OrgRole.OWNER);
        return new Owner(org, u, ts.seed().token(u, Scope.ORG_WRITE, Scope.ORG_READ));
    }

    private static String path(Organization org) {
        return "/api/0/organizations/" + org.slug() + "/audit-logs/";
    }

    private static List<String> rowIds(MgmtClient.Reply r) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) r.obj().get("rows");
        return rows.stream().map(o -> (String) o.get("id")).toList();
    }

    private static String s(long id) {
        return Long.toString(id);
    }

    @Test
    void simple() {
        Owner o = owner();
        long t = now();
        long first = entry(o.org, AuditEvent.ORG_EDIT, o.user, t);
        long second = entry(o.org, AuditEvent.ORG_EDIT, o.user, t + 1_000_000);
        Organization other = ts.seed().org(unique("other"));
        ts.seed().member(other, o.user, OrgRole.OWNER);
        entry(other, AuditEvent.ORG_EDIT, o.user, t);
        var r = api.get(path(o.org), o.token).expect(200);
        assertEquals(List.of(s(second), s(first)), rowIds(r));
    }

    @Test
    void filterByEvent() {
        Owner o = owner();
        long t = now();
        long edit = entry(o.org, AuditEvent.ORG_EDIT, o.user, t);
        entry(o.org, AuditEvent.ORG_ADD, o.user, t + 1_000_000);
        assertEquals(List.of(s(edit)), rowIds(api.get(path(o.org) + "?event=org.edit", o.token).expect(200)));
    }

    @Test
    void filterByUserAndByUserAndEvent() {
        Owner o = owner();
        User other = ts.seed().user(unique("u2") + "@x.io");
        long t = now();
        long mine = entry(o.org, AuditEvent.ORG_EDIT, o.user, t);
        entry(o.org, AuditEvent.ORG_EDIT, other, t);
        entry(o.org, AuditEvent.ORG_ADD, o.user, t + 1_000_000);
        assertEquals(List.of(s(mine)),
                rowIds(api.get(path(o.org) + "?event=org.edit&actor=" + o.user.id(), o.token).expect(200)));
        assertEquals(2, rowIds(api.get(path(o.org) + "?actor=" + o.user.id(), o.token).expect(200)).size());
    }

    @Test
    void anUnknownEventIsAnEmptyPageNotAnError() {
        Owner o = owner();
        entry(o.org, AuditEvent.ORG_EDIT, o.user, now());
        var r = api.get(path(o.org) + "?event=wrong", o.token).expect(200);
        assertEquals(List.of(), r.obj().get("rows"));
    }

    @Test
    void anActorOutOfBoundsOrNotANumberIs400() {
        Owner o = owner();
        assertEquals(fieldError("actor", "Ensure this value is less than or equal to 2147483647."),
                api.get(path(o.org) + "?actor=111111111111", o.token).expect(400).obj());
        assertEquals(fieldError("actor", "A valid integer is required."),
                api.get(path(o.org) + "?actor=abc", o.token).expect(400).obj());
    }

    @Test
    void optionsListEveryEventKeysWritesInSentrysOrder() {
        Owner o = owner();
        entry(o.org, AuditEvent.ORG_EDIT, o.user, now());
        Map<String, Object> body = api.get(path(o.org), o.token).expect(200).obj();
        assertEquals(List.of("rows", "options"), List.copyOf(body.keySet()));
        assertEquals(List.of("member.add", "member.edit", "member.remove", "member.join-team", "member.leave-team",
                "org.create", "org.edit", "org.remove", "team.create", "team.edit", "team.remove", "project.create",
                "project.edit", "project.remove", "projectkey.create", "projectkey.edit", "projectkey.remove",
                "project-team.remove", "project-team.add"), body.get("options"));
    }

    @Test
    void onlyOrgWriteReadsTheLog() {
        Owner o = owner();
        String p = path(o.org);
        api.get(p, ts.seed().memberToken(o.org, unique("m") + "@x.io", OrgRole.MANAGER)).expect(200);
        assertEquals(detail("You do not have permission to perform this action."),
                api.get(p, ts.seed().memberToken(o.org, unique("m") + "@x.io", OrgRole.ADMIN)).expect(403).obj());
        api.get(p, ts.seed().memberToken(o.org, unique("m") + "@x.io", OrgRole.MEMBER)).expect(403);
        api.get(p, ts.seed().memberToken(ts.seed().org(unique("x")), unique("m") + "@x.io", OrgRole.OWNER))
                .expect(403);
        api.get(p, ts.adminToken).expect(200); // a superuser that is not a member
        api.get(p, ts.seed().token(ts.seed().user(unique("su") + "@x.io", true), Scope.ORG_READ)).expect(403);
        api.get(p, ts.seed().token(o.user, Scope.ORG_READ)).expect(403); // the token's own scopes apply
        assertEquals(detail("You do not have permission to perform this action."),
                api.post(p, o.token, Map.of()).expect(403).obj());
        api.get(p, null).expect(401);
        api.get("/api/0/organizations/" + unique("nope") + "/audit-logs/", o.token).expect(404);
    }

    @Test
    void filterByDateIncludesTheStart() {
        Owner o = owner();
        long t = now();
        long old = entry(o.org, AuditEvent.ORG_EDIT, o.user, t - DAY);
        entry(o.org, AuditEvent.ORG_ADD, o.user, t);
        String start = keys.domain.Timestamps.format(t - DAY);
        String end = keys.domain.Timestamps.format(t - HOUR);
        assertEquals(List.of(s(old)), rowIds(api.get(path(o.org) + "?event=org.edit&start=" + start + "&end=" + end,
                o.token).expect(200)));
    }

    @Test
    void filterByStatsPeriod() {
        Owner o = owner();
        long t = now();
        entry(o.org, AuditEvent.ORG_EDIT, o.user, t - 2 * DAY);
        long recent = entry(o.org, AuditEvent.ORG_ADD, o.user, t - 12 * HOUR);
        assertEquals(List.of(s(recent)), rowIds(api.get(path(o.org) + "?statsPeriod=1d", o.token).expect(200)));
    }

    @Test
    void dateErrorsSentryAnswersWith500Are400() {
        Owner o = owner();
        String p = path(o.org);
        assertEquals(detail("start and end are both required"),
                api.get(p + "?start=2024-01-01T00:00:00Z", o.token).expect(400).obj());
        assertEquals(detail("start must be before end"),
                api.get(p + "?start=2024-01-02T00:00:00Z&end=2024-01-01T00:00:00Z", o.token).expect(400).obj());
        assertEquals(detail("Invalid statsPeriod: 'x'"), api.get(p + "?statsPeriod=x", o.token).expect(400).obj());
        assertEquals(detail("Invalid statsPeriod: ''"), api.get(p + "?statsPeriod=", o.token).expect(400).obj());
        assertEquals(detail("start must be before end"), api.get(p + "?statsPeriod=0", o.token).expect(400).obj());
        assertEquals(detail("Invalid statsPeriod: '99999999999999999999w'"),
                api.get(p + "?statsPeriod=99999999999999999999w", o.token).expect(400).obj());
        assertEquals(fieldError("start", DjangoDates.WRONG_FORMAT),
                api.get(p + "?start=yesterday&end=2024-01-01T00:00:00Z", o.token).expect(400).obj());
        assertEquals(detail("Invalid per_page parameter."), api.get(p + "?per_page=x", o.token).expect(400).obj());
        assertEquals(detail("Invalid cursor parameter."), api.get(p + "?cursor=x", o.token).expect(400).obj());
    }

    @Test
    void rowsCarryTheFullUserAndOnlyTheDataKeysTheFrontendUses() {
        Owner o = owner();
        long t = now();
        entry(o.org, AuditEvent.PROJECT_EDIT, o.user, t, "{\"id\":1,\"slug\":\"s\",\"old_slug\":\"a\","
                + "\"new_slug\":\"s\",\"name\":\"N\",\"sensitive_field\":\"x\",\"another_field\":2}");
        entry(o.org, AuditEvent.TEAM_ADD, o.user, t + 1, "{\"slug\":\"New Team\"}");
        entry(o.org, AuditEvent.PROJECTKEY_ADD, o.user, t + 2, "{\"public_key\":\"p\",\"secret_key\":\"sec\"}");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) api.get(path(o.org), o.token).expect(200)
                .obj().get("rows");
        Map<String, Object> key = rows.get(0);
        assertEquals(List.of("id", "actor", "event", "ipAddress", "note", "targetObject", "targetUser", "data",
                "dateCreated"), List.copyOf(key.keySet()));
        assertEquals(Map.of(), key.get("data"));
        assertEquals("added project key p", key.get("note"));
        assertFalse(api.get(path(o.org), o.token).raw().body().contains("sec\""));
        Map<String, Object> team = rows.get(1);
        assertEquals("team.create", team.get("event"));
        assertEquals(Map.of("slug", "New Team"), team.get("data"));
        @SuppressWarnings("unchecked")
        Map<String, Object> actor = (Map<String, Object>) team.get("actor");
        assertEquals(o.user.email(), actor.get("username"));
        assertEquals(List.of("id", "name", "username", "email", "avatarUrl", "isActive", "hasPasswordAuth",
                "isManaged", "dateJoined", "lastLogin", "has2fa", "lastActive", "isSuperuser", "isStaff", "emails",
                "experiments", "options", "flags", "avatar", "identities"), List.copyOf(actor.keySet()));
        assertEquals(List.of("id", "slug", "old_slug", "new_slug", "name"),
                List.copyOf(((Map<?, ?>) rows.get(2).get("data")).keySet()));
        // Seen by another caller, the actor has no options, flags or identities.
        String manager = ts.seed().memberToken(o.org, unique("m") + "@x.io", OrgRole.MANAGER);
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) ((List<Map<String, Object>>) api.get(path(o.org), manager)
                .expect(200).obj().get("rows")).get(0).get("actor");
        assertFalse(seen.containsKey("options"));
        assertFalse(seen.containsKey("identities"));
        assertNull(rows.get(0).get("targetUser"));
        assertTrue(((String) rows.get(0).get("dateCreated")).endsWith("Z"));
    }
}
