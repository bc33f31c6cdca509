package keys.http;

import keys.store.WriteStatus;

/**
 * One line on stderr each time the store stops or resumes taking writes: the operator learns
 * of a full or failing disk when it happens, with the failure the store saw (file-system text,
 * never request data), not only from clients' 503s.
 */
final class StoreStatusLog {
    private StoreStatusLog() {
    }

    static void print(WriteStatus status) {
        String line = switch (status.condition()) {
            case WRITABLE -> "keys: the store takes writes again";
            case RECOVERING, NEEDS_RESTART -> "keys: " + status.describe() + " (cause: " + status.cause() + ")";
            case CLOSED -> "keys: the store is closed";
        };
        System.err.println(line);
    }
}
