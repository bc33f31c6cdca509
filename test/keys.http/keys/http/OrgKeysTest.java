package keys.http;

import static keys.http.KeysHttp.array;
import static keys.http.KeysHttp.detail;
import static keys.http.KeysHttp.ids;
import static keys.http.KeysHttp.links;
import static keys.http.KeysHttp.orgKeys;
import static keys.http.KeysHttp.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import keys.domain.ClientKey;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.domain.UseCase;
import keys.store.Change;

/** The organization-wide key list: sentry-compat.md §1, including every case of §1.5. */
class OrgKeysTest {
    static TestServer ts;
    static Seed seed;

    @BeforeAll
    static void start() {
        ts = TestServer.start();
        seed = ts.seed();
    }

    @AfterAll
    static void stop() {
        ts.close();
    }

    static ClientKey defaultKey(Project p) {
        return ts.store().state().keys(p.id()).get(0);
    }

    /** Public keys, newest first. */
    static List<String> newestFirst(ClientKey... keys) {
        return Arrays.stream(keys).sorted(Comparator.comparingLong(ClientKey::id).reversed())
                .map(ClientKey::publicKey).toList();
    }

    static HttpResponse<String> get(Organization org, String query, String token) {
        return ts.get(orgKeys(org.slug()) + (query == null ? "" : "?" + query), token);
    }

