package keys.http;

import java.util.List;

import keys.domain.AuditEvent;
import keys.domain.Member;
import keys.domain.Project;
import keys.domain.Team;
import keys.json.JsonWriter;
import keys.store.Change;
import keys.store.State;

/**
 * {@code /api/0/organizations/{org}/teams/} and {@code /api/0/teams/{org}/{team}/}. One team's
 * routes need team access, as in Sentry: global access (open membership, manager, owner,
 * superuser) or membership of that team. Listing shows every team of the organization.
 */
final class TeamEndpoints {
    static final int MAX_NAME = Team.MAX_NAME;
    static final String SLUG_TAKEN = "A team with this slug already exists.";

    private TeamEndpoints() {
    }

    static Response list(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        State s = call.state;
        List<Team> bySlug = new java.util.ArrayList<>(s.teams(a.org().id()));
        bySlug.sort(java.util.Comparator.comparing(Team::slug)); // Sentry: order_by("slug")
        return ManagementLists.byOffset(call, bySlug, (w, t) -> ManagementJson.team(w, t, s, a.member()));
    }

    /** Creates a team; a caller who is a member of the organization joins it, as in Sentry. */
    static Response create(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        Fields f = Fields.of(call);
        String slug = f.slug("slug");
        String name = f.string("name", false, true, true, MAX_NAME);
        f.check();
        if ((name == null || name.isEmpty()) && slug == null) {
            throw ApiException.body(400, java.util.Map.of("non_field_errors",
                    List.of("One of 'name' or 'slug' must be provided.")));
        }
        long orgId = a.org().id();
        long userId = call.caller.user().id();
        Team created = call.api.store.write(tx -> {
            State s = tx.state();
            s.organization(orgId).orElseThrow(ApiException::notFound);
            String chosenSlug = ManagementSlugs.choose(call.api.sources, slug, name,
                    x -> s.teamBySlug(orgId, x).isPresent(), SLUG_TAKEN);
            String chosenName = name != null && !name.isEmpty() ? name : chosenSlug;
            Team t = new Team(tx.nextId(), orgId, chosenSlug, chosenName, call.api.sources.nowMicros());
            tx.add(new Change.PutTeam(t));
            Member m = s.member(orgId, userId).orElse(null);
            if (m != null) {
                tx.add(new Change.PutMember(m.withTeams(with(m.teamIds(), t.id()))));
                Audit.record(tx, call, AuditEvent.MEMBER_JOIN_TEAM, orgId, m.id(), m.userId(),
                        AuditData.memberTeam(m, t, s));
            }
            Audit.record(tx, call, AuditEvent.TEAM_ADD, orgId, t.id(), 0, AuditData.team(t));
            return t;
        });
        State after = call.api.store.state();
        return Response.created(encode(created, after, after.member(orgId, userId).orElse(null)));
    }

    static Response get(Call call) {
        OrgAccess a = OrgAccess.resolveForTeam(call);
        Team t = accessible(a, call.param("team"));
        return Response.ok(encode(t, call.state, a.member()));
    }

    static Response update(Call call) {
        OrgAccess a = OrgAccess.resolveForTeam(call);
        Team team = accessible(a, call.param("team"));
        Fields f = Fields.of(call);
        String name = f.string("name", false, false, false, MAX_NAME);
        String slug = f.slug("slug");
        f.check();
        Team updated = call.api.store.write(tx -> {
            Team t = tx.state().team(team.id()).orElseThrow(ApiException::notFound);
            if (slug != null && !slug.equals(t.slug())) {
                if (tx.state().teamBySlug(t.orgId(), slug).isPresent()) {
                    throw ApiException.conflict(SLUG_TAKEN);
                }
                t = t.withSlug(slug);
            }
            if (name != null) {
                t = t.withName(name);
            }
            tx.add(new Change.PutTeam(t));
            Audit.record(tx, call, AuditEvent.TEAM_EDIT, t.orgId(), t.id(), 0, AuditData.team(t));
            return t;
        });
        State after = call.api.store.state();
        return Response.ok(encode(updated, after, after.member(a.org().id(), call.caller.user().id()).orElse(null)));
    }

    /**
     * Deletes the team and every project left without a team by it, so none of their keys stays
     * reachable; projects other teams still own keep going without this one.
     */
    static Response delete(Call call) {
        OrgAccess a = OrgAccess.resolveForTeam(call);
        Team team = accessible(a, call.param("team"));
        call.api.store.write(tx -> {
            State s = tx.state();
            Team t = s.team(team.id()).orElseThrow(ApiException::notFound);
            Audit.record(tx, call, AuditEvent.TEAM_REMOVE, t.orgId(), t.id(), 0, AuditData.team(t));
            var ids = s.projectIdsOfTeam(team.id());
            for (int i = 0; i < ids.size(); i++) {
                Project p = s.project(ids.get(i)).orElse(null);
                if (p != null && p.teamIds().size() == 1) {
                    tx.add(new Change.DeleteProject(p.id()));
                }
            }
            tx.add(new Change.DeleteTeam(team.id()));
            return null;
        });
        return Response.noContent();
    }

    /** A team of the organization by id or slug, else 404. */
    static Team find(OrgAccess a, String idOrSlug) {
        return find(a.state(), a.org().id(), idOrSlug);
    }

    static Team find(State s, long orgId, String idOrSlug) {
        if (OrgAccess.isDigits(idOrSlug)) {
            try {
                Team t = s.team(Long.parseLong(idOrSlug)).orElse(null);
                if (t != null && t.orgId() == orgId) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // too long for an id: not found below
            }
        }
        return s.teamBySlug(orgId, idOrSlug).orElseThrow(ApiException::notFound);
    }

    /** {@link #find}, then 403 unless the caller has access to the team. */
    static Team accessible(OrgAccess a, String idOrSlug) {
        Team t = find(a, idOrSlug);
        if (!hasAccess(a, t)) {
            throw ApiException.forbidden();
        }
        return t;
    }

    /** Global access (open membership, a role above member, a superuser) or membership of the team. */
    static boolean hasAccess(OrgAccess a, Team t) {
        return a.hasGlobalAccess() || (a.member() != null && a.member().teamIds().contains(t.id()));
    }

    static List<Long> with(List<Long> ids, long id) {
        if (ids.contains(id)) {
            return ids;
        }
        List<Long> out = new java.util.ArrayList<>(ids);
        out.add(id);
        return out;
    }

    static List<Long> without(List<Long> ids, long id) {
        List<Long> out = new java.util.ArrayList<>(ids);
        out.remove(Long.valueOf(id));
        return out;
    }

    static byte[] encode(Team t, State s, Member viewer) {
        JsonWriter w = new JsonWriter(256);
        ManagementJson.team(w, t, s, viewer);
        return w.toByteArray();
    }
}
