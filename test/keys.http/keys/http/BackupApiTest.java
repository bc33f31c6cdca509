package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import keys.domain.ClientKey;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Team;
import keys.json.Json;
import keys.store.Change;
import keys.store.FsyncPolicy;
import keys.store.Store;
import keys.store.StoreOptions;

/**
 * interface.md §3 and §7, {@code GET /backup}: only a superuser's token that itself holds
 * {@code org:admin}; streamed JSON Lines of one consistent state while 8 clients keep writing
 * under group commit; the import checks and holds every key acknowledged before the request.
 */
class BackupApiTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<InputStream> backup(TestServer ts, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ts.url + "/backup")).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String body(HttpResponse<InputStream> r) throws Exception {
        try (InputStream in = r.body()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void onlyASuperusersTokenHoldingOrgAdminMayReadIt() throws Exception {
        try (TestServer ts = TestServer.start()) {
            Seed seed = ts.seed();
            Organization org = seed.org(MgmtClient.unique("backup"));
            String owner = seed.memberToken(org, "owner@example.com", OrgRole.OWNER);
            var superuser = seed.user("narrow@example.com", true);
            String narrow = seed.token(superuser, Scope.ORG_READ, Scope.ORG_WRITE, Scope.PROJECT_ADMIN);
            String adminOnly = seed.token(superuser, Scope.ORG_ADMIN);

            HttpResponse<InputStream> none = backup(ts, null);
            assertEquals(401, none.statusCode());
            assertEquals("{\"detail\":\"Authentication credentials were not provided.\"}", body(none));
            for (String token : List.of(owner, narrow)) {
                HttpResponse<InputStream> r = backup(ts, token);
                assertEquals(403, r.statusCode());
                assertEquals("{\"detail\":\"You do not have permission to perform this action.\"}", body(r));
            }
            HttpResponse<InputStream> ok = backup(ts, adminOnly);
            assertEquals(200, ok.statusCode());
            assertEquals("application/x-ndjson", ok.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(ok.headers().firstValue("Content-Length").isEmpty(), "streamed, not sized up front");
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            Store.export(ts.store().state(), expected);
            assertEquals(expected.toString(java.nio.charset.StandardCharsets.UTF_8), body(ok));
            assertEquals(200, backup(ts, ts.adminToken).statusCode());
        }
    }

    @Test
    void aBackupUnderLoadHoldsEveryAcknowledgedWrite() throws Exception {
        Path restored = Files.createTempDirectory("keys-backup-restored").resolve("data");
        Set<String> before;
        Set<String> initial = new HashSet<>();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        try (TestServer ts = TestServer.start(c -> c, o -> o.withFsync(FsyncPolicy.BATCH))) {
            Seed seed = ts.seed();
            Organization org = seed.org(MgmtClient.unique("load"));
            Team team = seed.team(org, "t");
            Project project = seed.project(org, "p", team);
            initial.addAll(publicKeys(ts.store().state()));
            String path = "/api/0/projects/" + org.slug() + "/" + project.slug() + "/keys/";
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                writers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get() && errors.isEmpty()) {
                        try {
                            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(ts.url + path))
                                    .header("Authorization", "Bearer " + ts.adminToken)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"k\"}")).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 201) {
                                errors.add(r.statusCode() + " " + r.body());
                            }
                            acked.add((String) ((Map<?, ?>) Json.parse(r.body())).get("public")); // a key's id is its public key
                        } catch (Exception e) {
                            errors.add(e.toString());
                        }
                    }
                }));
            }
            try {
                while (acked.size() < 300 && errors.isEmpty()) {
                    Thread.sleep(2);
                }
                before = Set.copyOf(acked);
                HttpResponse<InputStream> r = backup(ts, ts.adminToken);
                assertEquals(200, r.statusCode());
                try (InputStream in = r.body()) {
                    Store.importInto(restored, in, StoreOptions.defaults().withFsync(FsyncPolicy.NEVER));
                }
            } finally {
                stop.set(true);
                for (Thread t : writers) {
                    t.join();
                }
            }
        }
        assertEquals(List.of(), errors, "a writer saw an error");
        assertTrue(Store.check(restored).ok(), Store.check(restored).toString());
        Set<String> ids;
        try (Store store = Store.open(restored, StoreOptions.defaults().withFsync(FsyncPolicy.NEVER))) {
            ids = publicKeys(store.state());
        }
        Set<String> missing = new HashSet<>(before);
        missing.removeAll(ids);
        assertEquals(Set.of(), missing, "acknowledged before the backup began, missing from it");
        ids.removeAll(acked);
        assertEquals(initial, ids, "no key that nobody made");
    }

    private static Set<String> publicKeys(keys.store.State state) {
        Set<String> ids = new HashSet<>();
        for (Change c : state.asChanges()) {
            if (c instanceof Change.PutKey(ClientKey k)) {
                ids.add(k.publicKey());
            }
        }
        return ids;
    }
}
