package keys.http;

import static keys.http.KeysHttp.orgKeys;
import static keys.http.KeysHttp.projectKeys;
import static keys.http.KeysHttp.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.domain.UseCase;
import keys.json.Json;
import keys.store.Change;

/** Every body of the operations in Sentry's published schema validates against it. */
class OpenApiConformanceTest {
    static final String ORG_LIST = "/api/0/organizations/{organization_id_or_slug}/project-keys/";
    static final String PROJECT_LIST = "/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/keys/";
    static final String ONE = "/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/keys/{key_id}/";
    static final String ORG = "/api/0/organizations/{organization_id_or_slug}/";
    static final String PROJECT = "/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/";
    static final SchemaChecker CHECKER = SchemaChecker.sentryClientKeys();
    static TestServer ts;
    static Seed seed;
    static Organization org;
    static Project project;
    static String owner;

    @BeforeAll
    static void start() {
        ts = TestServer.start();
        seed = ts.seed();
        org = seed.org(unique("oas"));
        Team t = seed.team(org, "t");
        project = seed.project(org, "p", t);
        seed.key(project, "", false, UseCase.USER);
        seed.key(project, "Ключ 🔑", true, UseCase.DEMO);
        owner = seed.memberToken(org, unique("owner") + "@x.test", OrgRole.OWNER, t);
    }

    @AfterAll
    static void stop() {
        ts.close();
    }

    static void assertConforms(String template, String method, HttpResponse<String> r) {
        Map<String, Object> schema = CHECKER.responseSchema(template, method, r.statusCode());
        if (schema == null) {
            return;
        }
        List<String> errors = CHECKER.validate(Json.parse(r.body()), schema);
        assertTrue(errors.isEmpty(), () -> method + " " + template + " " + r.statusCode() + ": " + errors);
    }

    @Test
    void everyKeyResponseConforms() {
        String list = orgKeys(org.slug());
        String keys = projectKeys(org.slug(), "p");
        for (String token : new String[] {owner, ts.adminToken}) {
            for (String q : new String[] {"", "?per_page=1", "?status=inactive", "?team=t", "?status=x", "?project=-1"}) {
                HttpResponse<String> r = ts.get(list + q, token);
                assertEquals(200, r.statusCode());
                assertConforms(ORG_LIST, "GET", r);
                HttpResponse<String> pr = ts.get(keys + q, token);
                assertEquals(200, pr.statusCode());
                assertConforms(PROJECT_LIST, "GET", pr);
            }
        }
        HttpResponse<String> created = ts.send("POST", keys, owner,
                "{\"name\":\"x\",\"rateLimit\":{\"count\":3,\"window\":60}}");
        assertEquals(201, created.statusCode());
        assertConforms(PROJECT_LIST, "POST", created);
        HttpResponse<String> su = ts.send("POST", keys, ts.adminToken, "{\"useCase\":\"tempest\"}");
        assertConforms(PROJECT_LIST, "POST", su);
        String id = (String) KeysHttp.object(created).get("id");
        assertConforms(ONE, "GET", ts.get(keys + id + "/", owner));
        assertConforms(ONE, "GET", ts.get(keys + id + "/", ts.adminToken));
        HttpResponse<String> put = ts.send("PUT", keys + id + "/", owner,
                "{\"isActive\":false,\"rateLimit\":null,\"browserSdkVersion\":\"latest\",\"dynamicSdkLoaderOptions\":{\"hasDebug\":true}}");
        assertEquals(200, put.statusCode());
        assertConforms(ONE, "PUT", put);
        assertEquals(204, ts.send("DELETE", keys + id + "/", owner, null).statusCode());
        // Error statuses are documented (without bodies) for each operation.
        assertConforms(ORG_LIST, "GET", ts.get(list + "?per_page=0", owner));
        assertConforms(ORG_LIST, "GET", ts.get(orgKeys("nope"), owner));
        assertConforms(ONE, "GET", ts.get(keys + id + "/", owner));
        assertConforms(ONE, "PUT", ts.send("PUT", keys + "nope/", owner, "{}"));
    }

    @Test
    void aFixedKeyByteForByte() {
        String pub = "60120449b6b1d5e45f75561e6dabd80b";
        String sec = "189485c3b8ccf582bf5e12c530ef8858";
        Organization o = seed.org(unique("fixed"));
        Team t = seed.team(o, "t");
        Project p = seed.project(o, "p", t);
        ts.store().write(tx -> {
            tx.add(new Change.PutKey(new ClientKey(tx.nextId(), p.id(), "Liked Pegasus", pub, sec, true,
                    1687377026036254L, 1000, 7200, "7.x", LoaderOption.DEFAULTS | LoaderOption.HAS_DEBUG.bit(),
                    UseCase.USER)));
            return null;
        });
        String token = seed.memberToken(o, unique("m") + "@x.test", OrgRole.MEMBER, t);
        String e = ts.url;
        String n = Long.toString(p.id());
        String expected = ExpectedKeyJson.likedPegasus(e, pub, sec, n, "7.x", true);
        HttpResponse<String> one = ts.get(projectKeys(o.slug(), "p") + pub + "/", token);
        assertEquals(expected, one.body());
        HttpResponse<String> list = ts.get(orgKeys(o.slug()) + "?per_page=1", token);
        assertEquals("[" + expected + "]", list.body());
        assertConforms(ORG_LIST, "GET", list);
    }

