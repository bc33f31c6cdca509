package keys.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import keys.http.RolesModel.Caller;
import keys.http.RolesModel.Membership;
import keys.http.RolesModel.Org;
import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random sequences of management calls by random callers (superuser, owner, manager, admin,
 * member, outsider, bad token; tokens with random scopes) against {@link RolesModel}: every
 * status and every listed set must be what the model says, and after a restart on the same data
 * directory every list must read the same.
 */
class RolesPropertyTest {
    static final List<String> ROUTE_SCOPES = List.of("org:read", "org:write", "org:admin", "project:read",
            "project:write", "project:admin", "team:read", "team:write", "team:admin", "member:read",
            "member:write", "member:admin", "member:invite");
    static final List<String> CALLERS = List.of("superuser", "owner", "manager", "admin", "member", "outsider", "bad");
    static final List<String> EMAILS = List.of("owner@w.io", "manager@w.io", "admin@w.io", "member@w.io",
            "outsider@w.io", "new1@w.io", "new2@w.io");
    static final List<String> ORGS = List.of("o1", "o2", "o3");

    /**
     * One call: {@code kind} indexes {@link #KINDS}; {@code org} 0–1 is o1, 2 o2, 3 o3 (absent at
     * first); {@code x} picks a team, {@code y} a project, {@code z} a member email (7–9: the
     * caller's own), {@code role} a role.
     */
    record Op(int kind, int caller, int org, int x, int y, int z, int role) { }

    /** Scope masks for the superuser's token and the five other callers' tokens; -1 = every scope. */
    record Case(boolean openO1, List<Integer> masks, List<Op> ops) { }

    /** Kinds of call, writes about members weighted up so that role rules get exercised. */
    static final int[] KINDS = {0, 1, 2, 3, 4, 5, 5, 6, 7, 8, 8, 9, 10, 11, 11, 12, 12, 12, 13, 13, 14, 15};

    static final Gen<Op> OP = s -> new Op(KINDS[s.drawInt(0, KINDS.length - 1)], s.drawInt(0, CALLERS.size() - 1),
            s.drawInt(0, 3), s.drawInt(0, 2), s.drawInt(0, 2), s.drawInt(0, 9), s.drawInt(0, 3));
    static final Gen<Integer> MASK = s -> s.drawInt(0, 2) == 0 ? s.drawInt(0, (1 << ROUTE_SCOPES.size()) - 1) : -1;
    static final Gen<Case> CASE = s -> new Case(s.drawBoolean(), Gens.lists(MASK, 6, 6).generate(s), ops(s));

