package keys.http;

import java.math.BigInteger;
import java.util.List;

/**
 * Sentry's {@code OffsetPaginator} (the teams and projects lists, ordered by slug), step for step:
 * the cursor's offset is a page number and its value a page size, so the rows taken are
 * {@code [page × value, page × value + (value or limit) + 1)}, keeping the last {@code limit + 1}
 * when the value is not the limit; the cursors handed out are {@code limit:page±1}. Its two errors
 * are 400s with its own words; where Django would fail on a negative slice end or Python on a
 * number past 64 bits (500 in Sentry), we answer 400 {@code Invalid cursor parameter.}
 */
final class OffsetPaginator {
    private OffsetPaginator() {
    }

    static <T> Paginator.Page<T> page(Cursor cursor, int limit, List<T> ordered) {
        long page = cursor.offset();
        if (page == Long.MAX_VALUE || page == Long.MIN_VALUE) { // page ± 1 would not fit a cursor
            throw invalidCursor();
        }
        long[] slice = cursor.isFloat() ? floatSlice(cursor, page, limit) : intSlice(cursor, page, limit);
        int n = ordered.size();
        int start = (int) Math.min(slice[0], n);
        int stop = (int) Math.min(slice[1], n);
        List<T> results = stop > start ? ordered.subList(start, stop) : List.of();
        boolean valueIsLimit = cursor.isFloat() ? cursor.floatValue() == limit : cursor.intValue() == limit;
        if (!valueIsLimit && results.size() > limit + 1) {
            results = results.subList(results.size() - (limit + 1), results.size());
        }
        Cursor next = Cursor.of(limit, page + 1, false);
        Cursor previous = Cursor.of(limit, page - 1, true);
        boolean hasNext = results.size() > limit;
        return new Paginator.Page<>(results.subList(0, Math.min(limit, results.size())),
                previous, page > 0, next, hasNext);
    }

    /** {@code [start, stop)} for an integer value; a bound past any list is clamped by the caller. */
    private static long[] intSlice(Cursor cursor, long page, int limit) {
        BigInteger value = BigInteger.valueOf(cursor.intValue());
        BigInteger offset = BigInteger.valueOf(page).multiply(value);
        BigInteger stop = offset.add(value.signum() != 0 ? value : BigInteger.valueOf(limit)).add(BigInteger.ONE);
        if (offset.signum() < 0) {
            throw ApiException.badRequest("Pagination offset cannot be negative");
        }
        if (stop.signum() < 0) {
            throw invalidCursor();
        }
        return new long[] {clamp(offset), clamp(stop)};
    }

    /** The same in floats, as Python multiplies an int by a float; Django truncates the bounds. */
    private static long[] floatSlice(Cursor cursor, long page, int limit) {
        double value = cursor.floatValue();
        double offset = page * value;
        double stop = offset + (value != 0 ? value : limit) + 1;
        if (offset < 0) {
            throw ApiException.badRequest("Pagination offset cannot be negative");
        }
        if (stop < 0) {
            throw invalidCursor();
        }
        return new long[] {(long) offset, (long) stop}; // (long) truncates, saturating past 2^63
    }

    private static long clamp(BigInteger v) {
        return v.bitLength() < 63 ? v.longValue() : Long.MAX_VALUE;
    }

    private static ApiException invalidCursor() {
        return ApiException.badRequest("Invalid cursor parameter.");
    }
}
