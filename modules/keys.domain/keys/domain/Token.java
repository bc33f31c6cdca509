package keys.domain;

import java.util.Set;

/**
 * An API token. Only the SHA-256 of the clear token is kept ({@code hashHex}); the clear token is
 * shown once, when it is minted. {@code expiresMicros} is 0 for a token that never expires.
 */
public record Token(long id, long userId, String name, String hashHex, Set<Scope> scopes,
                    long createdMicros, long expiresMicros, String lastCharacters) {
    public static final int MAX_NAME = 255;

    public Token {
        scopes = Scope.setOf(scopes);
    }

    public boolean expiredAt(long nowMicros) {
        return expiresMicros != 0 && nowMicros >= expiresMicros;
    }
}
