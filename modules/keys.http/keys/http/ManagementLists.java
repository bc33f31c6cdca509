package keys.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

import keys.json.JsonWriter;

/**
 * The one place the management lists are paged: a whole list (ascending by id) and the request
 * become one page, newest first, with the same cursors and {@code Link} header as the key lists
 * (Sentry's paginator over {@code -id}); or, for the lists Sentry orders by slug, one page of
 * Sentry's {@code OffsetPaginator}.
 */
final class ManagementLists {
    /** Sentry's default page size for these lists. */
    static final int DEFAULT_PER_PAGE = 100;

    private ManagementLists() {
    }

    static <T> Response page(Call call, List<T> ascending, ToLongFunction<T> id, BiConsumer<JsonWriter, T> encode) {
        PageRequest pr = PageRequest.parse(call.query(), DEFAULT_PER_PAGE);
        Paginator.Page<T> page = Paginator.page(pr.cursor(), pr.perPage(),
                (bound, asc, offset, limit) -> slice(ascending, id, bound, asc, offset, limit), id);
        return respond(call, page, encode);
    }

    /**
     * A list already in its order (by slug for teams and projects) paged by Sentry's
     * {@code OffsetPaginator}, with the same {@code per_page} rules (default and maximum 100).
     */
    static <T> Response byOffset(Call call, List<T> ordered, BiConsumer<JsonWriter, T> encode) {
        int perPage = PageRequest.perPage(call.query().last("per_page"), DEFAULT_PER_PAGE);
        Cursor cursor = PageRequest.cursor(call.query().last("cursor"), true);
        return respond(call, OffsetPaginator.page(cursor, perPage, ordered), encode);
    }

    private static <T> Response respond(Call call, Paginator.Page<T> page, BiConsumer<JsonWriter, T> encode) {
        JsonWriter w = new JsonWriter(256 + page.rows().size() * 160).beginArray();
        for (T row : page.rows()) {
            encode.accept(w, row);
        }
        String path = UrlCodec.decode(call.request.rawPath, false);
        String link = LinkHeader.of(call.api.config.urlPrefix(), path == null ? call.request.rawPath : path,
                call.query(), page);
        return Response.ok(w.endArray().toByteArray()).header("Link", link);
    }

    /** {@link Paginator.Fetch} over a list held in memory, ascending by id. */
    static <T> List<T> slice(List<T> ascending, ToLongFunction<T> id, long bound, boolean asc, int offset, int limit) {
        int n = ascending.size();
        List<T> out = new ArrayList<>(Math.min(limit, n));
        if (asc) {
            long start = (bound == 0 ? 0 : firstAtLeast(ascending, id, bound)) + (long) offset; // offset may be near 2^31
            for (long i = start; i < n && out.size() < limit; i++) {
                out.add(ascending.get((int) i));
            }
        } else {
            int i = (bound == 0 ? n : firstAtLeast(ascending, id, bound == Long.MAX_VALUE ? bound : bound + 1)) - 1;
            for (i -= offset; i >= 0 && out.size() < limit; i--) {
                out.add(ascending.get(i));
            }
        }
        return out;
    }

    /** Index of the first row whose id is {@code >= bound} (n when none). */
    private static <T> int firstAtLeast(List<T> ascending, ToLongFunction<T> id, long bound) {
        int lo = 0;
        int hi = ascending.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (id.applyAsLong(ascending.get(mid)) < bound) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
