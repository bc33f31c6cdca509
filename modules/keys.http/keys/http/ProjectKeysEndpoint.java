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
        return KeyPages.respond(call, json, access.org(), IdSet.of(project.id()), 0, DEFAULT_PER_PAGE);
    }

    Response create(Call call) {
        OrgAccess access = OrgAccess.resolveForProject(call);
        Project project = access.project(call.param("project"));
        KeyBodies.Create c = KeyBodies.create(call.jsonObject());
        boolean superuser = call.caller.superuser();
        // Everything that needs neither the id nor the latest state is made before the write lock,
        // which every write of the server queues for: the key's random values (drawn from a
        // synchronized generator) and the audit entry's JSON (its data names no id).
        String name = c.name() != null ? c.name() : call.api.sources.newKeyName();
        String publicKey = c.publicKey() != null ? c.publicKey() : call.api.sources.newKeyHex();
        String secretKey = c.secretKey() != null ? c.secretKey() : call.api.sources.newKeyHex();
        UseCase useCase = superuser ? c.useCase() : UseCase.USER;
        ClientKey draft = new ClientKey(0, project.id(), name, publicKey, secretKey, true, 0, c.rateLimitCount(),
                c.rateLimitWindow(), null, LoaderOption.DEFAULTS, useCase);
        Audit.Prepared audit = Audit.prepare(call, AuditEvent.PROJECTKEY_ADD, project.orgId(), 0, AuditData.key(draft));
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
            ClientKey k = new ClientKey(tx.nextId(), project.id(), name, publicKey, secretKey, true,
                    call.api.sources.nowMicros(), c.rateLimitCount(), c.rateLimitWindow(), null, LoaderOption.DEFAULTS,
                    useCase);
            tx.add(new Change.PutKey(k));
            audit.record(tx, k.id());
            return k;
        });
        return Response.created(json.one(key, access.org(), superuser));
    }
}
