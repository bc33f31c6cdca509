package keys.http;

import static keys.http.KeysHttp.links;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Scope;
import keys.domain.User;
import keys.json.Json;
import keys.store.Change;
import keys.testing.Gen;
import keys.testing.Prop;

/**
 * Following {@code rel="next"} from the first audit-log page visits every matching row exactly
 * once, newest first with ties by id, at any page size and with many rows in one millisecond (the
 * cursor's unit). Following {@code rel="previous"} back reaches every row again, each page a
 * run of the same order; its pages need not be the forward ones: where rows share a millisecond
 * Sentry's previous cursors overlap pages, and keys builds them as Sentry does.
 */
class AuditPagingPropertyTest {
    static TestServer ts;

    @BeforeAll
    static void start() {
        ts = TestServer.start();
    }

    @AfterAll
    static void stop() {
        ts.close();
    }

    record Row(long micros, boolean edit) {
    }

    record Plan(List<Row> rows, int perPage, boolean onlyEdits) {
    }

    static final Gen<Plan> PLANS = s -> {
        List<Row> rows = new ArrayList<>();
        long base = 1_700_000_000_000_000L;
        for (int n = s.drawInt(0, 30); n > 0; n--) {
            long ms = s.drawInt(0, 4); // few milliseconds: many rows share one
            long micros = base + ms * 1000 + (s.drawBoolean() ? 0 : s.drawInt(0, 999));
            rows.add(new Row(micros, s.drawInt(0, 3) != 0));
        }
        return new Plan(rows, s.drawInt(1, 5), s.drawBoolean());
    };

    @Test
    void cursorsVisitEveryRowOnceInOrder() {
        Prop.forAll(60, PLANS, AuditPagingPropertyTest::check);
    }

    static void check(Plan plan) {
        Organization org = ts.seed().org(MgmtClient.unique("page"));
        User owner = ts.seed().user(MgmtClient.unique("o") + "@x.io");
        ts.seed().member(org, owner, OrgRole.OWNER);
        String token = ts.seed().token(owner, Scope.ORG_WRITE);
        List<AuditEntry> written = ts.store().write(tx -> {
            List<AuditEntry> out = new ArrayList<>();
            for (Row r : plan.rows()) {
                AuditEvent event = r.edit() ? AuditEvent.ORG_EDIT : AuditEvent.ORG_ADD;
                AuditEntry e = new AuditEntry(tx.nextAuditId(), org.id(), event.id(), owner.id(), null, org.id(), 0,
                        "{}", r.micros());
                tx.add(new Change.PutAudit(e));
                out.add(e);
            }
            return out;
        });
        List<String> expected = written.stream()
                .filter(e -> !plan.onlyEdits() || e.event() == AuditEvent.ORG_EDIT.id())
                .sorted(Comparator.comparingLong(AuditEntry::createdMicros).thenComparingLong(AuditEntry::id).reversed())
                .map(e -> Long.toString(e.id())).toList();

        String first = "/api/0/organizations/" + org.slug() + "/audit-logs/?per_page=" + plan.perPage()
                + (plan.onlyEdits() ? "&event=org.edit" : "");
        List<List<String>> pages = new ArrayList<>();
        HttpResponse<String> r = ts.get(first, token);
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(links(r)[0].results(), "the first page has no previous page");
        pages.add(ids(r));
        while (links(r)[1].results()) {
            r = ts.get(links(r)[1].url().substring(ts.url.length()), token);
            pages.add(ids(r));
            if (pages.size() > expected.size() + 2) {
                throw new AssertionError("next cursors do not end: " + pages);
            }
        }
        List<String> visited = new ArrayList<>();
        pages.forEach(visited::addAll);
        assertEquals(expected, visited, () -> "pages " + pages);

        List<List<String>> back = new ArrayList<>();
        back.add(ids(r));
        while (links(r)[0].results()) {
            r = ts.get(links(r)[0].url().substring(ts.url.length()), token);
            back.addFirst(ids(r));
            if (back.size() > pages.size() + 2) {
                throw new AssertionError("previous cursors do not end: " + back);
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (List<String> page : back) {
            seen.addAll(page);
            if (!page.isEmpty()) {
                int at = expected.indexOf(page.getFirst());
                assertEquals(expected.subList(at, at + page.size()), page, () -> "back " + back);
            }
        }
        assertEquals(java.util.Set.copyOf(expected), seen, () -> "back " + back);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(HttpResponse<String> r) {
        Map<String, Object> body = (Map<String, Object>) Json.parse(r.body());
        return ((List<Map<String, Object>>) body.get("rows")).stream().map(o -> (String) o.get("id")).toList();
    }
}
