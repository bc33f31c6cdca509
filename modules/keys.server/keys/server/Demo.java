package keys.server;

import java.util.List;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Member;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Secrets;
import keys.domain.Sources;
import keys.domain.Team;
import keys.domain.Token;
import keys.domain.UseCase;
import keys.domain.User;
import keys.store.Change;
import keys.store.Store;
import keys.store.Tx;

/**
 * {@code serve --demo}: on an empty store, a small organization to try the API on at once —
 * two teams, three projects with their keys, and a member whose token is printed.
 */
final class Demo {
    static final String ORG = "demo";

    private Demo() {
    }

    /** True when the store holds no organization yet (the demo only fills an empty directory). */
    static boolean applies(Store store) {
        return store.state().organizations().isEmpty();
    }

    /** Creates the demo organization; returns the member's clear token. */
    static String create(Store store, Sources sources) {
        String clear = sources.newUserToken();
        store.write(tx -> {
            long now = sources.nowMicros();
            Organization org = new Organization(tx.nextId(), ORG, "Demo", now, true, null);
            tx.add(new Change.PutOrganization(org));
            Team backend = team(tx, org, "backend", "Backend", now);
            Team frontend = team(tx, org, "frontend", "Frontend", now);
            Project api = project(tx, org, "api", "python", now, sources, backend);
            Project web = project(tx, org, "web", "javascript", now, sources, frontend);
            project(tx, org, "worker", "python", now, sources, backend, frontend);
            tx.add(new Change.PutKey(key(tx.nextId(), api.id(), "Staging", true, now, sources)));
            tx.add(new Change.PutKey(key(tx.nextId(), web.id(), "Old browser key", false, now, sources)));
            User user = new User(tx.nextId(), "demo@example.com", false, now);
            tx.add(new Change.PutUser(user));
            tx.add(new Change.PutMember(new Member(tx.nextId(), org.id(), user.id(), OrgRole.ADMIN,
                    List.of(backend.id(), frontend.id()), now)));
            tx.add(new Change.PutToken(new Token(tx.nextId(), user.id(), "demo", Secrets.sha256Hex(clear),
                    OrgRole.ADMIN.scopes(), now, 0, clear.substring(clear.length() - 4))));
            return null;
        });
        return clear;
    }

    /** What to print: the token and three commands that work as printed. */
    static String instructions(String token, String urlPrefix, boolean inFile) {
        String auth = "-H 'Authorization: Bearer " + token + "'";
        return "Demo organization '" + ORG + "' created. Its member's token" + (inFile ? " (also in DATA/demo-token)" : "")
                + ": " + token + "\n"
                + "Try:\n"
                + "  curl " + auth + " " + urlPrefix + "/api/0/organizations/demo/project-keys/\n"
                + "  curl " + auth + " '" + urlPrefix + "/api/0/organizations/demo/project-keys/?team=backend&status=active&per_page=2'\n"
                + "  curl -X POST " + auth + " -H 'Content-Type: application/json' -d '{\"name\":\"From curl\"}' "
                + urlPrefix + "/api/0/projects/demo/api/keys/\n";
    }

    private static Team team(Tx tx, Organization org, String slug, String name, long now) {
        Team t = new Team(tx.nextId(), org.id(), slug, name, now);
        tx.add(new Change.PutTeam(t));
        return t;
    }

    private static Project project(Tx tx, Organization org, String slug, String platform, long now, Sources sources,
                                   Team... teams) {
        Project p = new Project(tx.nextId(), org.id(), slug, slug, platform, now,
                java.util.Arrays.stream(teams).map(Team::id).toList());
        tx.add(new Change.PutProject(p));
        tx.add(new Change.PutKey(key(tx.nextId(), p.id(), "Default", true, now, sources)));
        return p;
    }

    private static ClientKey key(long id, long projectId, String label, boolean active, long now, Sources sources) {
        return new ClientKey(id, projectId, label, sources.newKeyHex(), sources.newKeyHex(), active, now,
                0, 0, null, LoaderOption.DEFAULTS, UseCase.USER);
    }
}
