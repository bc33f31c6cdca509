package keys.http;

import java.util.regex.Pattern;

import keys.domain.Secrets;
import keys.domain.Token;
import keys.domain.User;
import keys.store.State;

/** Sentry's bearer-token authentication, with its exact 401 messages; {@code Basic} goes to {@link BasicAuth}. */
final class Authenticator {
    /** Compiled once: {@code String.split("\\s+")} compiles its pattern on every call. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Authenticator() {
    }

    /** @param nowMicros the server's clock, against which expiry is checked */
    static Caller authenticate(String authorization, State state, long nowMicros) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("Authentication credentials were not provided.");
        }
        String[] words = WHITESPACE.split(authorization.trim());
        if (words[0].equalsIgnoreCase("basic")) {
            throw BasicAuth.reject(words);
        }
        if (!words[0].equalsIgnoreCase("bearer")) {
            throw unauthorized("Authentication credentials were not provided.");
        }
        if (words.length == 1) {
            throw unauthorized("Invalid token header. No credentials provided.");
        }
        if (words.length > 2) {
            throw unauthorized("Invalid token header. Token string should not contain spaces.");
        }
        // Looked up by hash: the map compares digests, never the secret itself.
        Token token = state.tokenByHash(Secrets.sha256Hex(words[1])).orElse(null);
        if (token == null) {
            throw unauthorized("Invalid token");
        }
        User user = state.user(token.userId()).orElse(null);
        if (user == null) {
            throw unauthorized("Invalid token");
        }
        if (token.expiredAt(nowMicros)) {
            throw unauthorized("Token expired");
        }
        return new Caller(user, token);
    }

    static ApiException unauthorized(String detail) {
        return ApiException.detail(401, detail);
    }
}
