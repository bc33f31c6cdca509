package keys.http;

import java.util.List;
import java.util.Set;

import keys.domain.AuditEvent;
import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Member;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Secrets;
import keys.domain.Sources;
import keys.domain.Team;
import keys.domain.UseCase;
import keys.json.JsonWriter;
import keys.store.Change;
import keys.store.IdSet;
import keys.store.State;
import keys.store.Tx;

/**
 * Projects: the organization's list (what the caller can access), creation under a team (with
 * its {@code Default} key, in the same write), one project, and giving or taking a team.
 */
final class ProjectEndpoints {
    static final int MAX_NAME = Project.MAX_NAME;
    static final int MAX_PLATFORM = Project.MAX_PLATFORM;
    static final String SLUG_TAKEN = "A project with this slug already exists.";
    private static final Set<Scope> WRITE_SCOPES = Set.of(Scope.PROJECT_WRITE, Scope.PROJECT_ADMIN);

    private ProjectEndpoints() {
    }

    static Response list(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        State s = call.state;
        IdSet ids = a.accessibleProjects();
        List<Project> projects = new java.util.ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            s.project(ids.get(i)).ifPresent(projects::add);
        }
        projects.sort(java.util.Comparator.comparing(Project::slug)); // Sentry: order_by("slug")
        boolean withOrg = !collapsed(call);
        return ManagementLists.byOffset(call, projects, (w, p) -> ManagementJson.project(w, p, s, a.member(), withOrg));
    }

    /** {@code POST /api/0/teams/{org}/{team}/projects/}. */
    static Response create(Call call) {
        OrgAccess a = OrgAccess.resolveForTeam(call);
        Team team = TeamEndpoints.accessible(a, call.param("team"));
        Fields f = Fields.of(call);
        String name = f.string("name", true, false, false, MAX_NAME);
        String slug = f.slug("slug");
        String platform = platform(f);
        f.check();
        long orgId = a.org().id();
        Project created = call.api.store.write(tx -> {
            State s = tx.state();
            s.team(team.id()).orElseThrow(ApiException::notFound);
            String chosen = ManagementSlugs.choose(call.api.sources, slug, name,
                    x -> s.projectBySlug(orgId, x).isPresent(), SLUG_TAKEN);
            Project p = new Project(tx.nextId(), orgId, chosen, name, platform, call.api.sources.nowMicros(),
                    List.of(team.id()));
            tx.add(new Change.PutProject(p));
            tx.add(new Change.PutKey(defaultKey(tx, p.id(), call.api.sources))); // Sentry audits no Default key
            Audit.record(tx, call, AuditEvent.PROJECT_ADD, orgId, p.id(), 0, AuditData.project(p));
            return p;
        });
        return Response.created(encode(call, created, orgId));
    }

    static Response get(Call call) {
        OrgAccess a = OrgAccess.resolveForProject(call);
        Project p = a.project(call.param("project"));
        return Response.ok(details(call, call.state, a, p));
    }

    /** The detailed project, as GET and PUT answer it (the lists and POST answer the summary). */
    private static byte[] details(Call call, State state, OrgAccess a, Project p) {
        JsonWriter w = new JsonWriter(4096);
        ProjectDetailsJson.write(w, p, state, state.member(a.org().id(), call.caller.user().id()).orElse(null),
                call.caller.scopesIn(a.member()), collapsed(call) ? null : state.organization(p.orgId()).orElse(null),
                call.api.config.urlPrefix());
        return w.toByteArray();
    }

    static Response update(Call call) {
        OrgAccess a = OrgAccess.resolveForProject(call);
        Project project = a.project(call.param("project"));
        Fields f = Fields.of(call);
        String name = f.string("name", false, false, false, MAX_NAME);
        String slug = f.slug("slug");
        boolean platformSent = f.has("platform");
        String platform = platform(f);
        boolean changesSettings = (name != null && !name.isEmpty()) || slug != null || platform != null;
        if (changesSettings && !call.caller.hasAnyIn(a.member(), WRITE_SCOPES)) {
            // Sentry's RelaxedProjectPermission lets project:read through PUT, then refuses the fields.
            throw ApiException.forbidden();
        }
        f.check();
        Project updated = call.api.store.write(tx -> {
            Project p = tx.state().project(project.id()).orElseThrow(ApiException::notFound);
            if (slug != null && !slug.equals(p.slug())) {
                if (tx.state().projectBySlug(p.orgId(), slug).isPresent()) {
                    throw ApiException.conflict(SLUG_TAKEN);
                }
                p = p.withSlug(slug);
            }
            if (name != null) {
                p = p.withName(name);
            }
            if (platformSent) {
                p = p.withPlatform(platform);
            }
            tx.add(new Change.PutProject(p));
            Audit.record(tx, call, AuditEvent.PROJECT_EDIT, p.orgId(), p.id(), 0,
                    AuditData.projectEdit(p, slug, name, project.slug()));
            return p;
        });
        return Response.ok(details(call, call.api.store.state(), a, updated));
    }

    static Response delete(Call call) {
        OrgAccess a = OrgAccess.resolveForProject(call);
        Project project = a.project(call.param("project"));
        call.api.store.write(tx -> {
            Project p = tx.state().project(project.id()).orElseThrow(ApiException::notFound);
            Audit.record(tx, call, AuditEvent.PROJECT_REMOVE, p.orgId(), p.id(), 0, AuditData.project(p));
            tx.add(new Change.DeleteProject(project.id()));
            return null;
        });
        return Response.noContent();
    }

    /** {@code POST /api/0/projects/{org}/{project}/teams/{team}/}: 201 with the project. */
    static Response addTeam(Call call) {
        return Response.created(changeTeam(call, true));
    }

    /** {@code DELETE …/teams/{team}/}: 200 with the project, as Sentry answers. */
    static Response removeTeam(Call call) {
        return Response.ok(changeTeam(call, false));
    }

    private static byte[] changeTeam(Call call, boolean add) {
        OrgAccess a = OrgAccess.resolveForProject(call);
        Project project = a.project(call.param("project"));
        Team team = TeamEndpoints.find(a, call.param("team"));
        if (!add && !TeamEndpoints.hasAccess(a, team)) {
            // Sentry: has_team_scope(team, "project:write"), and this 403 carries its detail in a list.
            throw ApiException.body(403, java.util.Map.of("detail", List.of(ApiException.FORBIDDEN_DETAIL)));
        }
        Project updated = call.api.store.write(tx -> {
            State s = tx.state();
            Project p = s.project(project.id()).orElseThrow(ApiException::notFound);
            s.team(team.id()).orElseThrow(ApiException::notFound);
            List<Long> teams = add ? TeamEndpoints.with(p.teamIds(), team.id())
                    : TeamEndpoints.without(p.teamIds(), team.id());
            if (!teams.equals(p.teamIds())) {
                p = p.withTeams(teams);
                tx.add(new Change.PutProject(p));
            }
            Audit.record(tx, call, add ? AuditEvent.PROJECT_TEAM_ADD : AuditEvent.PROJECT_TEAM_REMOVE, p.orgId(),
                    p.id(), 0, AuditData.projectTeam(team, p));
            return p;
        });
        return encode(call, updated, a.org().id());
    }

    /**
     * The key every new project starts with, as Sentry makes it. 128 random bits do not collide
     * in practice, so no scan of every key (State.keyValueInUse) holds up the serialized write.
     */
    static ClientKey defaultKey(Tx tx, long projectId, Sources sources) {
        return new ClientKey(tx.nextId(), projectId, "Default", sources.newKeyHex(), sources.newKeyHex(), true,
                sources.nowMicros(), 0, 0, null, LoaderOption.DEFAULTS, UseCase.USER);
    }

    /** A platform: null, or lowercase letters, digits, {@code -}, {@code _}, {@code .}; blank means none. */
    private static String platform(Fields f) {
        String p = f.string("platform", false, true, true, MAX_PLATFORM);
        if (p == null || p.isEmpty()) {
            return null;
        }
        if (!Project.isValidPlatform(p)) {
            f.error("platform", "Invalid platform");
            return null;
        }
        return p;
    }

    private static boolean collapsed(Call call) {
        return call.query().all("collapse").contains("organization");
    }

    private static byte[] encode(Call call, Project p, long orgId) {
        State after = call.api.store.state();
        Member viewer = after.member(orgId, call.caller.user().id()).orElse(null);
        JsonWriter w = new JsonWriter(1024);
        ManagementJson.project(w, p, after, viewer, !collapsed(call));
        return w.toByteArray();
    }
}
