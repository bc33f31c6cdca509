package keys.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

import keys.domain.AuditEntry;
import keys.domain.ClientKey;
import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.domain.Token;
import keys.domain.User;

/**
 * Everything the store holds, as one immutable snapshot with its indexes. Readers share it
 * without locks; a write builds the next one ({@link #apply}) and the store swaps it in whole, so
 * no reader ever sees half a change.
 */
public final class State {
    private static final State EMPTY = new State(0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
            Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
            Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0, 0, Map.of(), AuditRows.NONE);

    final long lastId;
    final Map<Long, Organization> orgs;
    final Map<String, Long> orgBySlug;
    final Map<Long, Team> teams;
    final Map<String, Long> teamBySlug;
    final Map<Long, IdSet> teamsByOrg;
    final Map<Long, Project> projects;
    final Map<String, Long> projectBySlug;
    final Map<Long, IdSet> projectsByOrg;
    final Map<Long, IdSet> projectsByTeam;
    final Map<Long, User> users;
    final Map<String, Long> userByEmail;
    final Map<Long, Member> members;
    final Map<String, Long> memberByOrgUser;
    final Map<Long, IdSet> membersByOrg;
    final Map<Long, IdSet> membersByUser;
    final Map<Long, Token> tokens;
    final Map<String, Long> tokenByHash;
    final Map<Long, IdSet> tokensByUser;
    final Map<Long, KeyList> keysByProject;
    /** Every key of an organization by id: a page over most of an org's projects is read from here. */
    final Map<Long, KeyList> keysByOrg;
    /** Every key of a team's projects by id: a page over most of a team's projects is read from here. */
    final Map<Long, KeyList> keysByTeam;
    final long keyCount;
    /** The highest audit entry id ever allocated: audit entries count on their own. */
    final long lastAuditId;
    final Map<Long, AuditLog> auditByOrg;
    /** Where the rows of {@link #auditByOrg} that are on disk are read from: one reader per store. */
    final AuditRows auditRows;

    State(long lastId, Map<Long, Organization> orgs, Map<String, Long> orgBySlug,
          Map<Long, Team> teams, Map<String, Long> teamBySlug, Map<Long, IdSet> teamsByOrg,
          Map<Long, Project> projects, Map<String, Long> projectBySlug, Map<Long, IdSet> projectsByOrg,
          Map<Long, IdSet> projectsByTeam, Map<Long, User> users, Map<String, Long> userByEmail,
          Map<Long, Member> members, Map<String, Long> memberByOrgUser, Map<Long, IdSet> membersByOrg,
          Map<Long, IdSet> membersByUser, Map<Long, Token> tokens, Map<String, Long> tokenByHash,
          Map<Long, IdSet> tokensByUser, Map<Long, KeyList> keysByProject, Map<Long, KeyList> keysByOrg,
          Map<Long, KeyList> keysByTeam, long keyCount, long lastAuditId, Map<Long, AuditLog> auditByOrg,
          AuditRows auditRows) {
        this.lastId = lastId;
        this.orgs = orgs;
        this.orgBySlug = orgBySlug;
        this.teams = teams;
        this.teamBySlug = teamBySlug;
        this.teamsByOrg = teamsByOrg;
        this.projects = projects;
        this.projectBySlug = projectBySlug;
        this.projectsByOrg = projectsByOrg;
        this.projectsByTeam = projectsByTeam;
        this.users = users;
        this.userByEmail = userByEmail;
        this.members = members;
        this.memberByOrgUser = memberByOrgUser;
        this.membersByOrg = membersByOrg;
        this.membersByUser = membersByUser;
        this.tokens = tokens;
        this.tokenByHash = tokenByHash;
        this.tokensByUser = tokensByUser;
        this.keysByProject = keysByProject;
        this.keysByOrg = keysByOrg;
        this.keysByTeam = keysByTeam;
        this.keyCount = keyCount;
        this.lastAuditId = lastAuditId;
        this.auditByOrg = auditByOrg;
        this.auditRows = auditRows;
    }

    public static State empty() {
        return EMPTY;
    }

    /** The next state: this one with the changes applied in order (deletes cascade). */
    public State apply(List<Change> changes) {
        return apply(changes, AuditRowSink.MEMORY);
    }

    /** As {@link #apply(List)}, with the rows of new audit entries going to {@code sink}. */
    State apply(List<Change> changes, AuditRowSink sink) {
        StateBuilder builder = new StateBuilder(this, sink);
        builder.apply(changes);
        return builder.build();
    }

    /** The highest id ever allocated; never decreases, deletes included. */
    public long lastId() {
        return lastId;
    }

    public State withLastId(long id) {
        StateBuilder builder = new StateBuilder(this);
        builder.raiseLastId(id);
        return builder.build();
    }

