package keys.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import keys.domain.ClientKey;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Scope;
import keys.domain.Secrets;
import keys.domain.Team;
import keys.domain.UseCase;
import keys.domain.User;
import keys.http.IsolationModel.Caller;
import keys.http.IsolationModel.Key;
import keys.http.IsolationModel.Membership;
import keys.http.IsolationModel.Org;
import keys.http.IsolationModel.Project;
import keys.testing.Gen;
import keys.testing.Source;

/**
 * The random fixtures of {@link IsolationPropertyTest}: two or three organizations, open or closed,
 * with teams, projects in no, one or several teams, keys of random status and use case, and users
 * who are members of some organizations with random roles, teams and token scopes. {@link #build}
 * puts one into a server (through {@link Seed}) and into a fresh {@link IsolationModel} alike.
 */
final class IsolationWorld {
    record KeySpec(boolean active, int useCase) {
    }

    /** {@code teams}: bit i = the organization's team i. */
    record ProjectSpec(int teams, List<KeySpec> keys) {
    }

    record OrgSpec(boolean open, int teams, List<ProjectSpec> projects) {
    }

    /** Per organization: role index or -1 for none, and a team mask; {@code scopes} -1 = every scope. */
    record UserSpec(List<Integer> roles, List<Integer> teams, long scopes) {
    }

    record Spec(List<OrgSpec> orgs, List<UserSpec> users) {
    }

    static final Gen<Spec> SPEC = IsolationWorld::spec;

    private IsolationWorld() {
    }

    private static Spec spec(Source s) {
        List<OrgSpec> orgs = new ArrayList<>();
        int nOrgs = s.drawInt(2, 3);
        for (int o = 0; o < nOrgs; o++) {
            int teams = s.drawInt(1, 3);
            List<ProjectSpec> projects = new ArrayList<>();
            int nProjects = s.drawInt(1, 4);
            for (int p = 0; p < nProjects; p++) {
                // Mostly one team, sometimes several, sometimes none (then only global access reaches it).
                int mask = s.drawInt(0, 4) == 0 ? s.drawInt(0, (1 << teams) - 1) : 1 << s.drawInt(0, teams - 1);
                List<KeySpec> keys = new ArrayList<>();
                int nKeys = s.drawInt(0, 3);
                for (int k = 0; k < nKeys; k++) {
                    keys.add(new KeySpec(s.drawInt(0, 3) != 0, s.drawInt(0, 2) == 0 ? s.drawInt(1, 3) : 0));
                }
                projects.add(new ProjectSpec(mask, keys));
            }
            orgs.add(new OrgSpec(s.drawBoolean(), teams, projects));
        }
        List<UserSpec> users = new ArrayList<>();
        int nUsers = s.drawInt(2, 5);
        for (int u = 0; u < nUsers; u++) {
            List<Integer> roles = new ArrayList<>();
            List<Integer> teams = new ArrayList<>();
            for (OrgSpec o : orgs) {
                roles.add(s.drawInt(0, 2) == 0 ? -1 : s.drawInt(0, 3));
                teams.add(s.drawInt(0, (1 << o.teams()) - 1));
            }
            long scopes = s.drawBoolean() ? s.draw(0, (1L << Scope.values().length) - 1) : -1;
            users.add(new UserSpec(roles, teams, scopes));
        }
        return new Spec(orgs, users);
    }

