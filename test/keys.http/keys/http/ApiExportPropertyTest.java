package keys.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.store.FsyncPolicy;
import keys.store.State;
import keys.store.Store;
import keys.store.StoreOptions;
import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

/**
 * Whatever the API lets a client write, {@code keys import} takes back: random programs of
 * management calls (valid and invalid values, near every limit, colliding slugs and key values),
 * then export, import into an empty directory, export again: the same bytes, and the imported
 * directory checks OK.
 */
class ApiExportPropertyTest {
    private static final List<String> TEXTS = List.of("Backend", "  Padded  ", "Ünïcødé ✓ 🔑", "x".repeat(50),
            "y".repeat(64), "z".repeat(255), "w".repeat(65), "", "Big Org!", "2024", "line\nbreak", "\u00a0nbsp\u00a0",
            "a\u0000b");
    private static final List<String> SLUGS = List.of("core", "web", "api", "big-org", "s".repeat(50), "Big Org!",
            "2024", "a_b", "");
    private static final List<String> EMAILS = List.of("m1@example.com", "M2@Example.COM", "m1@example.com", "bad",
            "ü@exämple.com", "e".repeat(70) + "@x.io");
    private static final List<String> PLATFORMS = List.of("python", "javascript-react", "Py thon", "", "p".repeat(65));
    private static final List<String> RELAYS = List.of("https://relay.example.com/", "ftp://relay.example.com/", "",
            "http://r.example/" + "r".repeat(190));
    private static final List<String> SDKS = List.of("latest", "10.x", "7.x", "99.x");
    private static final List<String> KEY_VALUES = List.of("0".repeat(32), "1".repeat(32), "abcdef".repeat(5) + "01");
    private static final List<Long> COUNTS = List.of(0L, 1L, 10L, 2_147_483_647L, -1L);
    private static final List<Long> WINDOWS = List.of(0L, 1L, 60L, 86_400L, 86_401L, 999_999L);
    private static final List<String> ROLES = List.of("member", "admin", "manager", "owner");
    private static final List<String> SCOPES = List.of("org:read", "project:write", "team:admin", "bogus");

    /** One management call: which, on which existing object, and with which of the values above. */
    record Step(int op, int pick, int a, int b, int c) {
    }

    /** Operations by weight: creations often, so that programs reach keys; deletions now and then. */
    private static final int[] OPS = {0, 0, 1, 2, 2, 2, 3, 4, 5, 5, 5, 5, 6, 7, 8, 8, 8, 8, 9, 9, 9, 9, 10, 11, 11, 12, 13,
        14, 14, 15};

    private static final Gen<Step> STEP = s -> new Step(OPS[s.drawInt(0, OPS.length - 1)], s.drawInt(0, 7),
            s.drawInt(0, 63), s.drawInt(0, 63), s.drawInt(0, 63));

    @Test
    void everyExportOfWhatTheApiWroteImportsToTheSameBytes() {
        Prop.forAll(Integer.getInteger("keys.tries", 25), Gens.lists(STEP, 10, 40), steps -> {
            byte[] exported;
            try (TestServer ts = TestServer.start()) {
                MgmtClient api = new MgmtClient(ts);
                base(api, ts.adminToken);
                for (Step step : steps) {
                    run(api, ts, step);
                }
                exported = export(ts.store().state());
            }
            Path dir = tempDir();
            Store.importInto(dir, new ByteArrayInputStream(exported), StoreOptions.defaults().withFsync(FsyncPolicy.NEVER));
            assertTrue(Store.check(dir).ok(), Store.check(dir).describe());
            try (Store again = Store.open(dir, StoreOptions.defaults().withFsync(FsyncPolicy.NEVER))) {
                assertArrayEquals(exported, export(again.state()));
            }
        });
    }

    /** An organization with a team and a project (and so its Default key), for the steps to work on. */
    private static void base(MgmtClient api, String token) {
        api.post("/api/0/organizations/", token, body("name", "Base", "slug", "base")).expect(201);
        api.post("/api/0/organizations/base/teams/", token, body("slug", "core")).expect(201);
        api.post("/api/0/teams/base/core/projects/", token, body("name", "API", "slug", "api")).expect(201);
    }

