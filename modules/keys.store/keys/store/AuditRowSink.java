package keys.store;

import keys.domain.AuditEntry;

/** Where a new audit entry's row goes as a state is built: a row file, or nowhere (kept in memory). */
interface AuditRowSink {
    /** The row's locator, or {@link AuditLog#IN_MEMORY} when the state keeps the row itself. */
    long place(AuditEntry e);

    AuditRowSink MEMORY = e -> AuditLog.IN_MEMORY;
}
