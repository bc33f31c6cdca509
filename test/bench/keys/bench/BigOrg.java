package keys.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Member;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Secrets;
import keys.domain.Team;
import keys.domain.Token;
import keys.domain.UseCase;
import keys.domain.User;
import keys.store.Change;
import keys.store.FsyncPolicy;
import keys.store.Store;
import keys.store.StoreOptions;

/**
 * A large organization for benchmarks: {@code keys} client keys spread over {@code projects}
 * projects in {@code teams} teams, plus a superuser and an owner holding {@link #TOKEN}.
 */
public final class BigOrg {
    /** The clear token of the organization's owner (and of a superuser via KEYS_ADMIN_TOKEN). */
    public static final String TOKEN = "sntryu_" + "ab".repeat(32);
    public static final String SLUG = "big";

    private BigOrg() {
    }

    /** Fills an empty directory; the store is closed afterwards. Returns the team slugs. */
    public static List<String> create(Path dir, int keys, int projects, int teams) throws Exception {
        List<String> teamSlugs = new ArrayList<>();
        try (Store store = Store.open(dir, StoreOptions.defaults().withFsync(FsyncPolicy.NEVER))) {
            long t0 = System.currentTimeMillis() * 1000;
            long[] projectIds = new long[projects];
            store.write(tx -> {
                Organization org = new Organization(tx.nextId(), SLUG, "Big", t0, true, null);
                tx.add(new Change.PutOrganization(org));
                long[] teamIds = new long[teams];
                for (int t = 0; t < teams; t++) {
                    Team team = new Team(tx.nextId(), org.id(), "team-" + t, "Team " + t, t0);
                    teamIds[t] = team.id();
                    teamSlugs.add(team.slug());
                    tx.add(new Change.PutTeam(team));
                }
                for (int p = 0; p < projects; p++) {
                    Project project = new Project(tx.nextId(), org.id(), "project-" + p, "Project " + p, "python", t0,
                            List.of(teamIds[p % teams]));
                    projectIds[p] = project.id();
                    tx.add(new Change.PutProject(project));
                }
                User owner = new User(tx.nextId(), "owner@big.example", true, t0);
                tx.add(new Change.PutUser(owner));
                tx.add(new Change.PutMember(new Member(tx.nextId(), org.id(), owner.id(), OrgRole.OWNER, List.of(), t0)));
                tx.add(new Change.PutToken(new Token(tx.nextId(), owner.id(), "bench", Secrets.sha256Hex(TOKEN),
                        java.util.EnumSet.allOf(Scope.class), t0, 0, TOKEN.substring(TOKEN.length() - 4))));
                return null;
            });
            SplittableRandom random = new SplittableRandom(42);
            int batch = 20_000;
            for (int done = 0; done < keys; done += batch) {
                int n = Math.min(batch, keys - done);
                int base = done;
                store.write(tx -> {
                    for (int i = 0; i < n; i++) {
                        long id = tx.nextId();
                        tx.add(new Change.PutKey(new ClientKey(id, projectIds[(base + i) % projects],
                                (base + i) % 3 == 0 ? "" : "Key " + (base + i), hex(random), hex(random),
                                (base + i) % 5 != 0, t0 + base + i, 0, 0, null, LoaderOption.DEFAULTS, UseCase.USER)));
                    }
                    return null;
                });
            }
        }
        return teamSlugs;
    }

    private static String hex(SplittableRandom r) {
        return String.format("%016x%016x", r.nextLong(), r.nextLong());
    }
}
