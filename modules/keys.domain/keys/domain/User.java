package keys.domain;

/** A person (or robot) that holds tokens. Superusers hold every scope in every organization. */
public record User(long id, String email, boolean superuser, long createdMicros) {
    /** The address of the superuser {@code keys serve} mints itself: not an email, so no one can invite it. */
    public static final String ADMIN_EMAIL = "admin";

    /** True for an address a user can be stored with: a valid one in its normalized form, or {@link #ADMIN_EMAIL}. */
    public static boolean isStoredEmail(String email) {
        return ADMIN_EMAIL.equals(email) || Emails.isValid(email) && Emails.normalize(email).equals(email);
    }
}
