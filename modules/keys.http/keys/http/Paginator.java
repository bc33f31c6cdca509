package keys.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Sentry's {@code Paginator} over {@code order_by="-id"} ({@code BasePaginator.get_result} and
 * {@code build_cursor}), step for step, so that every cursor we hand out is the one Sentry would:
 * clients treat cursors as opaque, but people compare Link headers. Pure: rows come from a fetch
 * function, so it is tested without a store. Ids are positive (no row has id 0 or below). With a
 * {@link Key} that rounds by direction it is Sentry's {@code DateTimePaginator} as well.
 */
final class Paginator {
    /**
     * Rows in id order, descending or ascending; {@code bound} 0 means none, else the first id
     * taken ({@code id <= bound} descending, {@code id >= bound} ascending); skip {@code offset}
     * matching rows, then at most {@code limit}.
     */
    @FunctionalInterface
    interface Fetch<T> {
        List<T> rows(long bound, boolean ascending, int offset, int limit);
    }

    /**
     * A row's cursor value: Sentry's {@code get_item_key(row, for_prev)}. For ids both directions
     * agree; a time in milliseconds rounds up for the next cursor and down for the previous one.
     */
    @FunctionalInterface
    interface Key<T> {
        long of(T row, boolean forPrev);
    }

    /** One page: its rows, newest first, and the two cursors with their {@code results} flags. */
    record Page<T>(List<T> rows, Cursor previous, boolean hasPrevious, Cursor next, boolean hasNext) {
    }

    private Paginator() {
    }

    static <T> Page<T> page(Cursor cursor, int limit, Fetch<T> fetch, ToLongFunction<T> id) {
        return page(cursor, limit, fetch, (row, forPrev) -> id.applyAsLong(row));
    }

    static <T> Page<T> page(Cursor cursor, int limit, Fetch<T> fetch, Key<T> key) {
        boolean prev = cursor.prev();
        boolean hasValue = cursor.hasValue();
        long offset = cursor.offset();
        // The row after the page tells whether there is a next one; a prev fetch with a value also
        // takes the row that produced the cursor, to be dropped below.
        int extra = prev && hasValue ? 2 : 1;
        List<T> rows = fetch(cursor, fetch, offset, limit + extra);
        if (prev && hasValue) {
            if (!rows.isEmpty() && cursor.valueEquals(key.of(rows.get(0), true))) {
                rows = rows.subList(1, rows.size());
            } else if (rows.size() == offset + limit + extra) { // as Sentry: compares with the offset added
                rows = rows.subList(0, rows.size() - 1);
            }
        }
        if (prev) {
            rows = new ArrayList<>(rows);
            Collections.reverse(rows);
        }

        int n = rows.size();
        // Next cursor (Sentry's _build_next_values).
        Cursor next;
        boolean hasNext;
        Cursor v0 = !hasValue && n > 0 ? Cursor.of(key.of(rows.get(0), false), 0, false) : cursor;
        if (prev) {
            next = v0.with(0, false);
            hasNext = true;
        } else if (n == 0) {
            next = v0.with(offset, false);
            hasNext = false;
        } else {
            hasNext = n > limit;
            long nextValue = key.of(rows.get(n - 1), false);
            long nextOffset;
            if (v0.valueEquals(nextValue)) {
                nextOffset = offset + limit;
            } else {
                nextOffset = 0;
                for (int i = hasNext ? n - 2 : n - 1; i >= 0 && key.of(rows.get(i), false) <= nextValue; i--) {
                    nextOffset++;
                }
            }
            next = Cursor.of(nextValue, nextOffset, false);
        }

        // Previous cursor (Sentry's _build_prev_values).
        boolean hasPrev = prev ? n > limit : hasValue || offset != 0;
        int first = prev && hasPrev ? 1 : 0;
        long prevValue = n > 0 ? key.of(rows.get(first), true) : 0;
        long prevOffset = prev ? offset : 0;
        if (prev && n > 0) {
            if (cursor.valueEquals(prevValue)) {
                prevOffset = offset + limit;
            } else {
                prevOffset = 0;
                for (int i = first + 1; i < n && key.of(rows.get(i), true) >= prevValue; i++) {
                    prevOffset++;
                }
            }
        }
        Cursor previous = Cursor.of(prevValue, prevOffset, true);

        List<T> shown;
        if (prev && hasPrev) {
            shown = rows.subList(1, n);
        } else if (!prev) {
            shown = rows.subList(0, Math.min(n, limit));
        } else {
            shown = rows;
        }
        return new Page<>(shown, previous, hasPrev, next, hasNext);
    }

    /**
     * Runs the fetch for the cursor's bound. A float bound is floored (descending) or ceiled
     * (ascending) to the ids it admits; a bound no positive id meets, or an offset past any
     * store's size, yields no rows without asking.
     */
    private static <T> List<T> fetch(Cursor cursor, Fetch<T> fetch, long offset, int count) {
        if (offset > Integer.MAX_VALUE - (long) count) {
            return List.of();
        }
        boolean ascending = cursor.prev();
        long bound = 0;
        if (cursor.hasValue()) {
            double v = cursor.isFloat() ? cursor.floatValue() : cursor.intValue();
            if (!ascending) {
                double floor = cursor.isFloat() ? Math.floor(v) : v;
                if (floor < 1) {
                    return List.of();
                }
                bound = cursor.isFloat() ? (floor >= 0x1p63 ? Long.MAX_VALUE : (long) floor) : cursor.intValue();
            } else {
                double ceil = cursor.isFloat() ? Math.ceil(v) : v;
                if (ceil >= 0x1p63) {
                    return List.of();
                }
                bound = ceil <= 1 ? 0 : (cursor.isFloat() ? (long) ceil : cursor.intValue());
            }
        }
        return fetch.rows(bound, ascending, (int) offset, count);
    }
}
