package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import keys.domain.ClientKey;
import keys.domain.UseCase;
import keys.http.IsolationModel.Caller;
import keys.http.IsolationModel.Expected;
import keys.http.IsolationModel.Key;
import keys.http.IsolationModel.Org;
import keys.http.IsolationModel.Project;
import keys.http.IsolationWorld.Spec;
import keys.testing.Gen;
import keys.testing.Prop;
import keys.testing.Source;

/**
 * Tenant isolation of the key endpoints: random fixtures ({@link IsolationWorld}) and random
 * (caller, endpoint, parameters) against {@link IsolationModel}. Every status (and 403-versus-404
 * order) must be the model's; every list exactly what the caller may see; no body may carry the
 * public or secret key of any key it should not show (another organization's above all); and a
 * request that is refused changes nothing in the store.
 */
class IsolationPropertyTest {
    static final String UNKNOWN_KEY = "0123456789abcdef0123456789abcdef";

    enum Kind { ORG_KEYS, PROJECT_KEYS, KEY_GET, KEY_PUT, KEY_DELETE, KEY_POST, PROJECT_GET, ORG_PROJECTS }

    /** Kinds by weight: the headline list most, then the key routes. */
    static final Kind[] KINDS = {Kind.ORG_KEYS, Kind.ORG_KEYS, Kind.ORG_KEYS, Kind.ORG_KEYS, Kind.PROJECT_KEYS,
        Kind.PROJECT_KEYS, Kind.KEY_GET, Kind.KEY_GET, Kind.KEY_PUT, Kind.KEY_PUT, Kind.KEY_DELETE, Kind.KEY_DELETE,
        Kind.KEY_POST, Kind.KEY_POST, Kind.PROJECT_GET, Kind.ORG_PROJECTS};

    /**
     * One request. Indices are taken modulo what exists when the step runs (the top value of
     * {@code org}, {@code project}, {@code key} names something absent); {@code a}, {@code b},
     * {@code c} pick the parameters and bodies.
     */
    record Op(Kind kind, int caller, int org, boolean orgById, int project, boolean projectById, int key, int team,
              int a, int b, int c) {
    }

    record Case(Spec spec, List<Op> ops) {
    }

    static final Gen<Op> OP = s -> new Op(KINDS[s.drawInt(0, KINDS.length - 1)], s.drawInt(0, 99), s.drawInt(0, 9),
            s.drawBoolean(), s.drawInt(0, 49), s.drawBoolean(), s.drawInt(0, 99), s.drawInt(0, 99),
            s.drawInt(0, 9), s.drawInt(0, 4), s.drawInt(0, 4));
    static final Gen<Case> CASE = s -> new Case(IsolationWorld.SPEC.generate(s), ops(s));

