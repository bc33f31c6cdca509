package keys.http;

import keys.domain.AuditEvent;
import keys.domain.ClientKey;
import keys.domain.Project;
import keys.domain.UseCase;
import keys.store.Change;
import keys.store.State;

/**
 * {@code GET, PUT, DELETE /api/0/projects/{org}/{project}/keys/{key_id}/}, {@code key_id} being the
 * public key (sentry-compat.md §5). A key of another use case than {@code user} does not exist for
 * callers who are not superusers.
 */
final class KeyDetailsEndpoint {
    static final String PATH = "/api/0/projects/{org}/{project}/keys/{key_id}/";

    private final KeyJson json;

    KeyDetailsEndpoint(KeyJson json) {
        this.json = json;
    }

    Response get(Call call) {
        OrgAccess access = OrgAccess.resolveForProject(call);
        Project project = access.project(call.param("project"));
        boolean superuser = call.caller.superuser();
        ClientKey key = find(call.state, project, call.param("key_id"), superuser);
        return Response.ok(json.one(key, access.org(), superuser));
    }

    Response update(Call call) {
        OrgAccess access = OrgAccess.resolveForProject(call);
        Project project = access.project(call.param("project"));
        boolean superuser = call.caller.superuser();
        String keyId = call.param("key_id");
        find(call.state, project, keyId, superuser); // 404 before any 400, as in Sentry
        KeyBodies.Update u = KeyBodies.update(call.jsonObject());
        ClientKey updated = call.api.store.write(tx -> {
            ClientKey before = find(tx.state(), project, keyId, superuser);
            ClientKey k = apply(before, u);
            tx.add(new Change.PutKey(k));
            Audit.record(tx, call, AuditEvent.PROJECTKEY_EDIT, project.orgId(), k.id(), 0,
                    AuditData.keyEdit(before, k));
            return k;
        });
        return Response.ok(json.one(updated, access.org(), superuser));
    }

    Response delete(Call call) {
        OrgAccess access = OrgAccess.resolveForProject(call);
        Project project = access.project(call.param("project"));
        boolean superuser = call.caller.superuser();
        String keyId = call.param("key_id");
        call.api.store.write(tx -> {
            ClientKey k = find(tx.state(), project, keyId, superuser);
            Audit.record(tx, call, AuditEvent.PROJECTKEY_REMOVE, project.orgId(), k.id(), 0, AuditData.key(k));
            tx.add(new Change.DeleteKey(k.projectId(), k.id()));
            return k;
        });
        return Response.noContent();
    }

    /** Sentry's partial update, in its order; every PUT stores a browser SDK version. */
    static ClientKey apply(ClientKey k, KeyBodies.Update u) {
        ClientKey out = k;
        if (u.name() != null) {
            out = out.withLabel(u.name());
        }
        out = out.withBrowserSdkVersion(u.browserSdkVersion() != null ? u.browserSdkVersion()
                : KeyJson.DEFAULT_BROWSER_SDK_VERSION);
        if (u.loaderMask() != 0) {
            out = out.withLoaderOptions((out.loaderOptions() & ~u.loaderMask()) | u.loaderBits());
        }
        if (u.active() != null) {
            out = out.withActive(u.active());
        }
        if (u.rateLimit() != null) {
            out = out.withRateLimit(u.rateLimit().count(), u.rateLimit().window());
        }
        return out;
    }

    static ClientKey find(State state, Project project, String publicKey, boolean superuser) {
        ClientKey k = state.key(project.id(), publicKey).orElseThrow(ApiException::notFound);
        if (!superuser && k.useCase() != UseCase.USER) {
            throw ApiException.notFound();
        }
        return k;
    }
}
