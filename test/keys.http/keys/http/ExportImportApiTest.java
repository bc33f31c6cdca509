package keys.http;

import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.domain.UseCase;
import keys.store.FsyncPolicy;
import keys.store.Store;
import keys.store.StoreOptions;

/**
 * interface.md §4 end to end: what a server holds, exported and imported into a new directory,
 * is served again exactly — every list, page by page, with its Link headers — and exports to the
 * same bytes. The old tokens still work: only their hashes travelled.
 */
class ExportImportApiTest {
    /** Both servers present the same URLs, so their answers can be compared byte for byte. */
    private static final UnaryOperator<ServerConfig> SAME_URLS = c -> new ServerConfig(c.listen(),
            "https://keys.example", "https://ingest.example", false, null, false, false);

    @Test
    void anImportedDirectoryServesTheSameAnswers() throws Exception {
        Path imported = Files.createTempDirectory("keys-imported");
        List<String> paths = new ArrayList<>();
        Map<String, String> before;
        byte[] exported;
        String admin;
        String member;
        try (TestServer ts = TestServer.start(SAME_URLS)) {
            MgmtClient api = new MgmtClient(ts);
            admin = ts.adminToken;
            Seed seed = ts.seed();
            String memberToken = null;
            for (String name : List.of("north", "south")) {
                Organization org = seed.org(unique(name));
                Team a = seed.team(org, "alpha");
                Team b = seed.team(org, "beta");
                Project p1 = seed.project(org, "web", a);
                Project p2 = seed.project(org, "api", a, b);
                for (int i = 0; i < 4; i++) {
                    seed.key(p1, "Web ✓ " + i, i % 2 == 0, UseCase.USER);
                    seed.key(p2, "Api " + i, true, i == 3 ? UseCase.PROFILING : UseCase.USER);
                }
                memberToken = seed.memberToken(org, unique("m") + "@example.com", OrgRole.MEMBER, b);
                String keys = KeysHttp.projectKeys(org.slug(), "api");
                String first = (String) api.get(keys, admin).expect(200).objects().get(0).get("id");
                api.put(keys + first + "/", admin, Map.of("name", "Renamed", "isActive", false,
                        "rateLimit", Map.of("count", 7, "window", 60))).expect(200);
                paths.addAll(List.of(KeysHttp.orgKeys(org.slug()), KeysHttp.orgKeys(org.slug()) + "?team=beta&status=active",
                        keys, "/api/0/organizations/" + org.slug() + "/teams/",
                        "/api/0/organizations/" + org.slug() + "/projects/",
                        "/api/0/organizations/" + org.slug() + "/members/"));
            }
            member = memberToken;
            paths.add("/api/0/organizations/");
            before = answers(ts, paths, admin, member);
            assertTrue(before.values().stream().anyMatch(v -> v.startsWith("200 <") && v.contains("\"Renamed\"")),
                    "a paged key list with the renamed key");
            assertTrue(before.entrySet().stream().anyMatch(e -> e.getKey().startsWith(member.substring(member.length() - 6))
                    && e.getValue().startsWith("200") && e.getValue().contains("\"dsn\"")), "the member sees keys");
            exported = export(ts.store());
        }
        Files.delete(imported);
        Store.importInto(imported, new ByteArrayInputStream(exported), StoreOptions.defaults().withFsync(FsyncPolicy.NEVER));
        try (TestServer again = TestServer.startOn(imported, SAME_URLS)) {
            assertEquals(before, answers(again, paths, admin, member));
        }
    }

    @Test
    void exportOfAnImportIsTheSameBytes() throws Exception {
        byte[] exported;
        try (TestServer ts = TestServer.start(SAME_URLS)) {
            Seed seed = ts.seed();
            Organization org = seed.org(unique("bytes"));
            Project p = seed.project(org, "p", seed.team(org, "t"));
            seed.key(p, "Ünïcode label 🔑", false, UseCase.USER);
            exported = export(ts.store());
        }
        Path dir = Files.createTempDirectory("keys-imported");
        Files.delete(dir);
        Store.importInto(dir, new ByteArrayInputStream(exported), StoreOptions.defaults());
        try (Store s = Store.open(dir, StoreOptions.defaults())) {
            assertArrayEquals(exported, export(s));
        }
    }

    /** Every page of every path, for two callers: status, body and Link header. */
    private static Map<String, String> answers(TestServer ts, List<String> paths, String... tokens) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String token : tokens) {
            for (String path : paths) {
                String url = path + (path.contains("?") ? "&" : "?") + "per_page=3";
                for (int page = 0; url != null && page < 50; page++) {
                    var r = ts.get(url, token);
                    String link = r.headers().firstValue("Link").orElse("");
                    out.put(token.substring(token.length() - 6) + " " + url,
                            r.statusCode() + " " + link + "\n" + r.body());
                    url = null;
                    if (r.statusCode() == 200 && !link.isEmpty()) {
                        KeysHttp.Link next = KeysHttp.links(r)[1];
                        url = next.results() ? next.url().substring("https://keys.example".length()) : null;
                    }
                }
            }
        }
        return out;
    }

    private static byte[] export(Store store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Store.export(store.state(), out);
        return out.toByteArray();
    }
}
