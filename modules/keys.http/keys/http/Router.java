package keys.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the route for a path. The path must end as the template does: Sentry's URL patterns all end
 * in {@code /} and a path without it falls to its catch-all (see {@link Catchall}); the operational
 * paths ({@code /healthz}) are exact as written.
 */
final class Router {
    record Match(Route route, Map<String, String> params) { }

    private final List<Route> routes = new ArrayList<>();

    Route add(String template, Access access) {
        return add(template, access, false);
    }

    Route add(String template, Access access, boolean rateLimited) {
        Route r = new Route(template, access, rateLimited);
        routes.add(r);
        return r;
    }

    /** Null when no route matches; a segment that is not valid percent-encoded UTF-8 matches nothing. */
    Match match(String rawPath) {
        boolean slash = rawPath.endsWith("/");
        String[] raw = Route.split(rawPath);
        String[] segments = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            segments[i] = UrlCodec.decode(raw[i], false);
            if (segments[i] == null) {
                return null;
            }
        }
        for (Route route : routes) {
            if (route.template.endsWith("/") != slash) {
                continue;
            }
            Map<String, String> params = tryMatch(route.parts, segments);
            if (params != null) {
                return new Match(route, params);
            }
        }
        return null;
    }

    private static Map<String, String> tryMatch(String[] parts, String[] segments) {
        if (parts.length != segments.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new HashMap<>(4);
                }
                params.put(part.substring(1, part.length() - 1), segments[i]);
            } else if (!part.equals(segments[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }
}
