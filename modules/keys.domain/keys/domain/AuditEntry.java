package keys.domain;

/**
 * One line of an organization's audit log, as Sentry's {@code AuditLogEntry} stores it: who did
 * what to which object, from where and when. {@code data} is the stored data as a JSON object in
 * its insertion order (it may hold secrets: only the audit endpoint's filter and the export read
 * it). Ids come from their own counter, so auditing never shifts the ids of anything else.
 *
 * @param event        Sentry's event id ({@link AuditEvent#id()})
 * @param actorId      the user who acted; 0 for none
 * @param ipAddress    the client's address; null when unknown
 * @param targetObject the id of the object acted on; 0 for none
 * @param targetUserId the user acted on; 0 for none
 */
public record AuditEntry(long id, long orgId, int event, long actorId, String ipAddress, long targetObject,
                         long targetUserId, String data, long createdMicros) {
    public AuditEntry {
        if (data == null || data.isEmpty() || data.charAt(0) != '{') {
            throw new IllegalArgumentException("audit data must be a JSON object");
        }
    }
}