    /** The highest audit entry id ever allocated; never decreases. */
    public long lastAuditId() {
        return lastAuditId;
    }

    public State withLastAuditId(long id) {
        StateBuilder builder = new StateBuilder(this);
        builder.raiseLastAuditId(id);
        return builder.build();
    }

    public long keyCount() {
        return keyCount;
    }

    // Organizations

    public Optional<Organization> organization(long id) {
        return Optional.ofNullable(orgs.get(id));
    }

    public Optional<Organization> organizationBySlug(String slug) {
        Long id = orgBySlug.get(slug);
        return id == null ? Optional.empty() : organization(id);
    }

    public List<Organization> organizations() {
        return sortedById(orgs.values(), Organization::id);
    }

    // Teams

    public Optional<Team> team(long id) {
        return Optional.ofNullable(teams.get(id));
    }

    public Optional<Team> teamBySlug(long orgId, String slug) {
        Long id = teamBySlug.get(scoped(orgId, slug));
        return id == null ? Optional.empty() : team(id);
    }

    public List<Team> teams(long orgId) {
        return resolve(teamsByOrg.get(orgId), teams::get);
    }

    // Projects

    public Optional<Project> project(long id) {
        return Optional.ofNullable(projects.get(id));
    }

    public Optional<Project> projectBySlug(long orgId, String slug) {
        Long id = projectBySlug.get(scoped(orgId, slug));
        return id == null ? Optional.empty() : project(id);
    }

    public List<Project> projects(long orgId) {
        return resolve(projectsByOrg.get(orgId), projects::get);
    }

    public IdSet projectIds(long orgId) {
        return orEmpty(projectsByOrg.get(orgId));
    }

    public IdSet projectIdsOfTeam(long teamId) {
        return orEmpty(projectsByTeam.get(teamId));
    }

    // Users, members, tokens

    public Optional<User> user(long id) {
        return Optional.ofNullable(users.get(id));
    }

    public Optional<User> userByEmail(String email) {
        Long id = userByEmail.get(email);
        return id == null ? Optional.empty() : user(id);
    }

    public List<User> users() {
        return sortedById(users.values(), User::id);
    }

    public Optional<Member> member(long id) {
        return Optional.ofNullable(members.get(id));
    }

    public Optional<Member> member(long orgId, long userId) {
        Long id = memberByOrgUser.get(orgId + "/" + userId);
        return id == null ? Optional.empty() : member(id);
    }

    public List<Member> members(long orgId) {
        return resolve(membersByOrg.get(orgId), members::get);
    }

    public List<Member> memberships(long userId) {
        return resolve(membersByUser.get(userId), members::get);
    }

    /** Members of a team, by member id. */
    public List<Member> teamMembers(Team team) {
        List<Member> out = new ArrayList<>();
        for (Member m : members(team.orgId())) {
            if (m.teamIds().contains(team.id())) {
                out.add(m);
            }
        }
        return out;
    }

    public Optional<Token> token(long id) {
        return Optional.ofNullable(tokens.get(id));
    }

    public Optional<Token> tokenByHash(String hashHex) {
        Long id = tokenByHash.get(hashHex);
        return id == null ? Optional.empty() : token(id);
    }

    public List<Token> tokens(long userId) {
        return resolve(tokensByUser.get(userId), tokens::get);
    }

