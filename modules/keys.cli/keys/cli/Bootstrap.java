package keys.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;

import keys.domain.Scope;
import keys.domain.Secrets;
import keys.domain.Timestamps;
import keys.domain.Token;
import keys.domain.User;
import keys.store.Change;
import keys.store.State;
import keys.store.Store;

/**
 * Makes sure someone can administer a fresh server: a superuser {@code admin} holding either the
 * token given in {@code KEYS_ADMIN_TOKEN} or, when there is no superuser at all, a minted one
 * written to {@code DATA/admin-token} (0600). Only hashes go into the store.
 */
final class Bootstrap {
    static final String ADMIN_EMAIL = User.ADMIN_EMAIL;

    private Bootstrap() {
    }

    /** Ensures a superuser holds this clear token. */
    static void ensureAdminToken(Store store, String clearToken) {
        if (!Secrets.isUserToken(clearToken)) {
            throw new UsageException("KEYS_ADMIN_TOKEN must be sntryu_ followed by 64 lowercase hex digits");
        }
        String hash = Secrets.sha256Hex(clearToken);
        store.write(tx -> {
            State s = tx.state();
            Optional<Token> existing = s.tokenByHash(hash);
            if (existing.isPresent() && s.user(existing.get().userId()).map(User::superuser).orElse(false)) {
                return null;
            }
            existing.ifPresent(t -> tx.add(new Change.DeleteToken(t.id())));
            User admin = adminUser(tx, s);
            tx.add(new Change.PutToken(newToken(tx.nextId(), admin.id(), "KEYS_ADMIN_TOKEN", hash, clearToken)));
            return null;
        });
    }

    /** With no superuser in the store, mints one and writes its token to DATA/admin-token. */
    static Optional<Path> mintFirstAdmin(Store store, Path dataDir) throws IOException {
        boolean hasSuperuser = store.state().users().stream().anyMatch(User::superuser);
        if (hasSuperuser) {
            return Optional.empty();
        }
        String clear = Secrets.newUserToken();
        Path file = dataDir.resolve("admin-token");
        writeSecretFile(file, clear + "\n");
        store.write(tx -> {
            User admin = adminUser(tx, tx.state());
            tx.add(new Change.PutToken(newToken(tx.nextId(), admin.id(), "admin", Secrets.sha256Hex(clear), clear)));
            return null;
        });
        return Optional.of(file);
    }

    private static User adminUser(keys.store.Tx tx, State s) {
        Optional<User> existing = s.userByEmail(ADMIN_EMAIL);
        if (existing.isPresent() && existing.get().superuser()) {
            return existing.get();
        }
        User admin = new User(existing.map(User::id).orElseGet(tx::nextId), ADMIN_EMAIL, true,
                existing.map(User::createdMicros).orElseGet(Timestamps::nowMicros));
        tx.add(new Change.PutUser(admin));
        return admin;
    }

    static Token newToken(long id, long userId, String name, String hash, String clear) {
        return new Token(id, userId, name, hash, EnumSet.allOf(Scope.class), Timestamps.nowMicros(), 0,
                clear.substring(clear.length() - 4));
    }

    /** Creates the file with mode 0600 before anything is written to it. */
    static void writeSecretFile(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
