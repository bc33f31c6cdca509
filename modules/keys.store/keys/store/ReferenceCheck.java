package keys.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import keys.domain.ClientKey;
import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.domain.Token;
import keys.domain.User;

/**
 * Referential integrity of a set of puts: every team, project and member points at a live
 * organization, every member and token at a live user, every key at a live project, and the
 * teams a project or member names are live teams of the same organization.
 */
final class ReferenceCheck {
    /** Reports stop after this many; the count of the rest is still given. */
    static final int MAX_REPORTED = 50;

    private ReferenceCheck() {
    }

    static List<String> problems(List<Change> puts) {
        Set<Long> orgs = new HashSet<>();
        Set<Long> users = new HashSet<>();
        Map<Long, Long> teamOrg = new HashMap<>();
        Set<Long> projects = new HashSet<>();
        for (Change c : puts) {
            switch (c) {
                case Change.PutOrganization(Organization o) -> orgs.add(o.id());
                case Change.PutUser(User u) -> users.add(u.id());
                case Change.PutTeam(Team t) -> teamOrg.put(t.id(), t.orgId());
                case Change.PutProject(Project p) -> projects.add(p.id());
                default -> { }
            }
        }
        List<String> out = new ArrayList<>();
        long[] more = {0};
        for (Change c : puts) {
            switch (c) {
                case Change.PutTeam(Team t) -> {
                    if (!orgs.contains(t.orgId())) {
                        add(out, more, "team " + t.id() + " belongs to missing organization " + t.orgId());
                    }
                }
                case Change.PutProject(Project p) -> {
                    if (!orgs.contains(p.orgId())) {
                        add(out, more, "project " + p.id() + " belongs to missing organization " + p.orgId());
                    }
                    for (long team : p.teamIds()) {
                        if (!sameOrg(teamOrg, team, p.orgId())) {
                            add(out, more, "project " + p.id() + " names team " + team
                                    + ", which is not a team of its organization");
                        }
                    }
                }
                case Change.PutMember(Member m) -> {
                    if (!orgs.contains(m.orgId())) {
                        add(out, more, "member " + m.id() + " belongs to missing organization " + m.orgId());
                    }
                    if (!users.contains(m.userId())) {
                        add(out, more, "member " + m.id() + " is missing user " + m.userId());
                    }
                    for (long team : m.teamIds()) {
                        if (!sameOrg(teamOrg, team, m.orgId())) {
                            add(out, more, "member " + m.id() + " names team " + team
                                    + ", which is not a team of its organization");
                        }
                    }
                }
                case Change.PutToken(Token t) -> {
                    if (!users.contains(t.userId())) {
                        add(out, more, "token " + t.id() + " belongs to missing user " + t.userId());
                    }
                }
                case Change.PutKey(ClientKey k) -> {
                    if (!projects.contains(k.projectId())) {
                        add(out, more, "key " + k.id() + " belongs to missing project " + k.projectId());
                    }
                }
                default -> { }
            }
        }
        if (more[0] > 0) {
            out.add("… and " + more[0] + " more");
        }
        return out;
    }

    /** The id of the record a change puts or deletes. */
    static long idOf(Change c) {
        return switch (c) {
            case Change.PutOrganization(Organization o) -> o.id();
            case Change.PutUser(User u) -> u.id();
            case Change.PutTeam(Team t) -> t.id();
            case Change.PutProject(Project p) -> p.id();
            case Change.PutMember(Member m) -> m.id();
            case Change.PutToken(Token t) -> t.id();
            case Change.PutKey(ClientKey k) -> k.id();
            case Change.DeleteOrganization d -> d.id();
            case Change.DeleteUser d -> d.id();
            case Change.DeleteTeam d -> d.id();
            case Change.DeleteProject d -> d.id();
            case Change.DeleteMember d -> d.id();
            case Change.DeleteToken d -> d.id();
            case Change.DeleteKey d -> d.id();
        };
    }

    private static boolean sameOrg(Map<Long, Long> teamOrg, long team, long orgId) {
        Long org = teamOrg.get(team);
        return org != null && org == orgId;
    }

    private static void add(List<String> out, long[] more, String problem) {
        if (out.size() < MAX_REPORTED) {
            out.add(problem);
        } else {
            more[0]++;
        }
    }
}
