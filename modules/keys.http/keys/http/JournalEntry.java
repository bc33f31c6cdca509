package keys.http;

/**
 * One request in test mode's journal (test-mode.md §3.4).
 *
 * @param seq    its number; never restarts while the server runs
 * @param path   the raw path
 * @param query  the raw query; null when there was none
 * @param status the status answered; null when a connection fault sent none
 * @param user   the caller's email (or username); null when not authenticated
 * @param fault  the id of the fault that answered it; null when none did
 */
public record JournalEntry(long seq, String method, String path, String query, Integer status, String user,
                           String fault) {
}
