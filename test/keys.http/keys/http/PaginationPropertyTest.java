package keys.http;

import static keys.http.KeysHttp.ids;
import static keys.http.KeysHttp.links;
import static keys.http.KeysHttp.orgKeys;
import static keys.http.KeysHttp.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import keys.domain.ClientKey;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.domain.UseCase;
import keys.testing.Gen;
import keys.testing.Prop;

/**
 * Random organizations, callers and queries: walking {@code rel="next"} from the first page yields
 * every key the caller may see exactly once, newest first, and nothing else; walking
 * {@code rel="previous"} back yields the same pages. The expected set comes from a model of the
 * rules (sentry-compat.md §1.2–§1.4), not from the server's code. Fixtures go straight into the store.
 */
class PaginationPropertyTest {
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

    record KeyPlan(boolean active, UseCase useCase) {
    }

    record ProjectPlan(int teamMask, List<KeyPlan> keys) {
    }

    /** teamFilter -1: none. status: "", "active" or "inactive". */
    record Plan(boolean open, int teams, List<ProjectPlan> projects, boolean superuser, OrgRole role, int memberTeamMask,
                int perPage, int teamFilter, boolean teamById, String status, boolean allProjects) {
    }

    static final Gen<Plan> PLANS = s -> {
        boolean open = s.drawBoolean();
        int teams = s.drawInt(1, 3);
        List<ProjectPlan> projects = new ArrayList<>();
        for (int p = s.drawInt(0, 5); p > 0; p--) {
            List<KeyPlan> keys = new ArrayList<>();
            for (int k = s.drawInt(0, 5); k > 0; k--) {
                UseCase uc = s.drawInt(0, 3) == 0 ? UseCase.values()[s.drawInt(1, 3)] : UseCase.USER;
                keys.add(new KeyPlan(!s.drawBoolean(), uc));
            }
            projects.add(new ProjectPlan(s.drawInt(0, (1 << teams) - 1), keys));
        }
        boolean superuser = s.drawInt(0, 4) == 0;
        OrgRole role = OrgRole.values()[s.drawInt(0, OrgRole.values().length - 1)];
        int memberTeams = s.drawInt(0, (1 << teams) - 1);
        int perPage = s.drawInt(1, 4);
        int teamFilter = s.drawInt(-1, teams - 1);
        boolean byId = s.drawBoolean();
        String status = new String[] {"", "active", "inactive"}[s.drawInt(0, 2)];
        return new Plan(open, teams, projects, superuser, role, memberTeams, perPage, teamFilter, byId, status,
                s.drawBoolean());
    };

    @Test
    void walkingBothWaysShowsExactlyTheVisibleKeys() {
        Prop.forAll(50, PLANS, PaginationPropertyTest::check);
    }

    static void check(Plan plan) {
        String slug = unique("prop");
        Organization org = plan.open() ? seed.org(slug) : seed.closedOrg(slug);
        List<Team> teams = new ArrayList<>();
        for (int i = 0; i < plan.teams(); i++) {
            teams.add(seed.team(org, "t" + i));
        }
        List<Project> projects = new ArrayList<>();
        List<ClientKey> keys = new ArrayList<>();
        for (int i = 0; i < plan.projects().size(); i++) {
            ProjectPlan pp = plan.projects().get(i);
            Project p = seed.project(org, "p" + i, pick(teams, pp.teamMask()).toArray(new Team[0]));
            projects.add(p);
            keys.addAll(ts.store().state().keys(p.id()));
            for (KeyPlan kp : pp.keys()) {
                keys.add(seed.key(p, "k", kp.active(), kp.useCase()));
            }
        }
        List<Team> memberTeams = pick(teams, plan.memberTeamMask());
        String token = plan.superuser() ? ts.adminToken
                : seed.memberToken(org, unique("m") + "@x.test", plan.role(), memberTeams.toArray(new Team[0]));

        List<String> expected = expected(plan, projects, keys, memberTeams, teams);
        StringBuilder q = new StringBuilder("?per_page=" + plan.perPage());
        if (plan.teamFilter() >= 0) {
            Team t = teams.get(plan.teamFilter());
            q.append("&team=").append(plan.teamById() ? Long.toString(t.id()) : t.slug());
        }
        if (!plan.status().isEmpty()) {
            q.append("&status=").append(plan.status());
        }
        if (plan.allProjects()) {
            q.append("&project=-1");
        }

        List<List<String>> pages = new ArrayList<>();
        HttpResponse<String> r = ts.get(orgKeys(org.slug()) + q, token);
        assertFalse(links(r)[0].results(), "the first page has no previous page");
        pages.add(ids(r));
        while (links(r)[1].results()) {
            assertTrue(pages.size() <= expected.size(), "more pages than keys");
            r = ts.get(links(r)[1].url().substring(ts.url.length()), token);
            pages.add(ids(r));
        }
        List<String> seen = new ArrayList<>();
        for (List<String> page : pages) {
            assertTrue(page.size() <= plan.perPage(), "page larger than per_page");
            seen.addAll(page);
        }
        assertEquals(expected, seen);
        int i = pages.size() - 1;
        while (links(r)[0].results()) {
            r = ts.get(links(r)[0].url().substring(ts.url.length()), token);
            i--;
            assertTrue(i >= 0, "walked back past the first page");
            assertEquals(pages.get(i), ids(r), "page " + i + " walking back");
        }
        assertEquals(0, Math.max(i, 0), "stopped walking back at page " + i);
    }

    /** The model: which keys this caller may list with this query, newest first. */
    static List<String> expected(Plan plan, List<Project> projects, List<ClientKey> keys, List<Team> memberTeams,
                                 List<Team> teams) {
        boolean global = plan.superuser() || plan.open() || plan.role() == OrgRole.MANAGER || plan.role() == OrgRole.OWNER;
        List<Long> allowed = new ArrayList<>();
        for (Project p : projects) {
            boolean inMyTeam = memberTeams.stream().anyMatch(t -> p.teamIds().contains(t.id()));
            boolean counted = plan.superuser() || inMyTeam || (plan.allProjects() && global);
            boolean inFilter = plan.teamFilter() < 0 || p.teamIds().contains(teams.get(plan.teamFilter()).id());
            if (counted && inFilter) {
                allowed.add(p.id());
            }
        }
        return keys.stream()
                .filter(k -> allowed.contains(k.projectId()))
                .filter(k -> plan.superuser() || k.useCase() == UseCase.USER)
                .filter(k -> plan.status().isEmpty() || k.active() == plan.status().equals("active"))
                .sorted(Comparator.comparingLong(ClientKey::id).reversed())
                .map(ClientKey::publicKey)
                .toList();
    }

    static List<Team> pick(List<Team> teams, int mask) {
        List<Team> out = new ArrayList<>();
        for (int i = 0; i < teams.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                out.add(teams.get(i));
            }
        }
        return out;
    }
}