    /** Full pages are built in pooled buffers: concurrent requests must never see each other's bytes. */
    @Test
    void concurrentPagesAreEachExactlyTheirOwn() throws Exception {
        List<String> queries = new java.util.ArrayList<>();
        String token = seed.superuserToken();
        for (String name : List.of("busy", "quiet")) {
            Organization org = seed.org(unique(name));
            Team t = seed.team(org, "t");
            for (int p = 0; p < (name.equals("busy") ? 6 : 2); p++) {
                Project project = seed.project(org, "p" + p, t);
                for (int k = 0; k < 25; k++) {
                    seed.key(project, name + " " + p + "/" + k, k % 3 != 0, UseCase.USER);
                }
            }
            for (String q : List.of("per_page=100", "per_page=100&status=active", "per_page=7", "per_page=100&cursor=0:100:0")) {
                queries.add(orgKeys(org.slug()) + "?" + q);
            }
        }
        Map<String, String> expected = new java.util.HashMap<>();
        for (String q : queries) {
            HttpResponse<String> r = ts.get(q, token);
            assertEquals(200, r.statusCode(), q);
            expected.put(q, r.body());
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(12)) {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 240; i++) {
                String q = queries.get(i % queries.size());
                done.add(pool.submit(() -> assertTrue(expected.get(q).equals(ts.get(q, token).body()),
                        q + " answered bytes of another page")));
            }
            for (var f : done) {
                f.get();
            }
        }
    }

    /**
     * Bytes in the query that are not UTF-8 are no 400: Django decodes them to U+FFFD, so the order
     * of checks holds (401 first), then 200. (A malformed escape such as a stray % never reaches
     * us: the JDK's server refuses the URI itself.)
     */
    @Test
    void bytesThatAreNotUtf8InTheQueryAreNoReasonToRefuse() {
        Organization org = seed.org(unique("pct"));
        seed.project(org, "p", seed.team(org, "t"));
        String token = seed.memberToken(org, unique("m") + "@x.test", OrgRole.OWNER);
        HttpResponse<String> anonymous = get(org, "utm=%ff", null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        HttpResponse<String> r = get(org, "utm=%ff", token);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(links(r)[1].url().contains("?utm=%EF%BF%BD&cursor="), links(r)[1].url());
        assertEquals("{\"detail\":\"Invalid cursor parameter.\"}", get(org, "cursor=5%3A0%3A0%ff", token).body());
    }

    // --- sentry-compat.md §1.5 ---

    @Test
    void twoProjectsWithOneKeyEach() {
        Organization org = seed.org(unique("two"));
        Team t = seed.team(org, "t");
        Project p1 = seed.project(org, "p1", t);
        Project p2 = seed.project(org, "p2", t);
        String token = seed.memberToken(org, unique("m") + "@x.test", OrgRole.MEMBER, t);
        assertEquals(newestFirst(defaultKey(p1), defaultKey(p2)), ids(get(org, null, token)));
    }

    @Test
    void teamFilterBySlugAndId() {
        Organization org = seed.org(unique("teams"));
        Team t1 = seed.team(org, "team1");
        Team t2 = seed.team(org, "team2");
        Project p1 = seed.project(org, "p1", t1);
        Project p2 = seed.project(org, "p2", t2);
        Project p3 = seed.project(org, "p3", t1, t2);
        String token = seed.memberToken(org, unique("m") + "@x.test", OrgRole.MEMBER, t1, t2);
        List<String> team1 = newestFirst(defaultKey(p1), defaultKey(p3));
        List<String> team2 = newestFirst(defaultKey(p2), defaultKey(p3));
        assertEquals(team1, ids(get(org, "team=team1", token)));
        assertEquals(team2, ids(get(org, "team=team2", token)));
        assertEquals(team1, ids(get(org, "team=" + t1.id(), token)));
        assertEquals(team2, ids(get(org, "team=" + t2.id(), token)));
        assertEquals(newestFirst(defaultKey(p1), defaultKey(p2), defaultKey(p3)), ids(get(org, "team=", token)));
        // Digits of any script are an id, as str.isdigit() and int() take them in Sentry.
        assertEquals(team1, ids(get(org, "team=" + UrlCodec.formEncode(otherDigits(t1.id(), 0xFF10)), token)));
        assertEquals(team2, ids(get(org, "team=" + UrlCodec.formEncode(otherDigits(t2.id(), 0x1D7CE)), token)));
        assertEquals(404, get(org, "team=%2B" + t1.id(), token).statusCode()); // "+5" is not all digits
        HttpResponse<String> missing = get(org, "team=nonexistent-team", token);
        assertEquals(404, missing.statusCode());
        assertTrue(detail(missing).contains("Team not found"));
        assertEquals("{\"detail\":\"Team not found\"}", missing.body());
        // A team of another organization is not found either, by id or slug.
        Organization other = seed.org(unique("other"));
        Team foreign = seed.team(other, "foreign");
        assertEquals(404, get(org, "team=" + foreign.id(), token).statusCode());
        assertEquals(404, get(org, "team=foreign", token).statusCode());
    }

    /**
     * A team of many projects is read from the team's own key list: the whole team (a superuser),
     * most of it (a member who reaches only some of its projects), and a project that changes
     * teams between two requests, each page by page through the cursors, against the keys of the
     * projects the caller may see.
     */
    @Test
    void aTeamOfManyProjectsPagesAsItsProjectsKeysMerged() {
        Organization open = seed.org(unique("bigteam"));
        Organization org = new Organization(open.id(), open.slug(), open.name(), open.createdMicros(), false, null);
        ts.store().write(tx -> { // closed: a member reaches only the projects of their teams
            tx.add(new Change.PutOrganization(org));
            return null;
        });
        Team a = seed.team(org, "a");
        Team b = seed.team(org, "b");
        List<Project> projects = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<Team> teams = new java.util.ArrayList<>();
            if (i % 2 == 0) {
                teams.add(a);
            }
            if (i % 3 != 0) {
                teams.add(b);
            }
            Project p = seed.project(org, "p" + i, teams.toArray(new Team[0]));
            projects.add(p);
            for (int k = 0; k < i % 3; k++) {
                seed.key(p, "k" + i + "/" + k, k % 2 == 0, UseCase.USER);
            }
        }
        String superuser = seed.superuserToken();
        String memberOfB = seed.memberToken(org, unique("m") + "@x.test", OrgRole.MEMBER, b);
        assertEquals(walk(org, "team=a&per_page=7", superuser), expected(projects, a, null, null));
        assertEquals(walk(org, "team=a&status=active&per_page=7", superuser), expected(projects, a, null, true));
        // 20 of team a's 30 projects are team b's too: most of the team, filtered by project.
        assertEquals(walk(org, "team=a&per_page=7", memberOfB), expected(projects, a, b, null));
        assertEquals(walk(org, "team=a&status=inactive&per_page=7", memberOfB), expected(projects, a, b, false));
        Project moved = projects.get(1); // in b only: now in a as well, with its keys
        ts.store().write(tx -> {
            tx.add(new Change.PutProject(moved.withTeams(List.of(a.id(), b.id()))));
            return null;
        });
        projects.set(1, ts.store().state().project(moved.id()).orElseThrow());
        assertEquals(walk(org, "team=a&per_page=7", superuser), expected(projects, a, null, null));
    }

    /** Every page of a list, following the next cursor; the public keys in order. */
    private static List<String> walk(Organization org, String query, String token) {
        List<String> out = new java.util.ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            HttpResponse<String> r = get(org, query + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertEquals(200, r.statusCode(), r.body());
            out.addAll(ids(r));
            KeysHttp.Link next = links(r)[1];
            if (!next.results()) {
                return out;
            }
            cursor = next.cursor();
        }
        throw new AssertionError("more than 100 pages");
    }

    /** The keys of the projects of {@code team} (and of {@code reach}, when given), newest first. */
    private static List<String> expected(List<Project> projects, Team team, Team reach, Boolean active) {
        return projects.stream()
                .filter(p -> p.teamIds().contains(team.id()) && (reach == null || p.teamIds().contains(reach.id())))
                .flatMap(p -> ts.store().state().keys(p.id()).stream())
                .filter(k -> active == null || k.active() == active)
                .sorted(Comparator.comparingLong(ClientKey::id).reversed())
                .map(ClientKey::publicKey).toList();
    }

    /** {@code id} written with the digits that start at code point {@code zero} (fullwidth, mathematical bold). */
    private static String otherDigits(long id, int zero) {
        StringBuilder b = new StringBuilder();
        Long.toString(id).chars().forEach(c -> b.appendCodePoint(zero + c - '0'));
        return b.toString();
    }

    @Test
    void statusFilterAloneAndWithTeam() {
        Organization org = seed.org(unique("status"));
        Team t = seed.team(org, "t");
        Team empty = seed.team(org, "empty");
        Project p = seed.project(org, "p", t);
        ClientKey inactive = seed.key(p, "off", false, UseCase.USER);
        String token = seed.memberToken(org, unique("m") + "@x.test", OrgRole.MEMBER, t, empty);
        assertEquals(List.of(defaultKey(p).publicKey()), ids(get(org, "status=active", token)));
        assertEquals(List.of(inactive.publicKey()), ids(get(org, "status=inactive", token)));
        assertEquals(List.of(defaultKey(p).publicKey()), ids(get(org, "status=active&team=t", token)));
        assertEquals(List.of(inactive.publicKey()), ids(get(org, "team=t&status=inactive", token)));
        assertEquals(List.of(), ids(get(org, "team=empty&status=active", token)));
        assertEquals(newestFirst(defaultKey(p), inactive), ids(get(org, "status=", token)));
        // Anything else is Sentry's queryset.none(): 200 with nothing, still paginated.
        HttpResponse<String> bogus = get(org, "status=bogus", token);
        assertEquals("[]", bogus.body());
        assertEquals("0:0:0", links(bogus)[1].cursor());
        // The last value wins.
        assertEquals(List.of(inactive.publicKey()), ids(get(org, "status=active&status=inactive", token)));
    }

    @Test
    void organizationWithoutProjects() {
        Organization org = seed.org(unique("empty"));
        String token = seed.memberToken(org, unique("m") + "@x.test", OrgRole.OWNER);
        HttpResponse<String> r = get(org, null, token);
        assertEquals(200, r.statusCode());
        assertEquals("[]", r.body());
        String base = ts.url + orgKeys(org.slug()) + "?";
        assertEquals("<" + base + "&cursor=0:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", <" + base
                + "&cursor=0:0:0>; rel=\"next\"; results=\"false\"; cursor=\"0:0:0\"", r.headers().firstValue("Link").orElseThrow());
    }

    @Test
    void callerWhoIsNotAMember() {
        Organization org = seed.org(unique("closed"));
        Team t = seed.team(org, "t");
        seed.project(org, "p", t);
        Organization mine = seed.org(unique("mine"));
        String outsider = seed.memberToken(mine, unique("m") + "@x.test", OrgRole.OWNER);
        HttpResponse<String> r = get(org, null, outsider);
        assertEquals(403, r.statusCode());
        assertEquals("{\"detail\":\"You do not have permission to perform this action.\"}", r.body());
    }

    @Test
    void projectWithThreeKeys() {
        Organization org = seed.org(unique("three"));
        Team t = seed.team(org, "t");
        Project p = seed.project(org, "p", t);
        ClientKey k2 = seed.key(p, "second", true, UseCase.USER);
        ClientKey k3 = seed.key(p, "third", true, UseCase.USER);
        String token = seed.memberToken(org, unique("m") + "@x.test", OrgRole.MEMBER, t);
        assertEquals(newestFirst(defaultKey(p), k2, k3), ids(get(org, null, token)));
    }

    // --- §1.2 which projects count ---

    @Test
    void projectSelection() {
        Organization org = seed.org(unique("sel"));
        Team t1 = seed.team(org, "t1");
        Team t2 = seed.team(org, "t2");
        Project p1 = seed.project(org, "p1", t1);
        Project p2 = seed.project(org, "p2", t2);
        Project orphan = seed.project(org, "orphan");
        String member = seed.memberToken(org, unique("m") + "@x.test", OrgRole.MEMBER, t1);
        List<String> all = newestFirst(defaultKey(p1), defaultKey(p2), defaultKey(orphan));
        // Normal case: only the caller's teams' projects, even with open membership.
        assertEquals(List.of(defaultKey(p1).publicKey()), ids(get(org, null, member)));
        assertEquals(List.of(defaultKey(p1).publicKey()), ids(get(org, "project=", member)));
        // -1 / $all: everything the caller can access; open membership reaches every project.
        assertEquals(all, ids(get(org, "project=-1", member)));
        assertEquals(all, ids(get(org, "projectSlug=$all", member)));
        // Explicit ids and slugs, repeatable; slugs win over ids.
        assertEquals(newestFirst(defaultKey(p2), defaultKey(orphan)),
                ids(get(org, "project=" + p2.id() + "&project=" + orphan.id(), member)));
        assertEquals(List.of(defaultKey(p2).publicKey()), ids(get(org, "project=" + p1.id() + "&projectSlug=p2", member)));
        assertEquals(List.of(defaultKey(p1).publicKey()), ids(get(org, "project=%20%2B" + p1.id() + "%20", member)));
        // A superuser sees every project by default.
        assertEquals(all, ids(get(org, null, ts.adminToken)));
        assertEquals(400, get(org, "project=abc", member).statusCode());
        assertEquals("{\"detail\":\"Invalid project parameter. Values must be numbers.\"}",
                get(org, "project=1&project=x1", member).body());
        assertEquals(400, get(org, "project=abc&projectSlug=p1", member).statusCode());
        // Missing, foreign or (closed org) unreachable projects are forbidden.
        assertEquals(403, get(org, "project=999999999", member).statusCode());
        assertEquals(403, get(org, "project=-1&project=" + p1.id(), member).statusCode());
        assertEquals(403, get(org, "projectSlug=nope", member).statusCode());
        Organization other = seed.org(unique("oth"));
        Project foreign = seed.project(other, "p1");
        assertEquals(403, get(org, "project=" + foreign.id(), member).statusCode());

        Organization closed = seed.closedOrg(unique("closed"));
        Team ct = seed.team(closed, "ct");
        Project cp1 = seed.project(closed, "cp1", ct);
        Project cp2 = seed.project(closed, "cp2");
        String cMember = seed.memberToken(closed, unique("m") + "@x.test", OrgRole.ADMIN, ct);
        String cManager = seed.memberToken(closed, unique("m") + "@x.test", OrgRole.MANAGER);
        assertEquals(List.of(defaultKey(cp1).publicKey()), ids(get(closed, "project=-1", cMember)));
        assertEquals(403, get(closed, "project=" + cp2.id(), cMember).statusCode());
        assertEquals(newestFirst(defaultKey(cp1), defaultKey(cp2)), ids(get(closed, "project=-1", cManager)));
        assertEquals(List.of(), ids(get(closed, null, cManager)));
    }

    @Test
    void deletedProjectsVanish() {
        Organization org = seed.org(unique("del"));
        Team t = seed.team(org, "t");
        Project p1 = seed.project(org, "p1", t);
        Project p2 = seed.project(org, "p2", t);
        String token = seed.memberToken(org, unique("m") + "@x.test", OrgRole.MEMBER, t);
        ts.store().write(tx -> {
            tx.add(new Change.DeleteProject(p2.id()));
            return null;
        });
        assertEquals(List.of(defaultKey(p1).publicKey()), ids(get(org, null, token)));
    }

    // --- §1.4 use cases ---

    @Test
    void useCasesOnlyForSuperusers() {
        Organization org = seed.org(unique("uc"));
        Team t = seed.team(org, "t");
        Project p = seed.project(org, "p", t);
        ClientKey profiling = seed.key(p, "prof", true, UseCase.PROFILING);
        ClientKey tempest = seed.key(p, "tmp", false, UseCase.TEMPEST);
        String member = seed.memberToken(org, unique("m") + "@x.test", OrgRole.OWNER, t);
        List<Map<String, Object>> seen = array(get(org, null, member));
        assertEquals(List.of(defaultKey(p).publicKey()), seen.stream().map(k -> k.get("id")).toList());
        assertFalse(seen.get(0).containsKey("useCase"));
        List<Map<String, Object>> all = array(get(org, null, ts.adminToken));
        assertEquals(newestFirst(defaultKey(p), profiling, tempest), all.stream().map(k -> k.get("id")).toList());
        assertEquals(List.of("tempest", "profiling", "user"), all.stream().map(k -> k.get("useCase")).toList());
        assertEquals(List.of(tempest.publicKey()), ids(get(org, "status=inactive", ts.adminToken)));
    }

    // --- §2 pagination over HTTP ---

    @Test
    void pagingParametersAndErrors() {
        Organization org = seed.org(unique("page"));
        Team t = seed.team(org, "t");
        Project p = seed.project(org, "p", t);
        for (int i = 0; i < 11; i++) {
            seed.key(p, "k" + i, true, UseCase.USER);
        }
        String token = seed.memberToken(org, unique("m") + "@x.test", OrgRole.MEMBER, t);
        assertEquals(10, array(get(org, null, token)).size());
        assertEquals(1, array(get(org, "per_page=1", token)).size());
        assertEquals(2, array(get(org, "per_page=%202%20", token)).size());
        assertEquals(2, array(get(org, "per_page=%2B2", token)).size());
        assertEquals(12, array(get(org, "per_page=100", token)).size());
        assertEquals(3, array(get(org, "per_page=5&per_page=3", token)).size());
        String invalid = "{\"detail\":\"Invalid per_page parameter.\"}";
        assertEquals(invalid, get(org, "per_page=abc", token).body());
        assertEquals(invalid, get(org, "per_page=0", token).body());
        assertEquals(invalid, get(org, "per_page=-1", token).body());
        assertEquals(invalid, get(org, "per_page=", token).body());
        assertEquals(invalid, get(org, "per_page=1.5", token).body());
        assertEquals("{\"detail\":\"Invalid per_page value. Cannot exceed 100.\"}", get(org, "per_page=101", token).body());
        assertEquals(400, get(org, "per_page=99999999999999999999999", token).statusCode());
        String badCursor = "{\"detail\":\"Invalid cursor parameter.\"}";
        for (String c : new String[] {"abc", "1:2", "1:2:3:4", "x:0:0", "1:-1:0", "1:0:", "1%3A-5%3A0"}) {
            HttpResponse<String> r = get(org, "cursor=" + c, token);
            assertEquals(400, r.statusCode(), c);
            assertEquals(badCursor, r.body(), c);
        }
        assertEquals(10, array(get(org, "cursor=", token)).size());
        List<String> all = ids(get(org, "per_page=100", token));
        String third = Long.toString(ts.store().state().key(p.id(), all.get(2)).orElseThrow().id());
        assertEquals(all.subList(2, 4), ids(get(org, "per_page=2&cursor=" + third + "%3A0%3A0", token)));
        assertEquals(all.subList(2, 4), ids(get(org, "per_page=2&cursor=" + third + ":0:0", token)));
    }

    @Test
    void linkHeaderOfARealRequest() {
        Organization org = seed.org(unique("link"));
        Team t = seed.team(org, "t");
        Project p = seed.project(org, "p", t);
        ClientKey k2 = seed.key(p, "k2", true, UseCase.USER);
        ClientKey k3 = seed.key(p, "k3", true, UseCase.USER);
        String token = seed.memberToken(org, unique("m") + "@x.test", OrgRole.MEMBER, t);
        HttpResponse<String> r = get(org, "x=a%20b&per_page=2&cursor=&status=active&x=%2F", token);
        assertEquals(newestFirst(k2, k3), ids(r));
        String base = ts.url + orgKeys(org.slug()) + "?x=a+b&x=%2F&per_page=2&status=active";
        long first = k3.id();
        long last = k2.id();
        assertEquals("<" + base + "&cursor=" + first + ":0:1>; rel=\"previous\"; results=\"false\"; cursor=\""
                + first + ":0:1\", <" + base + "&cursor=" + defaultKey(p).id() + ":0:0>; rel=\"next\"; results=\"true\"; cursor=\""
                + defaultKey(p).id() + ":0:0\"", r.headers().firstValue("Link").orElseThrow());
        HttpResponse<String> next = ts.get(links(r)[1].url().substring(ts.url.length()), token);
        assertEquals(List.of(defaultKey(p).publicKey()), ids(next));
        assertTrue(links(next)[0].results());
        assertFalse(links(next)[1].results());
        HttpResponse<String> back = ts.get(links(next)[0].url().substring(ts.url.length()), token);
        assertEquals(newestFirst(k2, k3), ids(back));
        assertTrue(last < first);
    }

    // --- §1.1 order of checks ---

    @Test
    void orderOfChecks() {
        Organization org = seed.org(unique("order"));
        Team t = seed.team(org, "t");
        seed.project(org, "p", t);
        String token = seed.memberToken(org, unique("m") + "@x.test", OrgRole.MEMBER, t);
        assertEquals(404, ts.get(orgKeys("no-such-org") + "?project=abc&per_page=abc", token).statusCode());
        assertEquals(400, get(org, "project=abc&team=nope", token).statusCode());
        assertEquals(404, get(org, "team=nope&per_page=abc", token).statusCode());
        assertEquals("{\"detail\":\"Invalid per_page parameter.\"}", get(org, "cursor=bad&per_page=abc", token).body());
        Organization other = seed.org(unique("other"));
        assertEquals(403, get(other, "project=abc&team=nope", token).statusCode());
    }

    @Test
    void organizationByIdAndUnicodeSlugs() {
        Organization org = seed.org(unique("ünï-ørg"));
        Team t = seed.team(org, "t");
        Project p = seed.project(org, "pröject", t);
        ClientKey k = seed.key(p, "Ключ 🔑 \u2028", true, UseCase.USER);
        String token = seed.memberToken(org, unique("m") + "@x.test", OrgRole.MEMBER, t);
        String encoded = UrlCodec.pathEncode(org.slug());
        HttpResponse<String> r = ts.get(orgKeys(encoded) + "?per_page=1", token);
        assertEquals(List.of(k.publicKey()), ids(r));
        assertTrue(r.body().contains("\"name\":\"Ключ 🔑 \\u2028\""), r.body());
        assertTrue(links(r)[1].url().startsWith(ts.url + "/api/0/organizations/" + encoded + "/project-keys/?per_page=1&cursor="),
                links(r)[1].url());
        assertEquals(ids(r), ids(ts.get(orgKeys(Long.toString(org.id())) + "?per_page=1", token)));
    }
}
