package keys.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import keys.domain.Sources;
import keys.json.JsonWriter;
import keys.store.Change;
import keys.store.Tx;

/**
 * Writes an audit entry into the write that makes the change it describes, so a crash keeps both
 * or neither: Sentry's {@code create_audit_entry}, with the caller as actor, the client's socket
 * address and the server's clock.
 */
final class Audit {
    private Audit() {
    }

    static void record(Tx tx, Call call, AuditEvent event, long orgId, long targetObject, long targetUserId,
                       Map<String, Object> data) {
        prepare(call, event, orgId, targetUserId, data).record(tx, targetObject);
    }

    /**
     * An entry encoded ahead of its write, whose target (a new object's id) is known only inside
     * it: the encoding stays out of the write lock.
     */
    static Prepared prepare(Call call, AuditEvent event, long orgId, long targetUserId, Map<String, Object> data) {
        return new Prepared(orgId, event.id(), call.caller.user().id(), IpAddresses.normalize(call.request.remoteIp),
                targetUserId, new String(JsonWriter.encode(data), StandardCharsets.UTF_8), call.api.sources);
    }

    record Prepared(long orgId, int event, long actor, String ip, long targetUserId, String json, Sources sources) {
        /** Adds the entry to {@code tx}, timed now. */
        void record(Tx tx, long targetObject) {
            tx.add(new Change.PutAudit(new AuditEntry(tx.nextAuditId(), orgId, event, actor, ip, targetObject,
                    targetUserId, json, sources.nowMicros())));
        }
    }
}