    /**
     * Ids of every token minted, directly or through others, by the given one (not itself), in
     * one pass over the tokens: a revocation takes them all in the same write.
     */
    public List<Long> tokensMintedFrom(long tokenId) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (Token t : tokens.values()) {
            if (t.mintedBy() != 0) {
                children.computeIfAbsent(t.mintedBy(), k -> new ArrayList<>()).add(t.id());
            }
        }
        List<Long> out = new ArrayList<>();
        ArrayDeque<Long> todo = new ArrayDeque<>(List.of(tokenId));
        Set<Long> seen = new HashSet<>(List.of(tokenId));
        while (!todo.isEmpty()) {
            for (long child : children.getOrDefault(todo.poll(), List.of())) {
                if (seen.add(child)) {
                    out.add(child);
                    todo.add(child);
                }
            }
        }
        return out;
    }

    // Keys

    /** A project's keys, ascending by id. */
    public List<ClientKey> keys(long projectId) {
        KeyList list = keysByProject.get(projectId);
        return list == null ? List.of() : list;
    }

    public Optional<ClientKey> key(long projectId, String publicKey) {
        for (ClientKey k : keys(projectId)) {
            if (k.hasPublicKey(publicKey)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** True when any key of any project already uses this value as its public or secret key. */
    public boolean keyValueInUse(String hex) {
        for (KeyList list : keysByProject.values()) {
            for (ClientKey k : list) {
                if (k.uses(hex)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Keys of a set of projects in id order, filtered and paged; see {@link KeyQuery}. */
    public List<ClientKey> queryKeys(KeyQuery query) {
        return KeyMerge.run(this, query);
    }

    // Audit log

    /** An organization's audit entries as {@code q} selects them. */
    public List<AuditEntry> auditEntries(long orgId, AuditQuery q) {
        AuditLog log = auditByOrg.get(orgId);
        return log == null ? List.of() : log.query(orgId, q, auditRows);
    }

    /** How many audit entries an organization has. */
    public int auditCount(long orgId) {
        AuditLog log = auditByOrg.get(orgId);
        return log == null ? 0 : log.size();
    }

    /**
     * The whole live state as puts, parents first, each kind by id, audit entries last: replaying
     * them rebuilds it (with {@link #withLastId} and {@link #withLastAuditId} for the counters).
     * Every audit row on disk is read: bulk work streams them instead ({@link AuditOrder}).
     */
    public List<Change> asChanges() {
        List<Change> out = asChangesWithoutAudit();
        AuditOrder.forEach(this, e -> out.add(new Change.PutAudit(e)));
        return out;
    }

    /** {@link #asChanges()} up to the audit entries. */
    List<Change> asChangesWithoutAudit() {
        List<Change> out = new ArrayList<>();
        organizations().forEach(o -> out.add(new Change.PutOrganization(o)));
        users().forEach(u -> out.add(new Change.PutUser(u)));
        sortedById(teams.values(), Team::id).forEach(t -> out.add(new Change.PutTeam(t)));
        List<Project> allProjects = sortedById(projects.values(), Project::id);
        allProjects.forEach(p -> out.add(new Change.PutProject(p)));
        sortedById(members.values(), Member::id).forEach(m -> out.add(new Change.PutMember(m)));
        sortedById(tokens.values(), Token::id).forEach(t -> out.add(new Change.PutToken(t)));
        List<ClientKey> allKeys = new ArrayList<>((int) Math.min(keyCount, Integer.MAX_VALUE - 8));
        for (KeyList list : keysByProject.values()) {
            allKeys.addAll(list);
        }
        allKeys.sort(Comparator.comparingLong(ClientKey::id));
        allKeys.forEach(k -> out.add(new Change.PutKey(k)));
        return out;
    }

    /** This state reading its audit rows on disk through {@code rows}. */
    State withAuditRows(AuditRows rows) {
        return new State(lastId, orgs, orgBySlug, teams, teamBySlug, teamsByOrg, projects, projectBySlug, projectsByOrg,
                projectsByTeam, users, userByEmail, members, memberByOrgUser, membersByOrg, membersByUser, tokens,
                tokenByHash, tokensByUser, keysByProject, keysByOrg, keysByTeam, keyCount, lastAuditId, auditByOrg,
                rows);
    }

    /** This state with the given audit logs (a snapshot's index) in place of its own. */
    State withAuditLogs(Map<Long, AuditLog> logs) {
        return new State(lastId, orgs, orgBySlug, teams, teamBySlug, teamsByOrg, projects, projectBySlug, projectsByOrg,
                projectsByTeam, users, userByEmail, members, memberByOrgUser, membersByOrg, membersByUser, tokens,
                tokenByHash, tokensByUser, keysByProject, keysByOrg, keysByTeam, keyCount, lastAuditId,
                Map.copyOf(logs), auditRows);
    }

    /** This state without the given audit entries (by organization): repair drops entries whose rows are damaged. */
    State withoutAuditEntries(Map<Long, Set<Long>> ids) {
        Map<Long, AuditLog> kept = new HashMap<>(auditByOrg);
        ids.forEach((org, gone) -> {
            AuditLog log = kept.get(org);
            if (log != null) {
                kept.put(org, log.without(gone));
            }
        });
        return withAuditLogs(kept);
    }

    /** This state with every audit row it holds in memory appended to {@code sink} (rows on disk stay put). */
    State withAuditRowsOnDisk(AuditRowSink sink) {
        Map<Long, AuditLog> moved = new HashMap<>();
        for (Map.Entry<Long, AuditLog> e : auditByOrg.entrySet()) {
            moved.put(e.getKey(), e.getValue().onDisk(e.getKey(), sink));
        }
        return withAuditLogs(moved);
    }

    static String scoped(long orgId, String slug) {
        return orgId + "/" + slug;
    }

    private static IdSet orEmpty(IdSet set) {
        return set == null ? IdSet.EMPTY : set;
    }

    private static <T> List<T> resolve(IdSet ids, LongFunction<T> lookup) {
        if (ids == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            T t = lookup.apply(ids.get(i));
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static <T> List<T> sortedById(java.util.Collection<T> values, java.util.function.ToLongFunction<T> id) {
        List<T> out = new ArrayList<>(values);
        out.sort(Comparator.comparingLong(id));
        return out;
    }
}
