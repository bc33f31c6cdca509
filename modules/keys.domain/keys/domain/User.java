package keys.domain;

/** A person (or robot) that holds tokens. Superusers hold every scope in every organization. */
public record User(long id, String email, boolean superuser, long createdMicros) {
}
