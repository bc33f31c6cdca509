package keys.server;

import java.util.Optional;
import java.util.Set;

import keys.domain.Secrets;
import keys.domain.Sources;
import keys.domain.Token;
import keys.domain.User;
import keys.store.Change;
import keys.store.Store;

/** Mints an API token straight into a store, without HTTP ({@code keys token create}). */
public final class TokenMint {
    /** The superuser the admin bootstrap creates; a valid user name though not an email. */
    public static final String ADMIN_EMAIL = User.ADMIN_EMAIL;

    private TokenMint() {
    }

    /**
     * Gives the user with this (normalized) email a new token with these scopes, creating the
     * user when new and making them a superuser when asked; returns the clear token, which is
     * stored only as its hash.
     */
    public static String mint(Store store, String email, Set<keys.domain.Scope> scopes, boolean superuser, String name) {
        Sources sources = Sources.real();
        String clear = sources.newUserToken();
        store.write(tx -> {
            Optional<User> existing = tx.state().userByEmail(email);
            User user = existing.orElseGet(() -> new User(tx.nextId(), email, false, sources.nowMicros()));
            if (superuser && !user.superuser()) {
                user = new User(user.id(), user.email(), true, user.createdMicros());
            }
            if (existing.isEmpty() || !existing.get().equals(user)) {
                tx.add(new Change.PutUser(user));
            }
            tx.add(new Change.PutToken(new Token(tx.nextId(), user.id(), name, Secrets.sha256Hex(clear),
                    scopes, sources.nowMicros(), 0, clear.substring(clear.length() - 4))));
            return null;
        });
        return clear;
    }
}
