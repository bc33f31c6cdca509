package keys.http;

import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.User;
import keys.json.Json;
import org.junit.jupiter.api.Test;

/** Audit-log bodies validate against our own schema of Sentry's serializers (Sentry publishes none). */
class AuditLogConformanceTest extends ApiTestBase {
    static final String PATH = "/api/0/organizations/{organization_id_or_slug}/audit-logs/";
    static final SchemaChecker CHECKER = SchemaChecker.keysAuditLog();

    @Test
    void everyEventsRowsConformForTheActorAndForOthers() {
        Organization org = ts.seed().org(unique("conf"));
        User owner = ts.seed().user(unique("o") + "@x.io");
        Team team = ts.seed().team(org, "t");
        ts.seed().member(org, owner, OrgRole.OWNER, team);
        String token = ts.seed().token(owner, Scope.all().toArray(Scope[]::new));
        String o = "/api/0/organizations/" + org.slug() + "/";
        api.put(o, token, Map.of("name", "Conf Renamed")).expect(200);
        api.post(o + "teams/", token, Map.of("slug", "crew")).expect(201);
        api.post("/api/0/teams/" + org.slug() + "/crew/projects/", token, Map.of("name", "Web")).expect(201);
        String keys = "/api/0/projects/" + org.slug() + "/web/keys/";
        String key = (String) api.post(keys, token, Map.of("name", "K")).expect(201).obj().get("id");
        api.put(keys + key + "/", token, Map.of("rateLimit", Map.of("count", 5, "window", 60))).expect(200);
        api.post(o + "members/", token, Map.of("email", unique("m") + "@x.io", "teamRoles",
                List.of(Map.of("teamSlug", "crew")))).expect(201);
        String manager = ts.seed().memberToken(org, unique("mgr") + "@x.io", OrgRole.MANAGER);
        for (String reader : new String[] {token, manager, ts.adminToken}) {
            var r = api.get(o + "audit-logs/", reader).expect(200);
            List<String> errors = CHECKER.validate(Json.parse(r.raw().body()), CHECKER.responseSchema(PATH, "GET", 200));
            assertEquals(List.of(), errors);
            assertFalse(((List<?>) r.obj().get("rows")).isEmpty());
        }
    }

    @Test
    void theSchemaRefusesWhatSentrysSerializerNeverWrites() {
        Map<String, Object> row = new java.util.LinkedHashMap<>(Map.of("id", "1", "actor", Map.of("name", "x"),
                "event", "org.edit", "ipAddress", "127.0.0.1", "note", "n", "targetObject", 1L, "data",
                Map.of("secret_key", "s"), "dateCreated", "2024-01-01T00:00:00Z"));
        row.put("targetUser", null);
        Map<String, Object> body = Map.of("rows", List.of(row), "options", List.of());
        assertEquals(1, CHECKER.validate(body, CHECKER.responseSchema(PATH, "GET", 200)).size());
    }
}
