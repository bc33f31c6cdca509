package keys.http;

import java.util.List;
import java.util.Map;

/**
 * Sentry's pagination {@code Link} header ({@code build_cursor_link}): the configured URL prefix,
 * the request path quoted with only {@code /} kept, the query without its cursor re-encoded as
 * Django's {@code QueryDict.urlencode} does (grouped by name in order of first appearance), then
 * {@code &cursor=} and the raw cursor. With no other parameter that reads {@code ?&cursor=}, as in
 * Sentry.
 */
final class LinkHeader {
    private LinkHeader() {
    }

    /** The header for a page of the call's own path and query. */
    static String of(Call call, Paginator.Page<?> page) {
        String path = UrlCodec.decode(call.request.rawPath, false);
        return of(call.api.config.urlPrefix(), path == null ? call.request.rawPath : path, call.query(), page);
    }

    /** The header for a page of {@code decodedPath?query}. */
    static String of(String urlPrefix, String decodedPath, QueryParams query, Paginator.Page<?> page) {
        String base = base(urlPrefix, decodedPath, query);
        StringBuilder out = new StringBuilder(base.length() * 2 + 160);
        entry(out, base, "previous", page.previous(), page.hasPrevious());
        out.append(", ");
        entry(out, base, "next", page.next(), page.hasNext());
        return out.toString();
    }

    /** Everything before {@code &cursor=}. */
    static String base(String urlPrefix, String decodedPath, QueryParams query) {
        StringBuilder out = new StringBuilder(urlPrefix.length() + decodedPath.length() + 64);
        out.append(urlPrefix).append(UrlCodec.pathEncode(decodedPath)).append('?');
        boolean first = true;
        for (Map.Entry<String, List<String>> e : query.asMap().entrySet()) {
            if (e.getKey().equals("cursor")) {
                continue;
            }
            String name = UrlCodec.formEncode(e.getKey());
            for (String value : e.getValue()) {
                if (!first) {
                    out.append('&');
                }
                first = false;
                out.append(name).append('=').append(UrlCodec.formEncode(value));
            }
        }
        return out.toString();
    }

    private static void entry(StringBuilder out, String base, String rel, Cursor cursor, boolean results) {
        String c = cursor.toString();
        out.append('<').append(base).append("&cursor=").append(c).append(">; rel=\"").append(rel)
                .append("\"; results=\"").append(results).append("\"; cursor=\"").append(c).append('"');
    }
}
