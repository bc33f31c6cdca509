package keys.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import keys.domain.ClientKey;
import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.domain.Token;
import keys.domain.UseCase;
import keys.domain.User;

/** The obvious, slow version of {@link State}: plain maps and linear scans, for model-based tests. */
final class StateModel {
    final Map<Long, Organization> orgs = new TreeMap<>();
    final Map<Long, Team> teams = new TreeMap<>();
    final Map<Long, Project> projects = new TreeMap<>();
    final Map<Long, User> users = new TreeMap<>();
    final Map<Long, Member> members = new TreeMap<>();
    final Map<Long, Token> tokens = new TreeMap<>();
    final Map<Long, ClientKey> keys = new TreeMap<>();
    long lastId;

    void apply(Change change) {
        switch (change) {
            case Change.PutOrganization c -> put(orgs, c.organization().id(), c.organization());
            case Change.PutTeam c -> put(teams, c.team().id(), c.team());
            case Change.PutProject c -> put(projects, c.project().id(), c.project());
            case Change.PutUser c -> put(users, c.user().id(), c.user());
            case Change.PutMember c -> put(members, c.member().id(), c.member());
            case Change.PutToken c -> put(tokens, c.token().id(), c.token());
            case Change.PutKey c -> put(keys, c.key().id(), c.key());
            case Change.PutAudit c -> { } // audit entries are AuditStoreTest's
            case Change.DropAuditBefore c -> { }
            case Change.DeleteOrganization c -> {
                if (orgs.remove(c.id()) != null) {
                    members.values().removeIf(m -> m.orgId() == c.id());
                    projects.values().stream().filter(p -> p.orgId() == c.id()).map(Project::id).toList()
                            .forEach(this::deleteProject);
                    teams.values().removeIf(t -> t.orgId() == c.id());
                }
            }
            case Change.DeleteTeam c -> {
                if (teams.remove(c.id()) != null) {
                    projects.replaceAll((id, p) -> p.withTeams(without(p.teamIds(), c.id())));
                    members.replaceAll((id, m) -> m.withTeams(without(m.teamIds(), c.id())));
                }
            }
            case Change.DeleteProject c -> deleteProject(c.id());
            case Change.DeleteUser c -> {
                if (users.remove(c.id()) != null) {
                    members.values().removeIf(m -> m.userId() == c.id());
                    tokens.values().removeIf(t -> t.userId() == c.id());
                }
            }
            case Change.DeleteMember c -> members.remove(c.id());
            case Change.DeleteToken c -> tokens.remove(c.id());
            case Change.DeleteKey c -> keys.remove(c.id());
        }
    }

    private <T> void put(Map<Long, T> map, long id, T value) {
        map.put(id, value);
        lastId = Math.max(lastId, id);
    }

    private void deleteProject(long id) {
        if (projects.remove(id) != null) {
            keys.values().removeIf(k -> k.projectId() == id);
        }
    }

    private static List<Long> without(List<Long> ids, long id) {
        List<Long> out = new ArrayList<>(ids);
        out.remove(Long.valueOf(id));
        return out;
    }

    List<ClientKey> keysOf(long projectId) {
        return keys.values().stream().filter(k -> k.projectId() == projectId).toList();
    }

    List<ClientKey> query(KeyQuery q) {
        Comparator<ClientKey> order = Comparator.comparingLong(ClientKey::id);
        List<ClientKey> matching = keys.values().stream()
                .filter(k -> q.projectIds().contains(k.projectId()))
                .filter(k -> q.bound() == 0 || (q.ascending() ? k.id() >= q.bound() : k.id() <= q.bound()))
                .filter(k -> q.active() == null || k.active() == q.active())
                .filter(k -> !q.userOnly() || k.useCase() == UseCase.USER)
                .sorted(q.ascending() ? order : order.reversed())
                .toList();
        return matching.stream().skip(q.offset()).limit(q.limit()).toList();
    }
}
