package keys.http;

/** A test-mode snapshot: its name and the number of client keys in it. */
public record SnapshotInfo(String name, long keys) {
}
