package keys.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
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
        String json = new String(JsonWriter.encode(data), StandardCharsets.UTF_8);
        tx.add(new Change.PutAudit(new AuditEntry(tx.nextAuditId(), orgId, event.id(), call.caller.user().id(),
                IpAddresses.normalize(call.request.remoteIp), targetObject, targetUserId, json,
                call.api.sources.nowMicros())));
    }
}
