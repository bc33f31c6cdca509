package keys.http;

import java.util.ArrayList;
import java.util.List;

import keys.domain.Secrets;
import keys.domain.Token;
import keys.domain.User;
import keys.store.State;

/** Sentry's bearer-token authentication, with its exact 401 messages; {@code Basic} goes to {@link BasicAuth}. */
final class Authenticator {
    private Authenticator() {
    }

    /** @param nowMicros the server's clock, against which expiry is checked */
    static Caller authenticate(String authorization, State state, long nowMicros) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("Authentication credentials were not provided.");
        }
        String[] words = words(authorization);
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

    /**
     * The header split as Python's {@code bytes.split()} splits it (DRF's
     * {@code get_authorization_header(request).split()}): runs of ASCII whitespace separate, none
     * leads or trails. Without a regex: this runs on every authenticated request.
     */
    static String[] words(String header) {
        List<String> words = new ArrayList<>(2);
        int n = header.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(header.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(header.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(header.substring(start, i));
            }
        }
        return words.toArray(String[]::new);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r'); // \t \n \u000B \f \r
    }

    static ApiException unauthorized(String detail) {
        return ApiException.detail(401, detail);
    }
}
