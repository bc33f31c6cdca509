package keys.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.NoSuchElementException;

import keys.domain.Scope;
import keys.domain.Timestamps;
import keys.json.JsonWriter;
import keys.store.ImportFormatException;
import keys.store.Store;

/**
 * The control API under {@code /_keys/} (test-mode.md §3), mounted only in test mode. Paths are
 * exact, as the other operational ones. Every call: no {@code Origin} header (a browser page must
 * not drive the emulator), a superuser's token holding {@code org:admin}, JSON bodies; then the
 * {@link TestControl} method of the same name.
 */
final class ControlApi {
    static final String PREFIX = "/_keys/";
    /** A state export for {@code PUT /_keys/state} may be large: ~40 MB at 100k keys. */
    static final int MAX_BODY = 64 << 20;
    /** The test clock stays within years 1970..9999, the range Sentry's date format writes as is. */
    private static final long LAST_MICROS = Instant.parse("9999-12-31T23:59:59.999999Z").getEpochSecond() * 1_000_000L
            + 999_999;
    private static final long MAX_ADVANCE_SECONDS = LAST_MICROS / 1_000_000L;

    private final TestControl control;
    private final Api api;

    ControlApi(TestControl control, Api api) {
        this.control = control;
        this.api = api;
    }

    static boolean covers(String rawPath) {
        return rawPath.startsWith(PREFIX);
    }

    Response answer(Request r) {
        if (r.header("Origin") != null) {
            throw ApiException.detail(403, "The control API refuses requests from a browser page (Origin header).");
        }
        Caller caller = Authenticator.authenticate(r.header("Authorization"), api.store.state(), api.sources.nowMicros());
        if (!caller.superuser() || !caller.token().scopes().contains(Scope.ORG_ADMIN)) {
            throw ApiException.forbidden();
        }
        String[] p = Route.split(r.rawPath.substring(PREFIX.length() - 1));
        String m = r.method;
        return switch (p.length == 0 ? "" : p[0]) {
            case "reset" -> exact(p, 1, m, "POST", () -> reset(r));
            case "state" -> p.length == 1 && m.equals("PUT") ? putState(r) : exact(p, 1, m, "GET", this::getState);
            case "snapshots" -> snapshots(r, p);
            case "requests" -> p.length == 1 && m.equals("DELETE") ? cleared(control::clearRequests)
                    : exact(p, 1, m, "GET", () -> requests(r));
            case "faults" -> faults(r, p);
            case "clock" -> clock(r, p);
            default -> throw ApiException.notFound();
        };
    }

    private interface Handler {
        Response handle();
    }

    private static Response exact(String[] p, int length, String method, String expected, Handler h) {
        if (p.length != length) {
            throw ApiException.notFound();
        }
        if (!method.equals(expected)) {
            throw ApiException.detail(405, "Method \"" + method + "\" not allowed.");
        }
        return h.handle();
    }

    private static Response cleared(Runnable r) {
        r.run();
        return Response.noContent();
    }

    private Response reset(Request r) {
        ControlBody b = ControlBody.of(r);
        Long seed = b.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        b.end();
        if (seed == null) {
            control.reset();
        } else {
            control.reset(seed);
        }
        return Response.noContent();
    }

