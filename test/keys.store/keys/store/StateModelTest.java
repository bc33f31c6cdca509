package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Member;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.Token;
import keys.domain.UseCase;
import keys.domain.User;
import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;

/**
 * Random programs of changes, applied to {@link State} in random batches and to the plain
 * {@link StateModel}: after every batch every query answers the same.
 */
class StateModelTest {

    /** One step: an operation number and three choices that pick what it acts on. */
    record Step(int op, int a, int b, int c) { }

    static final Gen<Step> STEP = Gens.ints(0, 15).flatMap(op -> Gens.ints(0, 1000).flatMap(a ->
            Gens.ints(0, 1000).flatMap(b -> Gens.ints(0, 1000).map(c -> new Step(op, a, b, c)))));

    static final Gen<List<Step>> PROGRAM = Gens.lists(STEP, 0, 120);

    @Test
    void stateAgreesWithTheModelAfterEveryBatch() {
        Prop.forAll(PROGRAM, program -> {
            Run run = new Run();
            for (Step step : program) {
                run.step(step);
            }
            run.commit();
        });
    }

    @Test
    void keyQueryAgreesWithTheModel() {
        Gen<List<Step>> program = Gens.lists(STEP.map(s -> new Step(s.op() % 2 == 0 ? 12 : s.op(), s.a(), s.b(), s.c())), 20, 200);
        Gen<int[]> query = Gens.lists(Gens.ints(0, 1000), 7, 7).map(l -> l.stream().mapToInt(i -> i).toArray());
        Prop.forAll(100, Gens.pairs(program, Gens.lists(query, 1, 10)), pair -> {
            Run run = new Run();
            pair.first().forEach(run::step);
            run.commit();
            for (int[] q : pair.second()) {
                List<Long> projectIds = new ArrayList<>(run.model.projects.keySet());
                List<Long> chosen = new ArrayList<>();
                for (int i = 0; i < projectIds.size(); i++) {
                    if (((q[0] >> (i % 10)) & 1) == 0) {
                        chosen.add(projectIds.get(i));
                    }
                }
                long bound = q[1] % 3 == 0 ? 0 : q[2] % (run.model.lastId + 2);
                Boolean active = q[3] % 3 == 0 ? null : q[3] % 3 == 1;
                KeyQuery kq = new KeyQuery(IdSet.of(chosen.stream().mapToLong(Long::longValue).toArray()),
                        active, q[4] % 2 == 0, bound, q[5] % 2 == 0, q[6] % 5, 1 + q[6] % 13);
                assertEquals(run.model.query(kq), run.state.queryKeys(kq), kq.toString());
            }
        });
    }

    /** Interprets steps against the model, so every change refers to things that exist. */
    static final class Run {
        final StateModel model = new StateModel();
        State state = State.empty();
        final List<Change> batch = new ArrayList<>();
        long nextId = 1;

        void step(Step s) {
            Change change = toChange(s);
            if (change == null) {
                commit();
                return;
            }
            batch.add(change);
            model.apply(change);
        }

        void commit() {
            state = state.apply(List.copyOf(batch));
            batch.clear();
            compare();
        }

        private <T> T pick(List<T> from, int choice) {
            return from.isEmpty() ? null : from.get(choice % from.size());
        }

