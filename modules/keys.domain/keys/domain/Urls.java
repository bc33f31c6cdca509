package keys.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one rule for a base URL that keys builds other URLs on: the URL prefix, the ingest URL, the
 * JS SDK loader CDN URL, an organization's {@code relayDsnEndpoint}, {@code keys health --url}.
 * An absolute http(s) URL with a host and no user info, query or fragment, since paths are
 * appended to it: {@code example.com} would give DSNs with no host, {@code https://h/?a=1} a DSN
 * path inside the query. Sentry's relayDsnEndpoint validator asks the same.
 */
public final class Urls {
    private Urls() {
    }

    /** Null when {@code url} is such a base URL; else what is wrong, worded to follow the URL in a message. */
    public static String problem(String url) {
        String base = baseProblem(url);
        if (base != null) {
            return base;
        }
        URI u = URI.create(url);
        if (u.getRawAuthority().indexOf('@') >= 0) {
            return "carries user info (user@ or user:password@); drop it";
        }
        if (u.getRawQuery() != null) {
            return "has a query (?…); drop it";
        }
        if (u.getRawFragment() != null) {
            return "has a fragment (#…); drop it";
        }
        return null;
    }

    /**
     * The older, looser rule, which 0.1.0's API applied to relayDsnEndpoint: an absolute http(s)
     * URL with a host. Data it let in (a query, say) must still import.
     */
    static String baseProblem(String url) {
        if (url == null || url.isEmpty()) {
            return "is empty";
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason().toLowerCase(Locale.ROOT) + " at index " + e.getIndex() + ")";
        }
        String scheme = u.getScheme();
        if (scheme == null) {
            return "has no scheme; start it with http:// or https://";
        }
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            return "is not http or https";
        }
        if (u.getHost() == null && !registryHost(u.getRawAuthority())) {
            return "has no host";
        }
        return null;
    }

    /**
     * True for an authority that {@link URI} reads as registry-based only for an underscore in
     * its host ({@code keys_server:9000}, a Compose service name), which Python's urlparse and
     * every HTTP client take as a host.
     */
    private static boolean registryHost(String authority) {
        if (authority == null) {
            return false;
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host = hostPort.replaceFirst(":[0-9]*$", "");
        return host.matches("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");
    }
}