    /**
     * The fixture in the server and in the model. Callers: each user, an outsider (valid token with
     * every scope, member of nothing), the superuser, no token and an unknown token.
     */
    static IsolationModel build(TestServer ts, Spec spec) {
        IsolationModel m = new IsolationModel();
        Seed seed = ts.seed();
        List<Organization> orgs = new ArrayList<>();
        List<List<Team>> teamsOf = new ArrayList<>();
        for (int o = 0; o < spec.orgs().size(); o++) {
            OrgSpec os = spec.orgs().get(o);
            String slug = "o" + o;
            Organization org = os.open() ? seed.org(slug) : seed.closedOrg(slug);
            orgs.add(org);
            Org mo = new Org(org.id(), slug, os.open());
            m.orgs.add(mo);
            List<Team> teams = new ArrayList<>();
            for (int t = 0; t < os.teams(); t++) {
                Team team = seed.team(org, slug + "t" + t);
                teams.add(team);
                IsolationModel.Team mt = new IsolationModel.Team(team.id(), team.slug(), org.id());
                mo.teams.add(mt);
                m.teams.add(mt);
            }
            teamsOf.add(teams);
            for (int p = 0; p < os.projects().size(); p++) {
                ProjectSpec ps = os.projects().get(p);
                List<Team> in = pick(teams, ps.teams());
                keys.domain.Project project = seed.project(org, slug + "p" + p, in.toArray(new Team[0]));
                Project mp = new Project(project.id(), project.slug(), mo,
                        Set.copyOf(in.stream().map(Team::id).toList()));
                mo.projects.add(mp);
                m.projects.add(mp);
                for (ClientKey k : ts.store().state().keys(project.id())) { // the Default key
                    m.keys.add(new Key(k.id(), mp, k.publicKey(), k.secretKey(), k.useCase(), k.label(), k.active()));
                }
                for (int k = 0; k < ps.keys().size(); k++) {
                    KeySpec ks = ps.keys().get(k);
                    UseCase useCase = UseCase.values()[ks.useCase()];
                    ClientKey key = seed.key(project, "k" + k, ks.active(), useCase);
                    m.keys.add(new Key(key.id(), mp, key.publicKey(), key.secretKey(), useCase, key.label(), key.active()));
                }
            }
        }
        for (int u = 0; u < spec.users().size(); u++) {
            UserSpec us = spec.users().get(u);
            User user = seed.user("u" + u + "@iso.test");
            StringBuilder name = new StringBuilder("u" + u);
            for (int o = 0; o < orgs.size(); o++) {
                int role = us.roles().get(o);
                if (role < 0) {
                    continue;
                }
                List<Team> in = pick(teamsOf.get(o), us.teams().get(o));
                seed.member(orgs.get(o), user, OrgRole.values()[role], in.toArray(new Team[0]));
                String wire = IsolationModel.ROLES.get(role);
                m.orgs.get(o).members.put(user.id(), new Membership(wire, Set.copyOf(in.stream().map(Team::id).toList())));
                name.append(' ').append(m.orgs.get(o).slug).append(':').append(wire)
                        .append(in.stream().map(Team::slug).toList());
            }
            List<Scope> scopes = new ArrayList<>();
            for (Scope sc : Scope.values()) {
                if (us.scopes() == -1 || (us.scopes() & (1L << sc.ordinal())) != 0) {
                    scopes.add(sc);
                }
            }
            String token = seed.token(user, scopes.toArray(new Scope[0]));
            m.callers.add(new Caller(name.toString(), token, user.id(), false, wires(scopes)));
        }
        User outsider = seed.user("outsider@iso.test");
        m.callers.add(new Caller("outsider", seed.token(outsider, Scope.values()), outsider.id(), false,
                wires(List.of(Scope.values()))));
        long admin = ts.store().state().tokenByHash(Secrets.sha256Hex(ts.adminToken)).orElseThrow().userId();
        m.callers.add(new Caller("superuser", ts.adminToken, admin, true, wires(List.of(Scope.values()))));
        m.callers.add(new Caller("no token", null, 0, false, Set.of()));
        m.callers.add(new Caller("bad token", "sntryu_" + keys.domain.Sources.real().newKeyHex() + keys.domain.Sources.real().newKeyHex(), 0, false, Set.of()));
        return m;
    }

    private static List<Team> pick(List<Team> teams, int mask) {
        List<Team> out = new ArrayList<>();
        for (int i = 0; i < teams.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                out.add(teams.get(i));
            }
        }
        return out;
    }

    private static Set<String> wires(List<Scope> scopes) {
        Set<String> out = new TreeSet<>();
        scopes.forEach(sc -> out.add(sc.wire()));
        return new LinkedHashSet<>(out);
    }
}
