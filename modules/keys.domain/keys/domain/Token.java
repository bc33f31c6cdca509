package keys.domain;

import java.util.Set;

/**
 * An API token. Only the SHA-256 of the clear token is kept ({@code hashHex}); the clear token is
 * shown once, when it is minted. {@code expiresMicros} is 0 for a token that never expires.
 * {@code mintedBy} is the id of the token that minted this one over the API, 0 for none (the
 * bootstrap token, {@code keys token create}): revoking a token revokes what it minted.
 */
public record Token(long id, long userId, String name, String hashHex, Set<Scope> scopes,
                    long createdMicros, long expiresMicros, String lastCharacters, long mintedBy) {
    public static final int MAX_NAME = 255;

    public Token {
        scopes = Scope.setOf(scopes);
    }

    /** A token no other token minted. */
    public Token(long id, long userId, String name, String hashHex, Set<Scope> scopes,
                 long createdMicros, long expiresMicros, String lastCharacters) {
        this(id, userId, name, hashHex, scopes, createdMicros, expiresMicros, lastCharacters, 0);
    }

    public boolean expiredAt(long nowMicros) {
        return expiresMicros != 0 && nowMicros >= expiresMicros;
    }
}
