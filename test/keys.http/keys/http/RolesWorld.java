package keys.http;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.User;
import keys.http.RolesModel.Caller;
import keys.http.RolesModel.Membership;
import keys.http.RolesModel.Org;

/**
 * The starting world of {@link RolesPropertyTest}, put into the store and into the model alike:
 * o1 (open or closed) with teams t1, t2, projects p1 (t1), p2 (t2) and an owner, a manager, an
 * admin and a member (the last two in t1); o2 with t1, p1 and its owner, the outsider; callers
 * with tokens of the given scope masks (the superuser's first) and a bad token.
 */
final class RolesWorld {
    private RolesWorld() {
    }

    static void build(TestServer ts, boolean openO1, List<Integer> masks, RolesModel model,
                      List<Caller> callers, Map<String, String> tokens) {
        Seed seed = ts.seed();
        Organization o1 = openO1 ? seed.org("o1") : seed.closedOrg("o1");
        Organization o2 = seed.org("o2");
        Team t1 = seed.team(o1, "t1");
        Team t2 = seed.team(o1, "t2");
        seed.project(o1, "p1", t1);
        seed.project(o1, "p2", t2);
        Team o2t1 = seed.team(o2, "t1");
        seed.project(o2, "p1", o2t1);
        Org m1 = new Org();
        m1.open = openO1;
        m1.teams.addAll(List.of("t1", "t2"));
        m1.projects.put("p1", new TreeSet<>(Set.of("t1")));
        m1.projects.put("p2", new TreeSet<>(Set.of("t2")));
        Org m2 = new Org();
        m2.teams.add("t1");
        m2.projects.put("p1", new TreeSet<>(Set.of("t1")));
        model.orgs.put("o1", m1);
        model.orgs.put("o2", m2);

        // The superuser's token has every scope or a random few: being a superuser adds none.
        Set<String> superScopes = scopes(masks.get(0));
        callers.add(new Caller("superuser", "super", true, superScopes));
        tokens.put("superuser", masks.get(0) == -1 ? ts.adminToken : seed.token(seed.user("root@w.io", true),
                superScopes.stream().map(w -> Scope.parse(w).orElseThrow()).toArray(Scope[]::new)));
        OrgRole[] roles = {OrgRole.OWNER, OrgRole.MANAGER, OrgRole.ADMIN, OrgRole.MEMBER, OrgRole.OWNER};
        for (int i = 0; i < 5; i++) {
            String email = RolesPropertyTest.EMAILS.get(i);
            User u = seed.user(email);
            model.users.add(email);
            boolean outsider = i == 4;
            Team[] teams = i == 2 || i == 3 ? new Team[] {t1} : outsider ? new Team[] {o2t1} : new Team[0];
            seed.member(outsider ? o2 : o1, u, roles[i], teams);
            (outsider ? m2 : m1).members.put(email, new Membership(roles[i].wire(),
                    i == 2 || i == 3 || outsider ? Set.of("t1") : Set.of()));
            Set<String> scopes = scopes(masks.get(i + 1));
            tokens.put(RolesPropertyTest.CALLERS.get(i + 1), seed.token(u, scopes.stream()
                    .map(w -> Scope.parse(w).orElseThrow()).toArray(Scope[]::new)));
            model.tokenCounts.put(email, 1);
            callers.add(new Caller(RolesPropertyTest.CALLERS.get(i + 1), email, false, scopes));
        }
        callers.add(new Caller("bad", null, false, Set.of()));
        tokens.put("bad", "sntryu_" + "0".repeat(64));
    }

    private static Set<String> scopes(int mask) {
        Set<String> out = new TreeSet<>();
        for (int b = 0; b < RolesPropertyTest.ROUTE_SCOPES.size(); b++) {
            if (mask == -1 || (mask & (1 << b)) != 0) {
                out.add(RolesPropertyTest.ROUTE_SCOPES.get(b));
            }
        }
        return out;
    }
}
