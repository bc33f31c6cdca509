package keys.http;

import java.util.Locale;

/**
 * The {@code Access-Control-Allow-Origin} value, as Sentry's {@code apply_cors_headers} picks it:
 * an {@code Origin} of {@code null} gives {@code *}; any other non-empty {@code Origin} is echoed;
 * without one, the origin of the {@code Referer} ({@code origin_from_request}), which is
 * {@code scheme://netloc} as Python's {@code urlparse} splits it (so {@code Referer: foo} gives
 * {@code ://}, as in Sentry); with neither, {@code *}.
 */
final class CorsOrigin {
    private CorsOrigin() {
    }

    static String allow(String origin, String referer) {
        if ("null".equals(origin)) {
            return "*";
        }
        String found = origin == null || origin.isEmpty() ? fromUrl(referer) : origin;
        return found == null || found.equals("null") ? "*" : found;
    }

    /**
     * Sentry's {@code origin_from_url}: an empty or missing URL is returned as it is. Null (so
     * {@code *}) also for a netloc with unbalanced brackets, where {@code urlparse} raises and
     * Sentry answers 500.
     */
    static String fromUrl(String url) {
        if (url == null || url.isEmpty()) {
            return url;
        }
        String rest = stripLeadingControlOrSpace(url).replace("\t", "").replace("\r", "").replace("\n", "");
        String scheme = "";
        int colon = rest.indexOf(':');
        if (colon > 0 && isSchemeStart(rest.charAt(0)) && isScheme(rest, colon)) {
            scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
            rest = rest.substring(colon + 1);
        }
        String netloc = "";
        if (rest.startsWith("//")) {
            int end = rest.length();
            for (int i = 2; i < rest.length(); i++) {
                char c = rest.charAt(i);
                if (c == '/' || c == '?' || c == '#') {
                    end = i;
                    break;
                }
            }
            netloc = rest.substring(2, end);
            if (netloc.indexOf('[') >= 0 != netloc.indexOf(']') >= 0) {
                return null;
            }
        }
        return scheme + "://" + netloc;
    }

    private static String stripLeadingControlOrSpace(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) <= ' ') {
            i++;
        }
        return s.substring(i);
    }

    private static boolean isSchemeStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isScheme(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!(isSchemeStart(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
