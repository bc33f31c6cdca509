package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.UseCase;
import keys.testing.Gens;
import keys.testing.Prop;

/**
 * The chunked key lists and the organization-wide index, against a TreeMap: thousands of keys so
 * chunks split and empty, edits one at a time and in bulk, and the org scan against the merge.
 */
class KeyIndexTest {

    static ClientKey key(long id, long projectId, boolean active, UseCase useCase) {
        return new ClientKey(id, projectId, "k" + id, String.format("%032x", id), String.format("%032x", id + (1L << 40)),
                active, id, 0, 0, null, LoaderOption.DEFAULTS, useCase);
    }

    @Test
    void chunkedListAgreesWithATreeMapUnderRandomEdits() {
        Prop.forAll(30, Gens.longs(0, Long.MAX_VALUE), seed -> {
            Random r = new Random(seed);
            TreeMap<Long, ClientKey> model = new TreeMap<>();
            KeyList list = KeyList.EMPTY;
            int ops = 200 + r.nextInt(3000);
            for (int i = 0; i < ops; i++) {
                long id = 1 + r.nextInt(2500);
                if (r.nextInt(4) == 0) {
                    model.remove(id);
                    list = list.without(id);
                } else {
                    ClientKey k = key(id, 1, r.nextBoolean(), UseCase.USER);
                    model.put(id, k);
                    list = list.with(k);
                }
            }
            assertEquals(new ArrayList<>(model.values()), new ArrayList<>(list));
            for (long id = 0; id <= 2501; id += 7) {
                int expected = model.containsKey(id) ? model.headMap(id).size() : -(model.headMap(id).size()) - 1;
                assertEquals(expected, list.indexOf(id), "indexOf " + id);
            }
            KeyListEditor editor = new KeyListEditor(list);
            for (int i = 0; i < 500; i++) {
                long id = 1 + r.nextInt(3000);
                if (r.nextBoolean()) {
                    assertEquals(model.remove(id) != null, editor.remove(id));
                } else {
                    ClientKey k = key(id, 1, true, UseCase.USER);
                    assertEquals(model.put(id, k) == null, editor.put(k));
                }
            }
            assertEquals(new ArrayList<>(model.values()), new ArrayList<>(editor.build()));
        });
    }

    @Test
    void organizationScanAgreesWithTheMergeAndTheModel() {
        Prop.forAll(20, Gens.longs(0, Long.MAX_VALUE), seed -> {
            Random r = new Random(seed);
            StateModel model = new StateModel();
            List<Change> changes = new ArrayList<>();
            Organization org = new Organization(1, "o", "O", 1, true, null);
            Organization other = new Organization(2, "p", "P", 1, true, null);
            changes.add(new Change.PutOrganization(org));
            changes.add(new Change.PutOrganization(other));
            int projects = 20 + r.nextInt(30);
            for (int p = 0; p < projects; p++) {
                changes.add(new Change.PutProject(new Project(10 + p, p % 5 == 0 ? 2 : 1, "p" + p, "P", null, 1, List.of())));
            }
            long id = 1000;
            for (int i = 0; i < 2000 + r.nextInt(2000); i++) {
                id += 1 + r.nextInt(3);
                changes.add(new Change.PutKey(key(id, 10 + r.nextInt(projects), r.nextInt(3) > 0,
                        r.nextInt(5) == 0 ? UseCase.DEMO : UseCase.USER)));
            }
            State state = State.empty();
            // Applied in slices: some small writes (persistent edits), some bulk ones.
            for (int from = 0; from < changes.size(); ) {
                int to = Math.min(changes.size(), from + (r.nextBoolean() ? 1 + r.nextInt(3) : 200 + r.nextInt(800)));
                state = state.apply(changes.subList(from, to));
                from = to;
            }
            changes.forEach(model::apply);
            for (int i = 0; i < 20; i++) {
                ClientKey victim = state.keys(10 + r.nextInt(projects)).stream().findFirst().orElse(null);
                if (victim != null) {
                    Change d = new Change.DeleteKey(victim.projectId(), victim.id());
                    state = state.apply(List.of(d));
                    model.apply(d);
                }
            }
            Change dp = new Change.DeleteProject(11);
            state = state.apply(List.of(dp));
            model.apply(dp);
            IdSet orgProjects = state.projectIds(1);
            for (int q = 0; q < 40; q++) {
                long[] chosen = orgProjects.toArray();
                IdSet ids = r.nextBoolean() ? orgProjects
                        : IdSet.of(java.util.Arrays.stream(chosen).filter(x -> r.nextInt(4) > 0).toArray());
                long bound = r.nextBoolean() ? 0 : 1000 + r.nextInt((int) (id - 1000) + 10);
                Boolean active = r.nextInt(3) == 0 ? null : r.nextBoolean();
                KeyQuery viaOrg = new KeyQuery(ids, active, r.nextBoolean(), bound, r.nextBoolean(), r.nextInt(5),
                        1 + r.nextInt(120), 1);
                KeyQuery viaMerge = new KeyQuery(viaOrg.projectIds(), viaOrg.active(), viaOrg.userOnly(),
                        viaOrg.bound(), viaOrg.ascending(), viaOrg.offset(), viaOrg.limit());
                List<ClientKey> expected = model.query(viaMerge);
                assertEquals(expected, state.queryKeys(viaMerge), viaMerge.toString());
                assertEquals(expected, state.queryKeys(viaOrg), viaOrg.toString());
            }
        });
    }