        private Change toChange(Step s) {
            List<Organization> orgs = List.copyOf(model.orgs.values());
            List<Team> teams = List.copyOf(model.teams.values());
            List<Project> projects = List.copyOf(model.projects.values());
            List<User> users = List.copyOf(model.users.values());
            List<Member> members = List.copyOf(model.members.values());
            List<Token> tokens = List.copyOf(model.tokens.values());
            List<ClientKey> keys = List.copyOf(model.keys.values());
            Organization org = pick(orgs, s.a());
            switch (s.op()) {
                case 0, 1:
                    if (org != null && s.op() == 1) {
                        return new Change.PutOrganization(org.withSlug("o" + org.id() + "r" + s.b() % 3).withOpenMembership(s.c() % 2 == 0));
                    }
                    return new Change.PutOrganization(new Organization(nextId, "o" + nextId++, "Org", 1, true, null));
                case 2:
                    if (org == null) {
                        return null;
                    }
                    return new Change.PutTeam(new Team(nextId, org.id(), "t" + nextId++, "Team", 2));
                case 3, 4: {
                    if (org == null) {
                        return null;
                    }
                    List<Long> teamIds = teams.stream().filter(t -> t.orgId() == org.id())
                            .filter(t -> (s.c() >> (t.id() % 8) & 1) == 1).map(Team::id).toList();
                    Project existing = pick(projects.stream().filter(p -> p.orgId() == org.id()).toList(), s.b());
                    if (s.op() == 4 && existing != null) {
                        return new Change.PutProject(existing.withTeams(teamIds).withSlug("p" + existing.id() + "x" + s.c() % 4));
                    }
                    return new Change.PutProject(new Project(nextId, org.id(), "p" + nextId++, "P", null, 3, teamIds));
                }
                case 5:
                    return new Change.PutUser(new User(nextId, "u" + nextId++ + "@x.io", s.b() % 5 == 0, 4));
                case 6: {
                    User user = pick(users, s.b());
                    if (org == null || user == null) {
                        return null;
                    }
                    List<Long> teamIds = teams.stream().filter(t -> t.orgId() == org.id())
                            .filter(t -> (s.c() >> (t.id() % 8) & 1) == 1).map(Team::id).toList();
                    Member existing = members.stream().filter(m -> m.orgId() == org.id() && m.userId() == user.id())
                            .findFirst().orElse(null);
                    OrgRole role = OrgRole.values()[s.c() % 4];
                    return new Change.PutMember(existing != null ? existing.withTeams(teamIds).withRole(role)
                            : new Member(nextId++, org.id(), user.id(), role, teamIds, 5));
                }
                case 7: {
                    User user = pick(users, s.b());
                    if (user == null) {
                        return null;
                    }
                    return new Change.PutToken(new Token(nextId, user.id(), "t", "h" + nextId++,
                            Set.of(Scope.ORG_READ), 6, 0, "abcd"));
                }
                case 8, 12, 13: {
                    Project p = pick(projects, s.b());
                    if (p == null) {
                        return null;
                    }
                    ClientKey existing = pick(model.keysOf(p.id()), s.c());
                    if (s.op() == 13 && existing != null) {
                        return new Change.PutKey(existing.withActive(s.a() % 2 == 0).withLabel("L" + s.a()));
                    }
                    return new Change.PutKey(new ClientKey(nextId++, p.id(), "k", hex(nextId), hex(-nextId),
                            s.c() % 3 != 0, 7, 0, 0, null, LoaderOption.DEFAULTS,
                            s.a() % 4 == 0 ? UseCase.PROFILING : UseCase.USER));
                }
                case 9:
                    return org == null ? null : new Change.DeleteOrganization(org.id());
                case 10: {
                    Team t = pick(teams, s.b());
                    return t == null ? null : new Change.DeleteTeam(t.id());
                }
                case 11: {
                    Project p = pick(projects, s.b());
                    return p == null ? null : new Change.DeleteProject(p.id());
                }
                case 14: {
                    ClientKey k = pick(keys, s.b());
                    if (k != null) {
                        return new Change.DeleteKey(k.projectId(), k.id());
                    }
                    Member m = pick(members, s.c());
                    return m == null ? null : new Change.DeleteMember(m.id());
                }
                default: {
                    if (s.a() % 3 == 0) {
                        User u = pick(users, s.b());
                        return u == null ? null : new Change.DeleteUser(u.id());
                    }
                    Token t = pick(tokens, s.b());
                    return t == null ? null : new Change.DeleteToken(t.id());
                }
            }
        }

        private static String hex(long n) {
            return String.format("%032x", n & Long.MAX_VALUE);
        }

        void compare() {
            assertEquals(List.copyOf(model.orgs.values()), state.organizations());
            assertEquals(List.copyOf(model.users.values()), state.users());
            assertEquals(model.keys.size(), state.keyCount());
            assertEquals(model.lastId, state.lastId());
            for (Organization o : model.orgs.values()) {
                assertEquals(o, state.organizationBySlug(o.slug()).orElse(null));
                assertEquals(model.teams.values().stream().filter(t -> t.orgId() == o.id()).toList(), state.teams(o.id()));
                assertEquals(model.projects.values().stream().filter(p -> p.orgId() == o.id()).toList(), state.projects(o.id()));
                assertEquals(model.members.values().stream().filter(m -> m.orgId() == o.id()).toList(), state.members(o.id()));
            }
            for (Team t : model.teams.values()) {
                assertEquals(t, state.teamBySlug(t.orgId(), t.slug()).orElse(null));
                long[] expected = model.projects.values().stream().filter(p -> p.teamIds().contains(t.id()))
                        .mapToLong(Project::id).toArray();
                assertEquals(IdSet.of(expected), state.projectIdsOfTeam(t.id()));
            }
            for (Project p : model.projects.values()) {
                assertEquals(p, state.projectBySlug(p.orgId(), p.slug()).orElse(null));
                assertEquals(model.keysOf(p.id()), state.keys(p.id()));
            }
            for (User u : model.users.values()) {
                assertEquals(u, state.userByEmail(u.email()).orElse(null));
                assertEquals(model.members.values().stream().filter(m -> m.userId() == u.id()).toList(), state.memberships(u.id()));
                assertEquals(model.tokens.values().stream().filter(t -> t.userId() == u.id()).toList(), state.tokens(u.id()));
            }
            for (Token t : model.tokens.values()) {
                assertEquals(t, state.tokenByHash(t.hashHex()).orElse(null));
            }
            State rebuilt = State.empty().apply(state.asChanges()).withLastId(state.lastId());
            assertEquals(state.organizations(), rebuilt.organizations());
            assertEquals(state.keyCount(), rebuilt.keyCount());
            for (Project p : model.projects.values()) {
                assertEquals(state.keys(p.id()), rebuilt.keys(p.id()));
            }
        }
    }
}
