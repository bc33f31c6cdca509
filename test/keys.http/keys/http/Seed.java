package keys.http;

import java.util.Arrays;
import java.util.List;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Member;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Secrets;
import keys.domain.Team;
import keys.domain.Timestamps;
import keys.domain.Token;
import keys.domain.UseCase;
import keys.domain.User;
import keys.store.Change;
import keys.store.Store;

/** Puts fixtures straight into the store, the way the API would have; for tests and benchmarks. */
public final class Seed {
    private final Store store;

    Seed(Store store) {
        this.store = store;
    }

    public Organization org(String slug) {
        return store.write(tx -> {
            Organization o = new Organization(tx.nextId(), slug, slug.toUpperCase(java.util.Locale.ROOT),
                    keys.domain.Sources.real().nowMicros(), true, null);
            tx.add(new Change.PutOrganization(o));
            return o;
        });
    }

    /** An organization whose members see only their teams' projects. */
    public Organization closedOrg(String slug) {
        Organization o = org(slug).withOpenMembership(false);
        store.write(tx -> {
            tx.add(new Change.PutOrganization(o));
            return null;
        });
        return o;
    }

    public Team team(Organization org, String slug) {
        return store.write(tx -> {
            Team t = new Team(tx.nextId(), org.id(), slug, slug, keys.domain.Sources.real().nowMicros());
            tx.add(new Change.PutTeam(t));
            return t;
        });
    }

    /** A project owned by the teams, with its {@code Default} key, as the API creates it. */
    public Project project(Organization org, String slug, Team... teams) {
        return store.write(tx -> {
            List<Long> teamIds = Arrays.stream(teams).map(Team::id).toList();
            Project p = new Project(tx.nextId(), org.id(), slug, slug, null, keys.domain.Sources.real().nowMicros(), teamIds);
            tx.add(new Change.PutProject(p));
            tx.add(new Change.PutKey(newKey(tx.nextId(), p.id(), "Default", true, UseCase.USER)));
            return p;
        });
    }

    public User user(String email) {
        return user(email, false);
    }

    public User user(String email, boolean superuser) {
        return store.write(tx -> {
            User u = new User(tx.nextId(), email, superuser, keys.domain.Sources.real().nowMicros());
            tx.add(new Change.PutUser(u));
            return u;
        });
    }

    public Member member(Organization org, User user, OrgRole role, Team... teams) {
        return store.write(tx -> {
            Member m = new Member(tx.nextId(), org.id(), user.id(), role,
                    Arrays.stream(teams).map(Team::id).toList(), keys.domain.Sources.real().nowMicros());
            tx.add(new Change.PutMember(m));
            return m;
        });
    }

    /** Mints a token for the user; returns the clear token. */
    public String token(User user, Scope... scopes) {
        String clear = keys.domain.Sources.real().newUserToken();
        store.write(tx -> {
            tx.add(new Change.PutToken(new Token(tx.nextId(), user.id(), "test", Secrets.sha256Hex(clear),
                    java.util.Set.of(scopes), keys.domain.Sources.real().nowMicros(), 0, clear.substring(clear.length() - 4))));
            return null;
        });
        return clear;
    }

    /** A new user who is a member of the org with the role, and a token with every scope the role has. */
    public String memberToken(Organization org, String email, OrgRole role, Team... teams) {
        User u = user(email);
        member(org, u, role, teams);
        return token(u, role.scopes().toArray(new Scope[0]));
    }

    public String superuserToken() {
        User u = user("admin-" + keys.domain.Sources.real().newKeyHex().substring(0, 8) + "@test.local", true);
        return token(u, Scope.values());
    }

    public ClientKey key(Project project, String label, boolean active, UseCase useCase) {
        return store.write(tx -> {
            ClientKey k = newKey(tx.nextId(), project.id(), label, active, useCase);
            tx.add(new Change.PutKey(k));
            return k;
        });
    }

    static ClientKey newKey(long id, long projectId, String label, boolean active, UseCase useCase) {
        return new ClientKey(id, projectId, label, keys.domain.Sources.real().newKeyHex(), keys.domain.Sources.real().newKeyHex(), active,
                keys.domain.Sources.real().nowMicros(), 0, 0, null, LoaderOption.DEFAULTS, useCase);
    }
}