    private static List<Op> ops(Source s) {
        int n = s.drawInt(10, 50);
        List<Op> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(OP.generate(s));
        }
        return out;
    }

    /** How often each (kind, status) came up: shows the generator reaches both sides of every check. */
    static final Map<String, Integer> SEEN = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void nobodyListsFindsChangesOrDeletesBeyondTheirRights() {
        Prop.forAll(Integer.getInteger("keys.tries", 50), CASE, IsolationPropertyTest::run);
        System.out.println("IsolationPropertyTest: (kind, status) → requests " + new java.util.TreeMap<>(SEEN));
    }

    static void run(Case c) {
        try (TestServer ts = TestServer.start()) {
            IsolationModel model = IsolationWorld.build(ts, c.spec());
            Run run = new Run(ts, model);
            for (Op op : c.ops()) {
                run.step(op);
            }
        }
    }

    /** One case: sends each step's request and holds the answer against the model and the store. */
    static final class Run {
        final TestServer ts;
        final MgmtClient api;
        final IsolationModel model;
        int step;

        Run(TestServer ts, IsolationModel model) {
            this.ts = ts;
            this.api = new MgmtClient(ts);
            this.model = model;
        }

        void step(Op op) {
            step++;
            // Mostly members (the interesting rights); the four fixed callers a fifth of the time.
            int members = model.callers.size() - 4;
            Caller who = model.callers.get(op.caller() < 80 ? op.caller() % members : members + op.caller() % 4);
            Key key = op.key() == 99 ? null : model.keys.get(op.key() % model.keys.size());
            List<Key> otherUseCases = model.keys.stream().filter(k -> k.useCase != UseCase.USER).toList();
            if (key != null && op.team() % 4 == 3 && !otherUseCases.isEmpty()) { // the superuser-only keys, often
                key = otherUseCases.get(op.key() % otherUseCases.size());
            }
            Project project = op.project() == 49 ? null : model.projects.get(op.project() % model.projects.size());
            // Often the path names the key's or project's own organization and project, so that
            // requests get past the lookups; otherwise any combination, across organizations too.
            Org org = op.org() == 9 ? null : model.orgs.get(op.org() % model.orgs.size());
            if (key != null && op.a() % 3 != 2 && isKeyRoute(op.kind())) {
                project = key.project;
            }
            if (project != null && op.a() % 3 != 2 && op.kind() != Kind.ORG_KEYS && op.kind() != Kind.ORG_PROJECTS) {
                org = project.org();
            }
            String orgRef = org == null ? (op.orgById() ? "999999999" : "no-such-org")
                    : op.orgById() ? Long.toString(org.id) : org.slug;
            String projectRef = project == null ? (op.projectById() ? "999999998" : "no-such-project")
                    : op.projectById() ? Long.toString(project.id()) : project.slug();
            String keyRef = key == null ? UNKNOWN_KEY : key.publicKey;
            String keysPath = "/api/0/projects/" + orgRef + "/" + projectRef + "/keys/";
            String status = List.of("", "active", "inactive", "bogus", "").get(op.c());
            String statusQuery = op.c() == 0 ? "" : "&status=" + status;

            Map<Long, ClientKey> before = storeKeys();
            Expected exp;
            MgmtClient.Reply r;
            String body = null;
            switch (op.kind()) {
                case ORG_KEYS -> {
                    List<String> ids = new ArrayList<>();
                    List<String> slugs = new ArrayList<>();
                    Project second = key == null ? null : key.project;
                    if (org != null && op.team() % 3 != 0) { // mostly the organization's own projects
                        project = org.projects.get(op.project() % org.projects.size());
                        second = org.projects.get(op.key() % org.projects.size());
                    }
                    String other = second == null ? "999999997" : Long.toString(second.id());
                    String id = project == null ? "999999998" : Long.toString(project.id());
                    String slug = project == null ? "no-such-project" : project.slug();
                    switch (op.a()) {
                        case 1 -> ids.add("-1");
                        case 2 -> slugs.add("$all");
                        case 3 -> ids.add(id);
                        case 4 -> ids.addAll(List.of(id, other));
                        case 5 -> slugs.add(slug);
                        case 6 -> ids.add(op.b() % 2 == 0 ? "abc" : "12x");
                        case 7 -> {
                            slugs.add(slug);
                            ids.add(other);
                        }
                        case 8 -> ids.addAll(List.of("-1", id));
                        case 9 -> ids.add("");
                        default -> { }
                    }
                    var team = model.teams.get(op.team() % model.teams.size());
                    String teamRef = switch (op.b()) {
                        case 1 -> team.slug();
                        case 2 -> Long.toString(team.id());
                        case 3 -> "no-such-team";
                        case 4 -> "";
                        default -> null;
                    };
                    StringBuilder q = new StringBuilder("?per_page=100").append(statusQuery);
                    ids.forEach(v -> q.append("&project=").append(v));
                    slugs.forEach(v -> q.append("&projectSlug=").append(v));
                    if (teamRef != null) {
                        q.append("&team=").append(teamRef);
                    }
                    exp = model.orgKeys(who, orgRef, ids, slugs, teamRef, status);
                    r = api.get("/api/0/organizations/" + orgRef + "/project-keys/" + q, who.token());
                }
                case PROJECT_KEYS -> {
                    exp = model.projectKeys(who, orgRef, projectRef, status);
                    r = api.get(keysPath + "?per_page=100" + statusQuery, who.token());
                }
                case KEY_GET -> {
                    exp = model.keyDetail(who, orgRef, projectRef, keyRef, IsolationModel.PROJECT_READ, 200);
                    r = api.get(keysPath + keyRef + "/", who.token());
                }
                case KEY_PUT -> {
                    body = switch (op.b()) {
                        case 0 -> "{\"name\":\"r" + step + "\"}";
                        case 1 -> "{\"isActive\":" + (op.c() % 2 == 0) + "}";
                        case 2 -> "{\"name\":\"r" + step + "\",\"isActive\":" + (op.c() % 2 == 0) + "}";
                        default -> "{\"name\":\"\"}";
                    };
                    exp = model.keyDetail(who, orgRef, projectRef, keyRef, IsolationModel.PROJECT_WRITE, 200);
                    r = api.put(keysPath + keyRef + "/", who.token(), body);
                }
                case KEY_DELETE -> {
                    exp = model.keyDetail(who, orgRef, projectRef, keyRef, IsolationModel.PROJECT_ADMIN, 204);
                    r = api.delete(keysPath + keyRef + "/", who.token());
                }
                case KEY_POST -> {
                    body = switch (op.b() % 3) {
                        case 0 -> "{}";
                        case 1 -> "{\"name\":\"n" + step + "\"}";
                        default -> "{\"name\":\"n" + step + "\",\"useCase\":\"profiling\"}";
                    };
                    exp = model.onProject(who, orgRef, projectRef, IsolationModel.PROJECT_WRITE, 201);
                    r = api.post(keysPath, who.token(), body);
                }
                case PROJECT_GET -> {
                    exp = model.onProject(who, orgRef, projectRef, IsolationModel.PROJECT_READ, 200);
                    r = api.get("/api/0/projects/" + orgRef + "/" + projectRef + "/", who.token());
                }
                default -> {
                    exp = model.orgProjects(who, orgRef);
                    r = api.get("/api/0/organizations/" + orgRef + "/projects/?per_page=100", who.token());
                }
            }
            String where = "step " + step + " " + op + " by " + who + " (" + r.raw().request().method() + " "
                    + r.raw().request().uri().getRawPath() + (r.raw().request().uri().getRawQuery() == null ? "" : "?" + r.raw().request().uri().getRawQuery())
                    + (body == null ? "" : " " + body) + ") → " + r.status() + " " + r.raw().body();
            SEEN.merge(op.kind() + " " + r.status() + (exp.keys().isEmpty() ? "" : " +keys"), 1, Integer::sum);
            assertEquals(exp.status(), r.status(), where);
            Set<Key> shown = new HashSet<>(exp.keys());
            if (!exp.ok()) {
                assertEquals(Map.of("detail", exp.detail()), r.json(), where);
                assertEquals(before, storeKeys(), "a refused request changed the store: " + where);
            } else {
                checkAnswer(op.kind(), exp, r, who, body, key, where, shown);
            }
            noForeignKeys(r.raw().body(), shown, where);
            if (exp.ok() && (op.kind() == Kind.KEY_PUT || op.kind() == Kind.KEY_DELETE || op.kind() == Kind.KEY_POST)) {
                storeAgreesWithModel(where);
            } else {
                assertEquals(before, storeKeys(), "a read changed the store: " + where);
            }
        }

        private static boolean isKeyRoute(Kind k) {
            return k == Kind.KEY_GET || k == Kind.KEY_PUT || k == Kind.KEY_DELETE;
        }

        /** A 2xx: the right keys or projects, and the model follows a write the server made. */
        private void checkAnswer(Kind kind, Expected exp, MgmtClient.Reply r, Caller who, String body, Key key,
                                 String where, Set<Key> shown) {
            switch (kind) {
                case ORG_KEYS, PROJECT_KEYS -> assertEquals(exp.keys().stream().map(k -> k.publicKey).toList(),
                        r.objects().stream().map(o -> o.get("id")).toList(), where);
                case KEY_GET -> assertEquals(key.publicKey, r.obj().get("id"), where);
                case KEY_PUT -> {
                    assertEquals(key.publicKey, r.obj().get("id"), where);
                    if (body.contains("\"name\":\"r")) {
                        key.label = "r" + step;
                    }
                    if (body.contains("isActive")) {
                        key.active = body.contains("\"isActive\":true");
                    }
                    assertEquals(key.label, r.obj().get("name"), where);
                    assertEquals(key.active, r.obj().get("isActive"), where);
                }
                case KEY_DELETE -> {
                    assertTrue(r.raw().body().isEmpty(), where);
                    key.deleted = true;
                }
                case KEY_POST -> {
                    Project p = exp.projects().get(0);
                    String pub = (String) r.obj().get("public");
                    ClientKey made = ts.store().state().key(p.id(), pub).orElse(null);
                    assertNotNull(made, "the new key is not in the project it was posted to: " + where);
                    assertEquals(p.id(), ((Number) r.obj().get("projectId")).longValue(), where);
                    UseCase useCase = who.superuser() && body.contains("profiling") ? UseCase.PROFILING : UseCase.USER;
                    Key k = new Key(made.id(), p, pub, (String) r.obj().get("secret"), useCase,
                            made.label(), true);
                    model.keys.add(k);
                    shown.add(k);
                }
                case PROJECT_GET -> {
                    Project p = exp.projects().get(0);
                    assertEquals(Long.toString(p.id()), r.obj().get("id"), where);
                    assertEquals(p.slug(), r.obj().get("slug"), where);
                }
                default -> assertEquals(exp.projects().stream().map(Project::slug).toList(), r.slugs(), where);
            }
            if (kind == Kind.PROJECT_GET || kind == Kind.ORG_PROJECTS) {
                for (Project p : model.projects) {
                    if (!exp.projects().contains(p)) {
                        assertFalse(r.raw().body().contains("\"" + p.slug() + "\""), "project " + p + " shown: " + where);
                    }
                }
            }
        }

        /** No public or secret key of a key the answer should not show, deleted ones included. */
        private void noForeignKeys(String body, Set<Key> shown, String where) {
            for (Key k : model.keys) {
                if (!shown.contains(k)) {
                    assertFalse(body.contains(k.publicKey), k + " (public) leaked: " + where);
                    assertFalse(body.contains(k.secretKey), k + " (secret) leaked: " + where);
                }
            }
        }

        private Map<Long, ClientKey> storeKeys() {
            var state = ts.store().state();
            Map<Long, ClientKey> out = new HashMap<>();
            for (Project p : model.projects) {
                for (ClientKey k : state.keys(p.id())) {
                    out.put(k.id(), k);
                }
            }
            return out;
        }

        /** After a write: exactly the model's live keys, with its labels, statuses and use cases. */
        private void storeAgreesWithModel(String where) {
            Map<Long, ClientKey> actual = storeKeys();
            Map<Long, String> want = new HashMap<>();
            for (Key k : model.keys) {
                if (!k.deleted) {
                    want.put(k.id, k.project.id() + " " + k.publicKey + " " + k.secretKey + " " + k.label + " "
                            + k.active + " " + k.useCase);
                }
            }
            Map<Long, String> got = new HashMap<>();
            actual.forEach((id, k) -> got.put(id, k.projectId() + " " + k.publicKey() + " " + k.secretKey() + " "
                    + k.label() + " " + k.active() + " " + k.useCase()));
            assertEquals(want, got, "store after " + where);
        }
    }
}
