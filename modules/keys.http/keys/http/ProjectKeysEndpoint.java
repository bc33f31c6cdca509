package keys.http;

import keys.domain.AuditEvent;
import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Project;
import keys.domain.Secrets;
import keys.domain.UseCase;
import keys.store.Change;
import keys.store.IdSet;
import keys.store.State;

/** {@code GET, POST /api/0/projects/{org}/{project}/keys/}: one project's keys (sentry-compat.md §5). */
final class ProjectKeysEndpoint {
    static final String PATH = "/api/0/projects/{org}/{project}/keys/";
    static final int DEFAULT_PER_PAGE = 100;
    static final String IN_USE = "This field must be unique.";

    private final KeyJson json;

    ProjectKeysEndpoint(KeyJson json) {
        this.json = json;
    }

    Response list(Call call) {
        OrgAccess access = OrgAccess.resolveForProject(call);
        Project project = access.project(call.param("project"));
        return KeyPages.respond(call, json, access.org(), IdSet.of(project.id()), DEFAULT_PER_PAGE);
    }

    Response create(Call call) {
        OrgAccess access = OrgAccess.resolveForProject(call);
        Project project = access.project(call.param("project"));
        KeyBodies.Create c = KeyBodies.create(call.jsonObject());
        boolean superuser = call.caller.superuser();
        ClientKey key = call.api.store.write(tx -> {
            State s = tx.state();
            if (s.project(project.id()).isEmpty()) {
                throw ApiException.notFound();
            }
            // Checked here, where writes run one at a time, so two requests cannot both take a value.
            DrfFields.Errors clash = new DrfFields.Errors();
            if (c.publicKey() != null && s.keyValueInUse(c.publicKey())) {
                clash.add("public", IN_USE);
            }
            if (c.secretKey() != null && (s.keyValueInUse(c.secretKey()) || c.secretKey().equals(c.publicKey()))) {
                clash.add("secret", IN_USE);
            }
            clash.throwIfAny();
            ClientKey k = new ClientKey(tx.nextId(), project.id(),
                    c.name() != null ? c.name() : call.api.sources.newKeyName(),
                    c.publicKey() != null ? c.publicKey() : call.api.sources.newKeyHex(),
                    c.secretKey() != null ? c.secretKey() : call.api.sources.newKeyHex(),
                    true, call.api.sources.nowMicros(), c.rateLimitCount(), c.rateLimitWindow(), null,
                    LoaderOption.DEFAULTS, superuser ? c.useCase() : UseCase.USER);
            tx.add(new Change.PutKey(k));
            Audit.record(tx, call, AuditEvent.PROJECTKEY_ADD, project.orgId(), k.id(), 0, AuditData.key(k));
            return k;
        });
        return Response.created(json.one(key, access.org(), superuser));
    }
}