    private static List<Op> ops(keys.testing.Source s) {
        int n = s.drawInt(5, 40);
        List<Op> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(OP.generate(s));
        }
        return out;
    }

    @Test
    void everyAnswerAgreesWithTheModelAndSurvivesARestart() {
        Prop.forAll(Integer.getInteger("keys.tries", 25), CASE, RolesPropertyTest::run);
    }

    static void run(Case c) {
        try (TestServer ts = TestServer.start()) {
            new Run(ts, c).go();
        }
    }

    /** One case: the world, the callers and the model, step by step. */
    static final class Run {
        final TestServer ts;
        final MgmtClient api;
        final Case c;
        final RolesModel model = new RolesModel();
        final List<Caller> callers = new ArrayList<>();
        final Map<String, String> tokens = new LinkedHashMap<>();
        int step;

        Run(TestServer ts, Case c) {
            this.ts = ts;
            this.api = new MgmtClient(ts);
            this.c = c;
        }

        void go() {
            RolesWorld.build(ts, c.openO1(), c.masks(), model, callers, tokens);
            for (Op op : c.ops()) {
                step++;
                apply(op);
            }
            Map<String, Object> before = lists();
            ts.restart();
            assertEquals(before, lists(), "lists after a restart");
            for (Caller caller : callers) {
                checkOrgList(caller);
            }
        }

        private void apply(Op op) {
            Caller who = callers.get(op.caller());
            String token = tokens.get(who.name());
            String org = ORGS.get(Math.max(0, op.org() - 1));
            String team = "t" + (op.x() + 1);
            String project = "p" + (op.y() + 1);
            String email = op.z() < EMAILS.size() ? EMAILS.get(op.z())
                    : who.bad() || who.superuser() ? "nobody@w.io" : who.email();
            String role = RolesModel.ROLES.get(op.role());
            String orgPath = "/api/0/organizations/" + org + "/";
            switch (op.kind()) {
                case 0 -> checkOrgList(who);
                case 1 -> createOrg(who, token, org);
                case 2 -> {
                    int exp = model.gate(who, org, SpecScopes.ORGANIZATION.get("GET"));
                    var r = expect(op, exp == 0 ? 200 : exp, api.get(orgPath, token));
                    if (exp == 0 && !who.superuser()) {
                        List<?> access = ((List<?>) r.obj().get("access")).stream()
                                .filter(ROUTE_SCOPES::contains).toList();
                        Membership m = model.member(who, org);
                        assertEquals(List.copyOf(new TreeSet<>(RolesModel.effective(who, m))), access, at(op));
                    }
                }
                case 3 -> {
                    // Only o2 and o3 go: deleting o1 would leave most cases with nothing to test.
                    String doomed = ORGS.get(1 + op.org() % 2);
                    int exp = model.gate(who, doomed, SpecScopes.ORGANIZATION.get("DELETE"));
                    expect(op, exp == 0 ? 204 : exp, api.delete("/api/0/organizations/" + doomed + "/", token));
                    if (exp == 0) {
                        model.orgs.remove(doomed);
                    }
                }
                case 4 -> checkList(op, who, token, org, "teams", SpecScopes.ORGANIZATION_TEAMS.get("GET"));
                case 5 -> createTeam(op, who, token, org, team);
                case 6 -> deleteTeam(op, who, token, org, team);
                case 7 -> checkList(op, who, token, org, "projects", SpecScopes.ORGANIZATION.get("GET"));
                case 8 -> createProject(op, who, token, org, team, project);
                case 9 -> deleteProject(op, who, token, org, project);
                case 10 -> checkList(op, who, token, org, "members", SpecScopes.MEMBERS.get("GET"));
                case 11 -> addMember(op, who, token, org, email, role);
                case 12 -> changeRole(op, who, token, org, email, role);
                case 13 -> removeMember(op, who, token, org, email);
                case 14 -> {
                    var r = expect(op, who.bad() ? 401 : 200, api.get("/api/0/api-tokens/", token));
                    if (!who.bad() && !who.superuser()) {
                        assertEquals(model.tokenCounts.get(who.email()).intValue(), r.list().size(), at(op));
                    }
                }
                default -> {
                    // A token mints only scopes it has itself, a superuser's too.
                    boolean allowed = who.tokenScopes().contains("org:read");
                    expect(op, who.bad() ? 401 : allowed ? 201 : 400, api.post("/api/0/api-tokens/", token,
                            Map.of("scopes", List.of("org:read"))));
                    if (!who.bad() && !who.superuser() && allowed) {
                        model.tokenCounts.merge(who.email(), 1, Integer::sum);
                    }
                }
            }
        }

        private void createOrg(Caller who, String token, String org) {
            // Only a superuser creates organizations, and only with a token holding the route's scope.
            int exp = who.bad() ? 401 : !who.superuser() || !RolesModel.holdsAny(who.tokenScopes(),
                    SpecScopes.ORGANIZATION.get("POST")) ? 403 : model.orgs.containsKey(org) ? 409 : 201;
            expect(null, exp, api.post("/api/0/organizations/", token, Map.of("name", org.toUpperCase(), "slug", org)));
            if (exp == 201) {
                model.orgs.put(org, new Org());
            }
        }

        private void createTeam(Op op, Caller who, String token, String org, String team) {
            int exp = model.gate(who, org, SpecScopes.ORGANIZATION_TEAMS.get("POST"));
            if (exp == 0) {
                exp = model.orgs.get(org).teams.contains(team) ? 409 : 201;
            }
            expect(op, exp, api.post("/api/0/organizations/" + org + "/teams/", token, Map.of("slug", team)));
            if (exp == 201) {
                model.orgs.get(org).teams.add(team);
                Membership m = model.member(who, org);
                if (m != null) {
                    m.teams.add(team);
                }
            }
        }

        private void deleteTeam(Op op, Caller who, String token, String org, String team) {
            int exp = model.gate(who, org, SpecScopes.TEAM.get("DELETE"), o -> o.teams.contains(team));
            if (exp == 0) {
                exp = !model.teamAccess(who, org, team) ? 403 : 204;
            }
            expect(op, exp, api.delete("/api/0/teams/" + org + "/" + team + "/", token));
            if (exp == 204) {
                model.deleteTeam(org, team);
            }
        }

        private void createProject(Op op, Caller who, String token, String org, String team, String project) {
            int exp = model.gate(who, org, SpecScopes.PROJECT.get("POST"), o -> o.teams.contains(team));
            if (exp == 0) {
                exp = !model.teamAccess(who, org, team) ? 403 : model.orgs.get(org).projects.containsKey(project) ? 409 : 201;
            }
            expect(op, exp, api.post("/api/0/teams/" + org + "/" + team + "/projects/", token,
                    Map.of("name", project.toUpperCase(), "slug", project)));
            if (exp == 201) {
                model.orgs.get(org).projects.put(project, new TreeSet<>(Set.of(team)));
            }
        }

        private void deleteProject(Op op, Caller who, String token, String org, String project) {
            int exp = model.gate(who, org, SpecScopes.PROJECT_DETAILS.get("DELETE"), o -> o.projects.containsKey(project));
            if (exp == 0) {
                exp = !model.projectAccess(who, org, project) ? 403 : 204;
            }
            expect(op, exp, api.delete("/api/0/projects/" + org + "/" + project + "/", token));
            if (exp == 204) {
                model.orgs.get(org).projects.remove(project);
            }
        }

        private void addMember(Op op, Caller who, String token, String org, String email, String role) {
            int exp = model.gate(who, org, SpecScopes.MEMBERS.get("POST"));
            if (exp == 0) {
                Membership self = model.member(who, org);
                exp = !who.superuser() && RolesModel.rank(role) > RolesModel.rank(self.role) ? 400
                        : model.orgs.get(org).members.containsKey(email) ? 409 : 201;
            }
            expect(op, exp, api.post("/api/0/organizations/" + org + "/members/", token,
                    Map.of("email", email, "orgRole", role)));
            if (exp == 201) {
                model.orgs.get(org).members.put(email, new Membership(role, Set.of()));
                model.users.add(email);
            }
        }

        private void changeRole(Op op, Caller who, String token, String org, String email, String role) {
            int exp = model.gate(who, org, SpecScopes.MEMBER_DETAILS.get("PUT"));
            Membership target = exp == 0 ? model.orgs.get(org).members.get(email) : null;
            if (exp == 0) {
                Membership self = model.member(who, org);
                Set<String> held = model.held(who, org);
                boolean admin = held.contains("member:admin");
                if (target == null) {
                    exp = 404;
                } else if (!admin && held.contains("member:invite")) {
                    exp = 403; // Sentry: member:invite without member:admin only resends invitations
                } else if (role.equals(target.role)) {
                    exp = 200;
                } else if (!who.superuser() && (!admin || RolesModel.rank(role) > RolesModel.rank(self.role))) {
                    exp = 403;
                } else if (!who.superuser() && RolesModel.rank(target.role) > RolesModel.rank(self.role)) {
                    exp = 403;
                } else if (email.equals(who.email())) {
                    exp = 400;
                } else if (model.onlyOwner(org, email)) {
                    exp = 403;
                } else {
                    exp = 200;
                }
            }
            expect(op, exp, api.put("/api/0/organizations/" + org + "/members/" + memberId(org, email) + "/",
                    token, Map.of("orgRole", role)));
            if (exp == 200) {
                target.role = role;
            }
        }

        private void removeMember(Op op, Caller who, String token, String org, String email) {
            int exp = model.gate(who, org, SpecScopes.MEMBER_DETAILS.get("DELETE"));
            if (exp == 0) {
                Membership target = model.orgs.get(org).members.get(email);
                Membership self = model.member(who, org);
                if (target == null) {
                    exp = 404;
                } else if (!email.equals(who.email()) && !model.held(who, org).contains("member:admin")) {
                    exp = 400; // leaving needs member:read, removing someone else member:admin
                } else if (!who.superuser() && !email.equals(who.email())
                        && RolesModel.rank(target.role) > RolesModel.rank(self.role)) {
                    exp = 400;
                } else {
                    exp = model.onlyOwner(org, email) ? 403 : 204;
                }
            }
            expect(op, exp, api.delete("/api/0/organizations/" + org + "/members/" + memberId(org, email) + "/",
                    token));
            if (exp == 204) {
                model.orgs.get(org).members.remove(email);
            }
        }

        /** The member's id as the server knows it, only to address it; a bogus id when there is none. */
        private String memberId(String org, String email) {
            var s = ts.store().state();
            return s.organizationBySlug(org).flatMap(o -> s.userByEmail(email).flatMap(u -> s.member(o.id(), u.id())))
                    .map(m -> Long.toString(m.id())).orElse("999999999");
        }

        private void checkOrgList(Caller who) {
            int exp = who.bad() ? 401
                    : !RolesModel.holdsAny(who.tokenScopes(), SpecScopes.ORGANIZATION.get("GET")) ? 403 : 200;
            var r = expect(null, exp, api.get("/api/0/organizations/", tokens.get(who.name())));
            if (exp == 200) {
                assertEquals(model.visibleOrgs(who), asSet(r.slugs()), "organizations of " + who.name() + " at step " + step);
            }
        }

        private void checkList(Op op, Caller who, String token, String org, String what, Set<String> anyOf) {
            int exp = model.gate(who, org, anyOf);
            var r = expect(op, exp == 0 ? 200 : exp, api.get("/api/0/organizations/" + org + "/" + what + "/", token));
            if (exp != 0) {
                return;
            }
            Org o = model.orgs.get(org);
            Set<String> expected = switch (what) {
                case "teams" -> o.teams;
                case "projects" -> model.accessibleProjects(who, org);
                default -> o.members.keySet();
            };
            List<String> got = "members".equals(what)
                    ? r.objects().stream().map(m -> (String) m.get("email")).toList() : r.slugs();
            assertEquals(new TreeSet<>(expected), asSet(got), what + " " + at(op));
            assertEquals(expected.size(), got.size(), "no duplicates " + at(op));
        }

        /** The superuser's view of every list, to compare across a restart. */
        private Map<String, Object> lists() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("orgs", api.get("/api/0/organizations/", ts.adminToken).expect(200).json());
            for (String org : model.orgs.keySet()) {
                for (String what : List.of("teams", "projects", "members")) {
                    out.put(org + "/" + what, api.get("/api/0/organizations/" + org + "/" + what + "/", ts.adminToken)
                            .expect(200).json());
                }
            }
            tokens.forEach((name, token) -> {
                if (!"bad".equals(name)) {
                    out.put("tokens/" + name, api.get("/api/0/api-tokens/", token).expect(200).json());
                }
            });
            return out;
        }

        private MgmtClient.Reply expect(Op op, int status, MgmtClient.Reply r) {
            assertEquals(status, r.status(), () -> at(op) + " " + r.raw().request().method() + " "
                    + r.raw().request().uri().getRawPath() + " → " + r.raw().body());
            return r;
        }

        private String at(Op op) {
            return "step " + step + (op == null ? "" : " " + op);
        }

        private static Set<String> asSet(List<String> l) {
            return new TreeSet<>(new HashSet<>(l));
        }
    }
}
