package keys.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import keys.domain.Scope;

/** One path template, e.g. {@code /api/0/organizations/{org}/teams/}, and its endpoints by method. */
final class Route {
    /** Django's order, which Sentry's {@code Allow} header follows. */
    private static final String[] METHOD_ORDER = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};

    record Endpoint(Set<Scope> anyOf, Handler handler) { }

    final String template;
    final String[] parts;
    final Access access;
    final boolean rateLimited;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private String allow;

    Route(String template, Access access, boolean rateLimited) {
        this.template = template;
        this.parts = split(template);
        this.access = access;
        this.rateLimited = rateLimited;
    }

    Route get(Handler h) {
        return on("GET", h);
    }

    Route post(Handler h) {
        return on("POST", h);
    }

    Route put(Handler h) {
        return on("PUT", h);
    }

    Route delete(Handler h) {
        return on("DELETE", h);
    }

    /** An endpoint needing the route's usual scopes for the method. */
    Route on(String method, Handler h) {
        return on(method, access.scopesFor(method), h);
    }

    Route on(String method, Set<Scope> anyOf, Handler h) {
        endpoints.put(method, new Endpoint(anyOf, h));
        allow = null;
        return this;
    }

    /** The endpoint for a method; HEAD runs GET's. */
    Endpoint endpoint(String method) {
        return endpoints.get("HEAD".equals(method) ? "GET" : method);
    }

    /** Scopes checked before answering 405 for a method the route lacks. */
    Set<Scope> scopesFor(String method) {
        Endpoint e = endpoint(method);
        return e != null ? e.anyOf() : access.scopesFor(method);
    }

    String allow() {
        if (allow == null) {
            StringJoiner j = new StringJoiner(", ");
            for (String m : METHOD_ORDER) {
                boolean has = endpoints.containsKey(m) || "OPTIONS".equals(m)
                        || ("HEAD".equals(m) && endpoints.containsKey("GET"));
                if (has) {
                    j.add(m);
                }
            }
            allow = j.toString();
        }
        return allow;
    }

    static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
