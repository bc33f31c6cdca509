package keys.http;

import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.Set;

import keys.domain.Project;
import keys.domain.Team;
import keys.store.IdSet;

/**
 * Which projects the organization-wide key list covers (sentry-compat.md §1.2 and §1.3): the
 * {@code project} / {@code projectSlug} parameters against what the caller may access, then the
 * {@code team} filter.
 */
final class ProjectSelection {
    private static final String ALL_IDS = "-1";
    private static final String ALL_SLUGS = "$all";

    private ProjectSelection() {
    }

    /** The projects chosen, and the team they were narrowed to (0 for none): the store reads a team's keys in a row. */
    record Chosen(IdSet projects, long teamId) {
    }

    /** §1.2 then §1.3, in that order of failure: 400/403 for projects, then 404 for the team. */
    static Chosen select(OrgAccess access, QueryParams query) {
        IdSet projects = projects(access, query);
        String team = query.last("team");
        if (team == null || team.isEmpty()) {
            return new Chosen(projects, 0);
        }
        long teamId = team(access, team).id();
        IdSet ofTeam = access.state().projectIdsOfTeam(teamId);
        // Every project of the organization (a superuser's default): a team's projects are all among them.
        boolean wholeOrg = projects == access.state().projectIds(access.org().id());
        return new Chosen(wholeOrg ? ofTeam : projects.intersect(ofTeam), teamId);
    }

    static IdSet projects(OrgAccess access, QueryParams query) {
        // Ids are parsed even when slugs win: a bad id is a 400 either way, as in Sentry.
        Set<BigInteger> ids = new LinkedHashSet<>();
        for (String v : query.all("project")) {
            if (v.isEmpty()) {
                continue;
            }
            BigInteger id = PythonNumbers.parseInt(v);
            if (id == null) {
                throw ApiException.badRequest("Invalid project parameter. Values must be numbers.");
            }
            ids.add(id);
        }
        Set<String> slugs = new LinkedHashSet<>();
        for (String v : query.all("projectSlug")) {
            if (!v.isEmpty()) {
                slugs.add(v);
            }
        }
        if (!slugs.isEmpty()) {
            return slugs.equals(Set.of(ALL_SLUGS)) ? access.accessibleProjects() : bySlugs(access, slugs);
        }
        if (!ids.isEmpty()) {
            return ids.equals(Set.of(new BigInteger(ALL_IDS))) ? access.accessibleProjects() : byIds(access, ids);
        }
        return access.superuser() ? access.state().projectIds(access.org().id()) : access.teamProjects();
    }

    private static IdSet byIds(OrgAccess access, Set<BigInteger> ids) {
        long[] out = new long[ids.size()];
        int n = 0;
        for (BigInteger id : ids) {
            Project p = id.bitLength() < 64 ? access.state().project(id.longValue()).orElse(null) : null;
            out[n++] = allowed(access, p);
        }
        return IdSet.of(out);
    }

    private static IdSet bySlugs(OrgAccess access, Set<String> slugs) {
        long[] out = new long[slugs.size()];
        int n = 0;
        for (String slug : slugs) {
            out[n++] = allowed(access, access.state().projectBySlug(access.org().id(), slug).orElse(null));
        }
        return IdSet.of(out);
    }

    /** A requested project that is missing, elsewhere or out of reach is a 403, as in Sentry. */
    private static long allowed(OrgAccess access, Project p) {
        if (p == null || !access.canAccess(p)) {
            throw ApiException.forbidden();
        }
        return p.id();
    }

    /** All digits (of any script, as Python's {@code isdigit()} and {@code int()}): a team id; otherwise a slug. */
    static Team team(OrgAccess access, String idOrSlug) {
        long orgId = access.org().id();
        Team t = null;
        if (PythonNumbers.isDecimal(idOrSlug)) {
            BigInteger id = PythonNumbers.parseInt(idOrSlug);
            t = id.bitLength() < 64 ? access.state().team(id.longValue()).filter(x -> x.orgId() == orgId).orElse(null) : null;
        } else {
            t = access.state().teamBySlug(orgId, idOrSlug).orElse(null);
        }
        if (t == null) {
            throw ApiException.detail(404, "Team not found");
        }
        return t;
    }
}
