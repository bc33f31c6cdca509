package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Scope;
import keys.domain.User;
import keys.store.Change;
import org.junit.jupiter.api.Test;

/**
 * Audit rows on disk, through HTTP: the list reads them back after a restart and a compaction,
 * {@code GET /backup} carries them, and a damaged row answers its pages with a 503 naming the
 * file (never a 500 with a stack trace) while every other page and route goes on.
 */
class AuditRowsApiTest {
    private static final String ROWS = "audit-00000000000000000001.rows";

    @Test
    void rowsOnDiskSurviveRestartAndCompactionAndADamagedRowIsANamedError() throws IOException {
        assumeFalse(TestServer.inMemory(), "rows on disk need a data directory");
        try (TestServer ts = TestServer.start()) {
            Organization org = ts.seed().org("rows");
            User u = ts.seed().user("rows-owner@x.io");
            ts.seed().member(org, u, OrgRole.OWNER);
            String token = ts.seed().token(u, Scope.ORG_WRITE, Scope.ORG_READ);
            for (int i = 0; i < 150; i++) {
                long micros = 1_700_000_000_000_000L + i * 1000L;
                int n = i;
                ts.store().write(tx -> {
                    tx.add(new Change.PutAudit(new AuditEntry(tx.nextAuditId(), org.id(), AuditEvent.ORG_EDIT.id(),
                            u.id(), "10.1.2." + (n % 250), org.id(), 0, "{\"slug\":\"s" + n + "\"}", micros)));
                    return null;
                });
            }
            String path = "/api/0/organizations/" + org.slug() + "/audit-logs/";
            String first = ts.get(path, token).body();
            assertTrue(first.contains("\"ipAddress\":\"10.1.2.149\""), first);
            ts.store().compact();
            ts.restart();
            assertEquals(first, ts.get(path, token).body(), "the same page after a compaction and a restart");
            String backup = ts.get("/backup", ts.adminToken).body();
            assertTrue(backup.contains("\"data\":{\"slug\":\"s0\"}"), "the backup carries the rows");

            damageOldestRows(ts.dataDir().resolve(ROWS));
            ts.restart(); // opens from the snapshot's index: no row is read
            HttpResponse<String> newest = ts.get(path + "?per_page=20", token);
            assertEquals(200, newest.statusCode(), newest.body());
            HttpResponse<String> page = ts.get(path, token);
            assertEquals(200, page.statusCode(), page.body());
            java.util.regex.Matcher next = java.util.regex.Pattern.compile("rel=\"next\"; results=\"true\"; cursor=\"([^\"]+)\"")
                    .matcher(page.headers().firstValue("Link").orElseThrow());
            assertTrue(next.find(), page.headers().toString());
            HttpResponse<String> all = ts.get(path + "?cursor=" + next.group(1), token); // the oldest 50
            assertEquals(503, all.statusCode(), all.body());
            assertTrue(all.body().contains(ROWS) && all.body().contains("keys check"), all.body());
            assertFalse(all.body().contains(ts.dataDir().toString()), "the directory's path stays on the server");
            assertFalse(all.body().contains("Exception"), all.body());
            assertEquals(200, ts.get("/api/0/organizations/" + org.slug() + "/", token).statusCode());
        }
    }

    /** Flips a byte in each of the first rows of the file (the oldest entries). */
    private static void damageOldestRows(Path rows) throws IOException {
        try (FileChannel ch = FileChannel.open(rows, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (long at = 20; at < 400; at += 37) {
                ByteBuffer b = ByteBuffer.allocate(1);
                ch.read(b, at);
                b.put(0, (byte) ~b.get(0)).rewind();
                ch.write(b, at);
            }
        }
    }
}