    private Response getState() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Store.export(api.store.state(), out);
        return Response.ok(out.toByteArray()).header("Content-Type", "application/x-ndjson");
    }

    private Response putState(Request r) {
        String type = r.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            ControlBody.requireType(r, "application/x-ndjson");
        }
        try {
            control.replaceState(new ByteArrayInputStream(r.body));
        } catch (ImportFormatException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return Response.noContent();
    }

    private Response snapshots(Request r, String[] p) {
        if (p.length == 1) {
            if (r.method.equals("GET")) {
                JsonWriter w = new JsonWriter(256).beginArray();
                control.snapshots().forEach(s -> snapshot(w, s));
                return Response.ok(w.endArray().toByteArray());
            }
            return exact(p, 1, r.method, "POST", () -> {
                ControlBody b = ControlBody.of(r);
                String name = b.string("name");
                b.end();
                SnapshotInfo s;
                try {
                    s = control.snapshot(name);
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("\"name\" " + e.getMessage());
                }
                JsonWriter w = new JsonWriter(64);
                snapshot(w, s);
                return Response.created(w.toByteArray());
            });
        }
        String name = p[1];
        if (p.length == 3 && p[2].equals("restore")) {
            return exact(p, 3, r.method, "POST", () -> {
                try {
                    control.restore(name);
                } catch (NoSuchElementException e) {
                    throw ApiException.notFound();
                }
                return Response.noContent();
            });
        }
        return exact(p, 2, r.method, "DELETE", () -> found(control.deleteSnapshot(name)));
    }

    private static Response found(boolean found) {
        if (!found) {
            throw ApiException.notFound();
        }
        return Response.noContent();
    }

    private static void snapshot(JsonWriter w, SnapshotInfo s) {
        w.beginObject().name("name").value(s.name()).name("keys").value(s.keys()).endObject();
    }

    private Response requests(Request r) {
        long since = param(r, "since", 0, Long.MAX_VALUE, 0);
        long wait = param(r, "waitMillis", 0, Journal.MAX_WAIT_MILLIS, 0);
        List<JournalEntry> entries;
        try {
            entries = wait == 0 ? control.requests(since) : control.awaitRequests(since, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            entries = control.requests(since);
        }
        return Response.ok(ControlJson.entries(entries));
    }

    private static long param(Request r, String name, long min, long max, long absent) {
        String v = r.query.last(name);
        if (v == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the same answer as out of range
        }
        throw ApiException.badRequest("\"" + name + "\" must be an integer from " + min + " to " + max);
    }

    private Response faults(Request r, String[] p) {
        if (p.length == 2) {
            return exact(p, 2, r.method, "DELETE", () -> found(control.removeFault(p[1])));
        }
        return switch (r.method) {
            case "DELETE" -> exact(p, 1, "DELETE", "DELETE", () -> cleared(control::clearFaults));
            case "GET" -> exact(p, 1, "GET", "GET", () -> Response.ok(ControlJson.faults(control.faults())));
            default -> exact(p, 1, r.method, "POST", () ->
                    Response.created(ControlJson.fault(control.addFault(ControlJson.faultSpec(ControlBody.of(r))))));
        };
    }

    private Response clock(Request r, String[] p) {
        if (p.length == 2 && p[1].equals("advance")) {
            return exact(p, 2, r.method, "POST", () -> {
                ControlBody b = ControlBody.of(r);
                BigDecimal seconds = b.number("seconds", 0, MAX_ADVANCE_SECONDS);
                b.end();
                if (seconds == null) {
                    throw ApiException.badRequest("\"seconds\" is required");
                }
                long micros = seconds.movePointRight(6).setScale(0, RoundingMode.DOWN).longValueExact();
                if (micros > LAST_MICROS - control.clockMicros()) {
                    throw ApiException.badRequest("\"seconds\" would move the clock past 9999-12-31T23:59:59.999999Z");
                }
                control.advanceClockMicros(micros);
                return now();
            });
        }
        if (p.length == 1 && r.method.equals("PUT")) {
            ControlBody b = ControlBody.of(r);
            String now = b.string("now");
            b.end();
            if (now == null) {
                throw ApiException.badRequest("\"now\" is required");
            }
            long micros = -1;
            try {
                Instant t = Instant.parse(now);
                if (t.getEpochSecond() >= 0 && t.getEpochSecond() <= MAX_ADVANCE_SECONDS) {
                    micros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
                }
            } catch (DateTimeParseException e) {
                // the same answer as out of range
            }
            if (micros < 0) {
                throw ApiException.badRequest("\"now\" must be an ISO-8601 instant from 1970 to 9999, such as "
                        + "2026-01-01T00:00:00Z");
            }
            control.setClockMicros(micros);
            return now();
        }
        return exact(p, 1, r.method, "GET", this::now);
    }

    private Response now() {
        return Response.ok(new JsonWriter(48).beginObject().name("now").value(Timestamps.format(control.clockMicros()))
                .endObject().toByteArray());
    }
}
