package keys.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import keys.domain.AuditEvent;
import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Scope;
import keys.json.JsonWriter;
import keys.store.Change;
import keys.store.State;

/**
 * {@code /api/0/organizations/} and {@code /api/0/organizations/{org}/}. Only superusers create
 * organizations, and creating one does not make them a member: superusers reach every
 * organization anyway, and a membership would make them count as one of its owners.
 */
final class OrganizationEndpoints {
    static final int MAX_NAME = Organization.MAX_NAME;
    static final int MAX_URL = Organization.MAX_RELAY_URL;
    static final String SLUG_TAKEN = "An organization with this slug already exists.";

    private OrganizationEndpoints() {
    }

    /** The caller's organizations; every organization for a superuser. */
    static Response list(Call call) {
        State s = call.state;
        List<Organization> orgs;
        if (call.caller.superuser()) {
            orgs = s.organizations();
        } else {
            orgs = new ArrayList<>();
            for (Member m : s.memberships(call.caller.user().id())) {
                s.organization(m.orgId()).ifPresent(orgs::add);
            }
            orgs.sort(java.util.Comparator.comparingLong(Organization::id));
        }
        return ManagementLists.page(call, orgs, Organization::id, (w, o) ->
                ManagementJson.organization(w, o, access(call, s, o), call.api.config.urlPrefix()));
    }

    static Response create(Call call) {
        if (!call.caller.superuser()) {
            throw ApiException.forbidden();
        }
        Fields f = Fields.of(call);
        String name = f.string("name", true, false, false, MAX_NAME);
        String slug = f.slug("slug");
        f.check();
        Organization created = call.api.store.write(tx -> {
            String chosen = ManagementSlugs.choose(call.api.sources, slug, name,
                    x -> tx.state().organizationBySlug(x).isPresent(), SLUG_TAKEN);
            Organization o = new Organization(tx.nextId(), chosen, name, call.api.sources.nowMicros(), true, null);
            tx.add(new Change.PutOrganization(o));
            Audit.record(tx, call, AuditEvent.ORG_ADD, o.id(), o.id(), 0, AuditData.organization(o));
            return o;
        });
        return Response.created(encode(call, created, call.caller.scopesIn(null)));
    }

    static Response get(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        return Response.ok(encode(call, a.org(), call.caller.scopesIn(a.member())));
    }

    static Response update(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        Fields f = Fields.of(call);
        String name = f.string("name", false, false, false, MAX_NAME);
        String slug = f.slug("slug");
        Boolean open = f.bool("openMembership");
        boolean relaySent = f.has("relayDsnEndpoint");
        String relay = f.url("relayDsnEndpoint", MAX_URL);
        f.check();
        long id = a.org().id();
        Organization updated = call.api.store.write(tx -> {
            Organization before = tx.state().organization(id).orElseThrow(ApiException::notFound);
            Organization o = before;
            if (slug != null && !slug.equals(o.slug())) {
                if (tx.state().organizationBySlug(slug).isPresent()) {
                    throw ApiException.conflict(SLUG_TAKEN);
                }
                o = o.withSlug(slug);
            }
            if (name != null) {
                o = o.withName(name);
            }
            if (open != null) {
                o = o.withOpenMembership(open);
            }
            if (relaySent) {
                o = o.withRelayDsnEndpoint(relay);
            }
            tx.add(new Change.PutOrganization(o));
            Map<String, Object> changed = AuditData.organizationChanges(before, o);
            if (!changed.isEmpty()) {
                Audit.record(tx, call, AuditEvent.ORG_EDIT, id, id, 0, changed);
            }
            return o;
        });
        return Response.ok(encode(call, updated, call.caller.scopesIn(a.member())));
    }

    static Response delete(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        long id = a.org().id();
        call.api.store.write(tx -> {
            tx.state().organization(id).orElseThrow(ApiException::notFound);
            tx.add(new Change.DeleteOrganization(id));
            return null;
        });
        return Response.noContent();
    }

    private static java.util.Set<Scope> access(Call call, State s, Organization o) {
        return call.caller.scopesIn(s.member(o.id(), call.caller.user().id()).orElse(null));
    }

    private static byte[] encode(Call call, Organization o, java.util.Set<Scope> access) {
        JsonWriter w = new JsonWriter(1024);
        ManagementJson.organization(w, o, access, call.api.config.urlPrefix());
        return w.toByteArray();
    }
}