    private static void run(MgmtClient api, TestServer ts, Step st) {
        State s = ts.store().state();
        String token = ts.adminToken;
        Organization org = pick(s.organizations(), st.pick());
        Team team = org == null ? null : pick(s.teams(org.id()), st.a());
        Project project = org == null ? null : pick(s.projects(org.id()), st.b());
        ClientKey key = project == null ? null : pick(s.keys(project.id()), st.c());
        Member member = org == null ? null : pick(s.members(org.id()), st.c());
        String orgPath = org == null ? null : "/api/0/organizations/" + org.slug() + "/";
        MgmtClient.Reply r = switch (st.op()) {
            case 0 -> api.post("/api/0/organizations/", token, body("name", pick(TEXTS, st.a()), "slug", slug(st.b())));
            case 1 -> org == null ? null : api.put(orgPath, token, body("name", pick(TEXTS, st.a()),
                    "slug", slug(st.b()), "openMembership", st.c() % 2 == 0,
                    "relayDsnEndpoint", st.c() % 5 == 4 ? null : pick(RELAYS, st.c())));
            case 2 -> org == null ? null : api.post(orgPath + "teams/", token,
                    body("name", pick(TEXTS, st.a()), "slug", slug(st.b())));
            case 3 -> team == null ? null : api.put(teamPath(org, team), token,
                    body("name", pick(TEXTS, st.b()), "slug", slug(st.c())));
            case 4 -> team == null || st.c() % 3 != 0 ? null : api.delete(teamPath(org, team), token);
            case 5 -> team == null ? null : api.post(teamPath(org, team) + "projects/", token,
                    body("name", pick(TEXTS, st.b()), "slug", slug(st.c()), "platform", pick(PLATFORMS, st.c())));
            case 6 -> project == null ? null : api.put(projectPath(org, project), token,
                    body("name", pick(TEXTS, st.a()), "slug", slug(st.c()), "platform", pick(PLATFORMS, st.a())));
            case 7 -> project == null || team == null ? null
                    : api.post(projectPath(org, project) + "teams/" + team.slug() + "/", token, null);
            case 8 -> project == null ? null : api.post(projectPath(org, project) + "keys/", token, body(
                    "name", pick(TEXTS, st.a()), "rateLimit", Map.of("count", pick(COUNTS, st.b()),
                            "window", pick(WINDOWS, st.c())),
                    "public", st.a() % 2 == 0 ? null : pick(KEY_VALUES, st.b()),
                    "secret", st.b() % 2 == 0 ? null : pick(KEY_VALUES, st.c())));
            case 9 -> key == null ? null : api.put(projectPath(org, project) + "keys/" + key.publicKey() + "/", token,
                    body("name", pick(TEXTS, st.a()), "isActive", st.b() % 2 == 0,
                            "rateLimit", Map.of("count", pick(COUNTS, st.a()), "window", pick(WINDOWS, st.b())),
                            "browserSdkVersion", pick(SDKS, st.c()), "dynamicSdkLoaderOptions", loader(st.c())));
            case 10 -> key == null || st.a() % 3 != 0 ? null
                    : api.delete(projectPath(org, project) + "keys/" + key.publicKey() + "/", token);
            case 11 -> org == null ? null : api.post(orgPath + "members/", token, body("email", pick(EMAILS, st.a()),
                    "orgRole", pick(ROLES, st.b()), "teamRoles",
                    team == null ? null : List.of(Map.of("teamSlug", team.slug(), "role", "contributor"))));
            case 12 -> member == null ? null : api.put(orgPath + "members/" + member.id() + "/", token,
                    body("orgRole", pick(ROLES, st.a())));
            case 13 -> member == null || st.a() % 3 != 0 ? null
                    : api.delete(orgPath + "members/" + member.id() + "/", token);
            case 14 -> api.post("/api/0/api-tokens/", token, body("name", pick(TEXTS, st.a()),
                    "scopes", List.of(pick(SCOPES, st.b()), pick(SCOPES, st.c())),
                    "user", st.c() % 2 == 0 ? null : pick(EMAILS, st.a())));
            default -> org == null || st.a() % 4 != 0 ? null : api.delete(orgPath, token);
        };
        if (r != null) {
            assertTrue(r.status() < 500, () -> st + ": " + r.status() + " " + r.raw().body());
        }
    }

    private static String teamPath(Organization org, Team team) {
        return "/api/0/teams/" + org.slug() + "/" + team.slug() + "/";
    }

    private static String projectPath(Organization org, Project project) {
        return "/api/0/projects/" + org.slug() + "/" + project.slug() + "/";
    }

    /** A slug, or (index past the list) none: the API then makes one from the name. */
    private static String slug(int i) {
        return i < SLUGS.size() * 2 ? SLUGS.get(i % SLUGS.size()) : null;
    }

    private static Map<String, Object> loader(int bits) {
        Map<String, Object> out = new HashMap<>();
        for (LoaderOption o : LoaderOption.values()) {
            if ((bits & o.bit()) != 0) {
                out.put(o.wire(), (bits >> 5 & 1) == 0);
            }
        }
        return out;
    }

    /** A JSON object of the pairs whose value is not null (an absent field, not a null one). */
    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return out;
    }

    private static <T> T pick(List<T> items, int i) {
        return items.isEmpty() ? null : new ArrayList<>(items).get(i % items.size());
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("keys-api-export");
            Files.delete(dir);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] export(State state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Store.export(state, out);
        return out.toByteArray();
    }
}
