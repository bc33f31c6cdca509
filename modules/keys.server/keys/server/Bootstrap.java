package keys.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Supplier;

import keys.domain.Scope;
import keys.domain.Secrets;
import keys.domain.Sources;
import keys.domain.Token;
import keys.domain.User;
import keys.store.Change;
import keys.store.State;
import keys.store.Store;
import keys.store.Tx;

/**
 * Makes sure someone can administer a fresh server: a superuser {@code admin} holding either the
 * given token ({@code KEYS_ADMIN_TOKEN}) or, when there is no superuser at all, a minted one.
 * Only hashes go into the store.
 */
final class Bootstrap {
    private Bootstrap() {
    }

    /** Ensures a superuser holds this clear token. */
    static void ensureAdminToken(Store store, String clearToken, Sources sources) {
        String hash = Secrets.sha256Hex(clearToken);
        store.write(tx -> {
            State s = tx.state();
            Optional<Token> existing = s.tokenByHash(hash);
            if (existing.isPresent() && s.user(existing.get().userId()).map(User::superuser).orElse(false)) {
                return null;
            }
            existing.ifPresent(t -> tx.add(new Change.DeleteToken(t.id())));
            User admin = adminUser(tx, s, sources);
            tx.add(new Change.PutToken(adminToken(tx.nextId(), admin.id(), "KEYS_ADMIN_TOKEN", clearToken, sources)));
            return null;
        });
    }

    /**
     * With no superuser in the store, mints one and returns its clear token (written first to
     * {@code file}, mode 0600, unless that is null); else empty.
     */
    static Optional<String> mintFirstAdmin(Store store, Sources sources, Path file) throws IOException {
        return mintFirstAdmin(store, sources, file, sources::newAdminToken);
    }

    /** {@link #mintFirstAdmin(Store, Sources, Path)} with the clear token {@code mint} gives. */
    static Optional<String> mintFirstAdmin(Store store, Sources sources, Path file, Supplier<String> mint)
            throws IOException {
        if (store.state().users().stream().anyMatch(User::superuser)) {
            return Optional.empty();
        }
        String clear = mint.get();
        if (file != null) {
            writeSecretFile(file, clear + "\n");
        }
        store.write(tx -> {
            User admin = adminUser(tx, tx.state(), sources);
            tx.add(new Change.PutToken(adminToken(tx.nextId(), admin.id(), "admin", clear, sources)));
            return null;
        });
        return Optional.of(clear);
    }

    private static User adminUser(Tx tx, State s, Sources sources) {
        Optional<User> existing = s.userByEmail(TokenMint.ADMIN_EMAIL);
        if (existing.isPresent() && existing.get().superuser()) {
            return existing.get();
        }
        User admin = new User(existing.map(User::id).orElseGet(tx::nextId), TokenMint.ADMIN_EMAIL, true,
                existing.map(User::createdMicros).orElseGet(sources::nowMicros));
        tx.add(new Change.PutUser(admin));
        return admin;
    }

    private static Token adminToken(long id, long userId, String name, String clear, Sources sources) {
        return new Token(id, userId, name, Secrets.sha256Hex(clear), EnumSet.allOf(Scope.class), sources.nowMicros(), 0,
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
