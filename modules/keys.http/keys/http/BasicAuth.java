package keys.http;

/**
 * {@code Authorization: Basic …}, as Sentry's {@code ApiKeyAuthentication} (Django REST framework's
 * {@code BasicAuthentication} with the API key as user name) answers it. keys has no API keys, so
 * this never authenticates; it only finds which 401 Sentry would give.
 */
final class BasicAuth {
    private static final String NOT_BASE64 = "Invalid basic header. Credentials not correctly base64 encoded.";

    private BasicAuth() {
    }

    /** The 401 for a header whose first word is {@code basic}; {@code words} split as bytes.split() does. */
    static ApiException reject(String[] words) {
        if (words.length == 1) {
            return Authenticator.unauthorized("Invalid basic header. No credentials provided.");
        }
        if (words.length > 2) {
            return Authenticator.unauthorized("Invalid basic header. Credentials string should not contain spaces.");
        }
        byte[] decoded = b64decode(words[1]);
        int colon = decoded == null ? -1 : indexOf(decoded, (byte) ':');
        if (colon < 0) { // DRF: userid, password = decoded.split(':', 1) raises without a colon
            return Authenticator.unauthorized(NOT_BASE64);
        }
        if (colon < decoded.length - 1) {
            // A password: ApiKeyAuthentication passes, and no other authenticator claims the request.
            return Authenticator.unauthorized("Authentication credentials were not provided.");
        }
        return Authenticator.unauthorized("API key is not valid");
    }

    /**
     * Python's {@code base64.b64decode} without {@code validate}: characters outside the alphabet
     * are skipped, a pad that completes a quad ends the input, and a quad left unfinished is an
     * error (null).
     */
    static byte[] b64decode(String s) {
        byte[] out = new byte[s.length() * 3 / 4 + 3];
        int n = 0;
        int quad = 0;
        int pads = 0;
        int left = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (quad >= 2 && quad + ++pads >= 4) {
                    return java.util.Arrays.copyOf(out, n);
                }
                continue;
            }
            int v = value(c);
            if (v < 0) {
                continue;
            }
            pads = 0;
            switch (quad) {
                case 0 -> left = v;
                case 1 -> {
                    out[n++] = (byte) (left << 2 | v >> 4);
                    left = v & 0x0f;
                }
                case 2 -> {
                    out[n++] = (byte) (left << 4 | v >> 2);
                    left = v & 0x03;
                }
                default -> out[n++] = (byte) (left << 6 | v);
            }
            quad = (quad + 1) & 3;
        }
        return quad == 0 ? java.util.Arrays.copyOf(out, n) : null;
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
