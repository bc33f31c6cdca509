package keys.http;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import keys.domain.Organization;
import keys.domain.Team;

import static keys.http.MgmtClient.detail;
import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Teams and projects are listed by slug with Sentry's OffsetPaginator: page cursors, its errors. */
class OffsetPaginationApiTest extends ApiTestBase {
    /** Teams "e", "d", "c", "b", "a" made in that order, so creation order is the reverse of slug order. */
    private static Organization orgWithTeams() {
        Organization org = ts.seed().org(unique("o"));
        for (String s : List.of("e", "d", "c", "b", "a")) {
            ts.seed().team(org, s);
        }
        return org;
    }

    private static String teams(Organization org) {
        return "/api/0/organizations/" + org.slug() + "/teams/";
    }

    private static String link(Organization org, String query, String prev, boolean hasPrev, String next, boolean hasNext) {
        String base = ts.url + teams(org) + "?" + query;
        return "<" + base + "&cursor=" + prev + ">; rel=\"previous\"; results=\"" + hasPrev + "\"; cursor=\"" + prev
                + "\", <" + base + "&cursor=" + next + ">; rel=\"next\"; results=\"" + hasNext + "\"; cursor=\"" + next + "\"";
    }

    @Test
    void teamsComeBySlugInPagesWithPageCursors() {
        Organization org = orgWithTeams();
        var first = api.get(teams(org), ts.adminToken).expect(200);
        assertEquals(List.of("a", "b", "c", "d", "e"), first.slugs());
        assertEquals(link(org, "", "100:-1:1", false, "100:1:0", false), first.header("Link"));

        var p0 = api.get(teams(org) + "?per_page=2", ts.adminToken).expect(200);
        assertEquals(List.of("a", "b"), p0.slugs());
        assertEquals(link(org, "per_page=2", "2:-1:1", false, "2:1:0", true), p0.header("Link"));
        var p1 = api.get(teams(org) + "?per_page=2&cursor=2:1:0", ts.adminToken).expect(200);
        assertEquals(List.of("c", "d"), p1.slugs());
        assertEquals(link(org, "per_page=2", "2:0:1", true, "2:2:0", true), p1.header("Link"));
        var p2 = api.get(teams(org) + "?per_page=2&cursor=2:2:0", ts.adminToken).expect(200);
        assertEquals(List.of("e"), p2.slugs());
        assertEquals(link(org, "per_page=2", "2:1:1", true, "2:3:0", false), p2.header("Link"));
        // is_prev means nothing to it: the previous cursor is just the page before.
        assertEquals(List.of("a", "b"), api.get(teams(org) + "?per_page=2&cursor=2:0:1", ts.adminToken).slugs());
    }

    @Test
    void aCursorOfAnotherPageSizeIsReadAsSentryReadsIt() {
        Organization org = orgWithTeams();
        // value 3, page 1: rows [3, 3 + 3 + 1), then the last limit + 1 of them.
        assertEquals(List.of("d", "e"), api.get(teams(org) + "?per_page=2&cursor=3:1:0", ts.adminToken).slugs());
        assertEquals(List.of("b", "c"), api.get(teams(org) + "?per_page=2&cursor=1:1:0", ts.adminToken).slugs());
        // A float value: 1.5 × 2 = 3.0, the rows from 3.
        assertEquals(List.of("d", "e"), api.get(teams(org) + "?per_page=2&cursor=1.5:2:0", ts.adminToken).slugs());
        // value 0 is no value: the limit is the page size, and page × 0 = 0.
        assertEquals(List.of("a", "b"), api.get(teams(org) + "?per_page=2&cursor=0:7:0", ts.adminToken).slugs());
        assertEquals(List.of(), api.get(teams(org) + "?per_page=2&cursor=2:99:0", ts.adminToken).slugs());
        // Both negative: a positive offset, which Sentry takes, but the slice ends where it starts.
        assertEquals(List.of(), api.get(teams(org) + "?per_page=2&cursor=-1:-2:0", ts.adminToken).expect(200).slugs());
    }

    @Test
    void itsErrors() {
        Organization org = orgWithTeams();
        assertEquals(detail("Pagination offset cannot be negative"),
                api.get(teams(org) + "?cursor=100:-1:1", ts.adminToken).expect(400).obj());
        assertEquals(detail("Pagination offset cannot be negative"),
                api.get(teams(org) + "?cursor=-5:1:0", ts.adminToken).expect(400).obj());
        assertEquals(detail("Invalid cursor parameter."), // Django: negative slice end (Sentry: 500)
                api.get(teams(org) + "?cursor=-5:0:0", ts.adminToken).expect(400).obj());
        assertEquals(detail("Invalid cursor parameter."),
                api.get(teams(org) + "?cursor=1:2", ts.adminToken).expect(400).obj());
        assertEquals(detail("Invalid per_page value. Cannot exceed 100."),
                api.get(teams(org) + "?per_page=101", ts.adminToken).expect(400).obj());
        api.get(teams(org) + "?per_page=100", ts.adminToken).expect(200);
    }

    @Test
    void projectsComeBySlugToo() {
        Organization org = ts.seed().org(unique("o"));
        Team t = ts.seed().team(org, "t");
        List<String> made = new ArrayList<>(List.of("zeta", "alpha", "mid", "beta"));
        for (String s : made) {
            ts.seed().project(org, s, t);
        }
        String path = "/api/0/organizations/" + org.slug() + "/projects/";
        assertEquals(List.of("alpha", "beta", "mid", "zeta"), api.get(path, ts.adminToken).expect(200).slugs());
        var page = api.get(path + "?per_page=3&cursor=3:1:0", ts.adminToken).expect(200);
        assertEquals(List.of("zeta"), page.slugs());
        assertEquals(true, page.header("Link").contains("cursor=\"3:0:1\"")
                && page.header("Link").contains("<" + ts.url + path + "?per_page=3&cursor=3:2:0>; rel=\"next\"; results=\"false\""));
    }

    @Test
    void membersComeOldestFirstInOffsetPages() {
        Organization org = ts.seed().org(unique("o"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ts.seed().memberToken(org, unique("m") + "@x.io", keys.domain.OrgRole.MEMBER);
        }
        String path = "/api/0/organizations/" + org.slug() + "/members/";
        ids.addAll(api.get(path, ts.adminToken).expect(200).ids());
        assertEquals(ids.stream().sorted(java.util.Comparator.comparingLong(Long::parseLong)).toList(), ids);
        var second = api.get(path + "?per_page=2&cursor=2:1:0", ts.adminToken).expect(200);
        assertEquals(ids.subList(2, 3), second.ids());
        assertEquals(true, second.header("Link").contains("cursor=\"2:0:1\""));
    }
}
