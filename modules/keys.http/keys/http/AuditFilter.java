package keys.http;

import keys.domain.AuditEvent;
import keys.store.AuditQuery;

/**
 * The audit-log endpoint's query: Sentry's {@code AuditLogQueryParamSerializer} (DRF's 400s, in
 * field order) and then {@code get_date_range_from_stats_period}, whose {@code InvalidParams}
 * Sentry answers with a 500 and keys with a 400 {@code {"detail": ...}}.
 *
 * @param none an unknown event: Sentry's {@code queryset.none()}, an empty page and no error
 */
record AuditFilter(int event, boolean none, long actorId, long fromMicros, long toMicros) {
    private static final long MAX_ACTOR = 2_147_483_647L; // BoundedIntegerField.MAX_VALUE

    static AuditFilter parse(QueryParams q, long nowMicros) {
        DrfFields.Errors errors = new DrfFields.Errors();
        Object event = field(q, "event") == null ? null
                : DrfFields.charField(errors, "event", q.last("event"), 0, false, false, null);
        Object actor = field(q, "actor") == null ? null
                : DrfFields.integerField(errors, "actor", q.last("actor"), Long.MIN_VALUE, MAX_ACTOR);
        Long start = dateTime(errors, q, "start");
        Long end = dateTime(errors, q, "end");
        if (field(q, "statsPeriod") != null) {
            DrfFields.charField(errors, "statsPeriod", q.last("statsPeriod"), 0, false, false, null);
        }
        errors.throwIfAny();

        int eventId = 0;
        boolean none = false;
        if (event instanceof String name) {
            AuditEvent e = AuditEvent.byApiName(name).orElse(null);
            none = e == null;
            eventId = e == null ? 0 : e.id();
        }
        long actorId = actor instanceof Long a ? a : 0;
        if (actorId <= 0 && actor != null) {
            none = true; // no user has such an id
        }
        long[] range = range(q, nowMicros, start, end);
        return range == null ? new AuditFilter(eventId, none, actorId, Long.MIN_VALUE, Long.MAX_VALUE)
                : new AuditFilter(eventId, none, actorId, range[0], range[1]);
    }

    /** The store query for one paginator fetch, its bound in milliseconds (0: none). */
    AuditQuery query(long boundMillis, boolean ascending, int offset, int limit) {
        long bound;
        if (boundMillis == 0) {
            bound = ascending ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else {
            bound = Math.abs(boundMillis) > Long.MAX_VALUE / 1000 ? (boundMillis > 0 ? Long.MAX_VALUE : Long.MIN_VALUE)
                    : boundMillis * 1000;
        }
        return new AuditQuery(event, actorId, fromMicros, toMicros, bound, ascending, offset, limit);
    }

    /** DRF's view of a query parameter: absent, or empty (a non-required field skips it), is no value. */
    private static String field(QueryParams q, String name) {
        String v = q.last(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static Long dateTime(DrfFields.Errors errors, QueryParams q, String name) {
        String text = field(q, name);
        if (text == null) {
            return null;
        }
        Long micros = DjangoDates.parseDateTime(text);
        if (micros == null) {
            errors.add(name, DjangoDates.WRONG_FORMAT);
        }
        return micros;
    }

    /** Sentry's get_date_range_from_stats_period(optional=True): null for no range. */
    private static long[] range(QueryParams q, long now, Long start, Long end) {
        String period = q.last("statsPeriod");
        String periodStart = q.last("statsPeriodStart");
        String periodEnd = q.last("statsPeriodEnd");
        long from;
        long to;
        if (period != null) {
            from = before(now, period);
            to = now;
        } else if (truthy(periodStart) || truthy(periodEnd)) {
            if (!truthy(periodStart) || !truthy(periodEnd)) {
                throw invalid("statsPeriodStart and statsPeriodEnd are both required");
            }
            from = before(now, periodStart);
            to = before(now, periodEnd);
        } else if (truthy(q.last("start")) || truthy(q.last("end"))) {
            if (start == null || end == null) {
                throw invalid("start and end are both required");
            }
            from = start;
            to = end;
        } else {
            return null;
        }
        if (from >= to) {
            throw invalid("start must be before end");
        }
        return new long[] {from, to};
    }

    private static long before(long now, String period) {
        Long micros = DjangoDates.parsePeriod(period);
        if (micros == null || micros > now - DjangoDates.MIN_MICROS) {
            throw invalid("Invalid statsPeriod: " + DrfFields.pythonRepr(period));
        }
        return now - micros;
    }

    private static boolean truthy(String s) {
        return s != null && !s.isEmpty();
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest(message);
    }
}
