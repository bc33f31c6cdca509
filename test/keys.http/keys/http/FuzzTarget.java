package keys.http;

import keys.domain.ClientKey;
import keys.domain.Member;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.UseCase;
import keys.domain.User;

/**
 * What the hostile requests aim at: an organization the fuzzer may change (its slug may be renamed
 * by a fuzzed PUT, so paths name it by id too), and a separate probe organization that no case
 * writes to, whose one key is fetched between cases and must come back unchanged.
 */
public record FuzzTarget(int port, String org, long orgId, String project, long projectId, String project2,
                         String team, long teamId, String keyId, String inactiveKeyId, long memberId,
                         String adminToken, String memberToken, String probePath, String probeBody) {

    /** Seeds both organizations into the server's store and records the probe's expected body. */
    public static FuzzTarget seed(TestServer ts) {
        Seed seed = ts.seed();
        Organization o = seed.org("fuzz");
        Team t1 = seed.team(o, "red");
        Team t2 = seed.team(o, "blue");
        Project p1 = seed.project(o, "alpha", t1);
        Project p2 = seed.project(o, "beta", t1, t2);
        ClientKey inactive = seed.key(p1, "off", false, UseCase.USER);
        seed.key(p2, "profiling", true, UseCase.PROFILING);
        User u = seed.user("member@fuzz.test");
        Member m = seed.member(o, u, OrgRole.MEMBER, t1);
        String memberToken = seed.token(u, OrgRole.MEMBER.scopes().toArray(new Scope[0]));
        String key = ts.store().state().keys(p1.id()).get(0).publicKey();

        Organization probeOrg = seed.org("probe");
        Project probe = seed.project(probeOrg, "probe-p", seed.team(probeOrg, "probe-t"));
        String probeKey = ts.store().state().keys(probe.id()).get(0).publicKey();
        String probePath = "/api/0/projects/probe/probe-p/keys/" + probeKey + "/";
        var baseline = ts.get(probePath, ts.adminToken);
        if (baseline.statusCode() != 200) {
            throw new IllegalStateException("probe key not served: " + baseline.statusCode() + " " + baseline.body());
        }
        return new FuzzTarget(RawHttp.port(ts), o.slug(), o.id(), p1.slug(), p1.id(), p2.slug(), t1.slug(), t1.id(),
                key, inactive.publicKey(), m.id(), ts.adminToken, memberToken, probePath, baseline.body());
    }

    /** The same target on another port: the runner's own tests point it at a fake server. */
    public FuzzTarget withPort(int p) {
        return new FuzzTarget(p, org, orgId, project, projectId, project2, team, teamId, keyId, inactiveKeyId,
                memberId, adminToken, memberToken, probePath, probeBody);
    }

    /** The organization as a path segment: by slug or, as often, by id (which survives renames). */
    String orgRef(boolean byId) {
        return byId ? Long.toString(orgId) : org;
    }

    String projectRef(boolean byId) {
        return byId ? Long.toString(projectId) : project;
    }
}
