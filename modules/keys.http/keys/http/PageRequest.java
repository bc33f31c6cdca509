package keys.http;

import java.math.BigInteger;

/** {@code per_page} and {@code cursor} from a query string, with Sentry's 400s (sentry-compat.md §2.1). */
record PageRequest(int perPage, Cursor cursor) {
    static final int MAX_PER_PAGE = 100;

    /** per_page first, then the cursor: the order in which Sentry's {@code paginate} fails. */
    static PageRequest parse(QueryParams query, int defaultPerPage) {
        return new PageRequest(perPage(query.last("per_page"), defaultPerPage), cursor(query.last("cursor")));
    }

    static int perPage(String text, int defaultPerPage) {
        if (text == null) {
            return defaultPerPage;
        }
        BigInteger v = PythonNumbers.parseInt(text);
        if (v == null) {
            throw ApiException.badRequest("Invalid per_page parameter.");
        }
        if (v.compareTo(BigInteger.valueOf(Math.max(MAX_PER_PAGE, defaultPerPage))) > 0) {
            throw ApiException.badRequest("Invalid per_page value. Cannot exceed " + MAX_PER_PAGE + ".");
        }
        if (v.signum() <= 0) { // our decision: Sentry would slice with a zero or negative limit
            throw ApiException.badRequest("Invalid per_page parameter.");
        }
        return v.intValue();
    }

    static Cursor cursor(String text) {
        return cursor(text, false);
    }

    /** {@code signedOffset}: keep a negative offset, for Sentry's OffsetPaginator. */
    static Cursor cursor(String text, boolean signedOffset) {
        if (text == null || text.isEmpty()) {
            return Cursor.FIRST;
        }
        Cursor c = signedOffset ? Cursor.parseSigned(text) : Cursor.parse(text);
        if (c == null) {
            throw ApiException.badRequest("Invalid cursor parameter.");
        }
        return c;
    }
}