    /**
     * A team's own key list against the merge of its projects' lists, while projects join and
     * leave teams, keys come and go, and projects and teams are deleted; and the same lists again
     * after the state is replayed from its puts, as a snapshot is opened.
     */
    @Test
    void teamScanAgreesWithTheMergeAsProjectsChangeTeams() {
        Prop.forAll(30, Gens.longs(0, Long.MAX_VALUE), seed -> {
            Random r = new Random(seed);
            StateModel model = new StateModel();
            List<Change> changes = new ArrayList<>();
            changes.add(new Change.PutOrganization(new Organization(1, "o", "O", 1, true, null)));
            int teams = 2 + r.nextInt(4);
            for (int t = 0; t < teams; t++) {
                changes.add(new Change.PutTeam(new keys.domain.Team(100 + t, 1, "t" + t, "T", 1)));
            }
            int projects = 20 + r.nextInt(40);
            for (int p = 0; p < projects; p++) {
                changes.add(new Change.PutProject(new Project(200 + p, 1, "p" + p, "P", null, 1, someTeams(r, teams))));
            }
            long id = 1000;
            List<ClientKey> live = new ArrayList<>(); // to update or delete a key as the API does: in its own project
            int steps = 1500 + r.nextInt(2500);
            for (int i = 0; i < steps; i++) {
                int what = r.nextInt(100);
                long project = 200 + r.nextInt(projects);
                if (what < 3) { // a project joins or leaves teams (or is made again after a delete)
                    changes.add(new Change.PutProject(new Project(project, 1, "p" + (project - 200), "P", null, 1,
                            someTeams(r, teams))));
                } else if (what < 4 && r.nextInt(10) == 0) {
                    changes.add(new Change.DeleteProject(project));
                    live.removeIf(k -> k.projectId() == project);
                } else if (what < 5 && r.nextInt(20) == 0) {
                    changes.add(new Change.DeleteTeam(100 + r.nextInt(teams)));
                } else if (what < 20 && !live.isEmpty()) {
                    ClientKey k = live.remove(r.nextInt(live.size()));
                    if (r.nextBoolean()) {
                        changes.add(new Change.DeleteKey(k.projectId(), k.id()));
                    } else {
                        ClientKey changed = key(k.id(), k.projectId(), !k.active(), k.useCase());
                        changes.add(new Change.PutKey(changed));
                        live.add(changed);
                    }
                } else {
                    id += 1 + r.nextInt(3);
                    ClientKey k = key(id, project, r.nextInt(3) > 0, r.nextInt(5) == 0 ? UseCase.DEMO : UseCase.USER);
                    changes.add(new Change.PutKey(k));
                    live.add(k);
                }
            }
            State state = State.empty();
            for (int from = 0; from < changes.size(); ) { // small writes (persistent edits) and bulk ones
                int to = Math.min(changes.size(), from + (r.nextBoolean() ? 1 + r.nextInt(3) : 100 + r.nextInt(600)));
                state = state.apply(changes.subList(from, to));
                from = to;
            }
            changes.forEach(model::apply);
            State replayed = State.empty().apply(state.asChanges());
            for (State s : List.of(state, replayed)) {
                for (int t = 0; t < teams; t++) {
                    long team = 100 + t;
                    IdSet ofTeam = s.projectIdsOfTeam(team);
                    List<ClientKey> all = new ArrayList<>();
                    for (int i = 0; i < ofTeam.size(); i++) {
                        all.addAll(s.keys(ofTeam.get(i)));
                    }
                    all.sort(java.util.Comparator.comparingLong(ClientKey::id));
                    KeyList list = s.keysByTeam.get(team);
                    assertEquals(all, list == null ? List.of() : new ArrayList<>(list), "team " + team + "'s list");
                    for (int q = 0; q < 10; q++) {
                        IdSet ids = r.nextBoolean() ? ofTeam : IdSet.of(java.util.Arrays.stream(ofTeam.toArray())
                                .filter(x -> r.nextInt(8) > 0).toArray());
                        long bound = r.nextBoolean() ? 0 : 1000 + r.nextInt((int) (id - 1000) + 10);
                        Boolean active = r.nextInt(3) == 0 ? null : r.nextBoolean();
                        KeyQuery viaTeam = new KeyQuery(ids, active, r.nextBoolean(), bound, r.nextBoolean(),
                                r.nextInt(5), 1 + r.nextInt(120), r.nextBoolean() ? 1 : 0, team);
                        KeyQuery viaMerge = new KeyQuery(ids, viaTeam.active(), viaTeam.userOnly(), viaTeam.bound(),
                                viaTeam.ascending(), viaTeam.offset(), viaTeam.limit());
                        List<ClientKey> expected = model.query(viaMerge);
                        assertEquals(expected, s.queryKeys(viaMerge), viaMerge.toString());
                        assertEquals(expected, s.queryKeys(viaTeam), viaTeam.toString());
                    }
                }
            }
        });
    }

    private static List<Long> someTeams(Random r, int teams) {
        List<Long> out = new ArrayList<>();
        for (int t = 0; t < teams; t++) {
            if (r.nextInt(teams) == 0) {
                out.add(100L + t);
            }
        }
        return out;
    }
}