    /** The organization and project details the Sentry CLI and Terraform read. */
    @Test
    void organizationAndProjectDetailsConform() {
        String orgPath = "/api/0/organizations/" + org.slug() + "/";
        String projectPath = "/api/0/projects/" + org.slug() + "/p/";
        for (String token : new String[] {owner, ts.adminToken}) {
            HttpResponse<String> o = ts.get(orgPath, token);
            assertEquals(200, o.statusCode(), o.body());
            assertConforms(ORG, "GET", o);
            HttpResponse<String> p = ts.get(projectPath, token);
            assertEquals(200, p.statusCode(), p.body());
            assertConforms(PROJECT, "GET", p);
            assertConforms(PROJECT, "GET", ts.get("/api/0/projects/" + org.slug() + "/" + project.id() + "/", token));
        }
        HttpResponse<String> put = ts.send("PUT", projectPath, owner, "{\"platform\":\"python\"}");
        assertEquals(200, put.statusCode(), put.body());
        assertConforms(PROJECT, "GET", put); // PUT answers the same detailed object
        assertEquals(java.util.List.of("python"), KeysHttp.object(put).get("platforms"));
        // ?collapse=organization leaves out a member the schema requires: Sentry does the same.
        assertFalse(KeysHttp.object(ts.get(projectPath + "?collapse=organization", owner)).containsKey("organization"));
        assertConforms(ORG, "GET", ts.get("/api/0/organizations/nope/", owner));
        assertConforms(PROJECT, "GET", ts.get("/api/0/projects/" + org.slug() + "/nope/", owner));
    }

    @Test
    void theServerAnswersEveryDocumentedKeyOperation() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) CHECKER.document().get("paths");
        List<String> served = new ArrayList<>();
        for (String template : List.of(ORG_LIST, PROJECT_LIST, ONE)) {
            for (String method : paths.get(template).keySet()) {
                String path = template.replace("{organization_id_or_slug}", org.slug())
                        .replace("{project_id_or_slug}", "p").replace("{key_id}", "none");
                HttpResponse<String> r = ts.send(method.toUpperCase(java.util.Locale.ROOT), path, ts.adminToken,
                        method.equals("get") || method.equals("delete") ? null : "{}");
                assertFalse(r.statusCode() == 405, method + " " + template);
                Map<?, ?> responses = (Map<?, ?>) ((Map<?, ?>) paths.get(template).get(method)).get("responses");
                assertTrue(responses.containsKey(Integer.toString(r.statusCode())),
                        method + " " + template + " answered an undocumented " + r.statusCode());
                served.add(method + " " + template);
            }
        }
        assertEquals(6, served.size(), served::toString);
    }

    @Test
    void theCheckerCatchesViolations() {
        Map<String, Object> schema = CHECKER.responseSchema(ONE, "GET", 200);
        @SuppressWarnings("unchecked")
        Map<String, Object> good = (Map<String, Object>) Json.parse(ts.get(projectKeys(org.slug(), "p")
                + ts.store().state().keys(project.id()).get(0).publicKey() + "/", owner).body());
        assertEquals(List.of(), CHECKER.validate(good, schema));
        Map<String, Object> bad = new LinkedHashMap<>(good);
        bad.remove("dsn");
        bad.put("projectId", "12");
        bad.put("name", null);
        bad.put("rateLimit", Map.of("window", 1L));
        bad.put("dateCreated", "yesterday");
        List<String> errors = CHECKER.validate(bad, schema);
        assertEquals(5, errors.size(), errors::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> dsn = new LinkedHashMap<>((Map<String, Object>) good.get("dsn"));
        dsn.put("cdn", 5L);
        bad = new LinkedHashMap<>(good);
        bad.put("dsn", dsn);
        assertEquals(1, CHECKER.validate(bad, schema).size());
        // $ref, enum and additionalProperties through a small document of our own.
        SchemaChecker own = new SchemaChecker(Map.of("components", Map.of("schemas", Map.of(
                "Status", Map.of("type", "string", "enum", List.of("active", "inactive")),
                "Thing", Map.of("type", "object", "additionalProperties", false,
                        "properties", Map.of("status", Map.of("$ref", "#/components/schemas/Status")))))));
        Map<String, Object> ref = Map.of("$ref", "#/components/schemas/Thing");
        assertEquals(List.of(), own.validate(Map.of("status", "active"), ref));
        assertEquals(1, own.validate(Map.of("status", "gone"), ref).size());
        assertEquals(1, own.validate(Map.of("other", 1L), ref).size());
    }
}
