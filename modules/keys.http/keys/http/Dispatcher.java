package keys.http;

import java.io.IOException;
import java.io.OutputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import keys.store.IncomingWrites;
import keys.store.State;
import keys.store.StoreCorruptException;
import keys.store.StoreUnavailableException;

/**
 * Every request passes here: limits, routing, CORS, OPTIONS/HEAD, rate limit, authentication and
 * the scope check, in Sentry's order; then the handler; then one uniform way to answer, so no
 * failure ever reaches the client as a stack trace.
 */
final class Dispatcher implements HttpHandler {
    private static final String ALLOW_HEADERS = "X-Sentry-Auth, X-Requested-With, Origin, Accept, Content-Type, "
            + "Authentication, Authorization, Content-Encoding, sentry-trace, baggage, X-CSRFToken";
    private static final String EXPOSE_HEADERS = "X-Sentry-Error, X-Sentry-Direct-Hit, X-Hits, X-Max-Hits, "
            + "Endpoint, Retry-After, Link";

    private final Api api;
    private final InFlight inFlight;

    Dispatcher(Api api, InFlight inFlight) {
        this.api = api;
        this.inFlight = inFlight;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        inFlight.enter();
        try {
            answer(exchange);
        } finally {
            inFlight.exit();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String rawPath = exchange.getRequestURI().getRawPath() == null ? "/" : exchange.getRequestURI().getRawPath();
        if (api.controlApi != null && ControlApi.covers(rawPath)) {
            send(exchange, null, control(exchange)); // never journaled, faulted or counted
            return;
        }
        TestTraffic test = api.controlApi == null ? null : TestTraffic.of(api, exchange.getRequestMethod(), rawPath);
        Route route = null;
        Response response;
        try {
            // Matched before the body is read, so a request refused for its size counts under its route.
            Router.Match match = api.router.match(rawPath);
            route = match == null ? null : match.route();
            Request request = read(exchange);
            Response injected = test == null ? null : test.beforeRouting(request, exchange);
            if (injected != null) {
                response = injected;
            } else if (match != null) {
                response = dispatch(request, match, exchange.getResponseHeaders());
            } else if (Catchall.covers(request.rawPath)) {
                response = Catchall.answer(request);
            } else {
                throw ApiException.notFound();
            }
        } catch (ApiException e) {
            response = Response.json(e.status(), e.bodyUnsafe());
        } catch (StoreUnavailableException e) {
            // The write could not be made durable: say why, and when to retry only if that can help.
            response = unavailable(e);
        } catch (StoreCorruptException e) {
            response = damaged(exchange, e);
        } catch (RuntimeException | Error e) {
            response = internalError(exchange, e);
        }
        if (test != null) {
            test.answered(response.status);
        }
        // Counted before the answer leaves: a client that scrapes /metrics right after its
        // response must find that request in it. The latency is the time until the answer is ready.
        api.metrics.record(route == null ? "unmatched" : route.template, response.status, System.nanoTime() - start);
        int bytes = send(exchange, route, response);
        long nanos = System.nanoTime() - start;
        if (api.config.accessLog()) {
            AccessLog.line(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    response.status, bytes, nanos);
        }
    }

    private Response control(HttpExchange exchange) throws IOException {
        try {
            return api.controlApi.answer(read(exchange, ControlApi.MAX_BODY));
        } catch (ApiException e) {
            return Response.json(e.status(), e.bodyUnsafe());
        } catch (RuntimeException | Error e) {
            return internalError(exchange, e);
        }
    }

    private Request read(HttpExchange exchange) throws IOException {
        return read(exchange, Request.MAX_BODY);
    }

    private Request read(HttpExchange exchange, int maxBody) throws IOException {
        if (!inFlight.startReading(exchange)) {
            throw new IOException("the server is stopping");
        }
        try {
            return Request.read(exchange, maxBody);
        } finally {
            inFlight.doneReading(exchange);
        }
    }

    private Response dispatch(Request request, Router.Match match, Headers out) {
        if ("OPTIONS".equals(request.method)) {
            return Response.json(200, null).header("Access-Control-Max-Age", "3600");
        }
        if ("GET".equals(request.method) || "HEAD".equals(request.method)) {
            return run(request, match, out);
        }
        IncomingWrites incoming = api.store.incomingWrites(); // an fsync about to start waits for this request's write
        incoming.arrive();
        try {
            return run(request, match, out);
        } finally {
            incoming.leave();
        }
    }

    /** Rate limit, authentication and the token's scope, in Sentry's order; then the endpoint. */
    private Response run(Request request, Router.Match match, Headers out) {
        Route route = match.route();
        if (api.rateLimiter != null && route.rateLimited) {
            api.rateLimiter.check(request, api.store.state(), out);
        }
        State state = api.store.state();
        Caller caller = null;
        if (route.access.authenticated()) {
            caller = Authenticator.authenticate(request.header("Authorization"), state, api.sources.nowMicros());
            if (!route.access.mapsMethod(request.method) || !caller.tokenHasAny(route.scopesFor(request.method))) {
                throw ApiException.forbidden();
            }
        }
        Route.Endpoint endpoint = route.endpoint(request.method);
        if (endpoint == null) {
            throw ApiException.detail(405, "Method \"" + request.method + "\" not allowed.");
        }
        return endpoint.handler().handle(new Call(request, match.params(), caller, state, api, endpoint.anyOf()));
    }

    private static Response unavailable(StoreUnavailableException e) {
        Response r = Response.json(503, ApiException.detail(503, e.getMessage()).bodyUnsafe());
        e.retryAfterSeconds().ifPresent(seconds -> r.header("Retry-After", Long.toString(seconds)));
        return r;
    }

    /**
     * Damaged stored data found while answering (an audit row whose CRC fails, a missing row
     * file): the other rows and routes still answer. A 503 naming the damage by file name and
     * offset (never the directory's path), logged in one line without a stack trace: it is the
     * disk's fault, and {@code keys check} says the rest.
     */
    private static Response damaged(HttpExchange exchange, StoreCorruptException e) {
        String where = (e.file() == null ? "?" : e.file().getFileName()) + " at byte offset " + e.offset();
        System.getLogger("keys").log(System.Logger.Level.ERROR, "damaged data directory on "
                + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + ": " + e.getMessage());
        return Response.json(503, ApiException.detail(503, "The stored data is damaged (" + where + ": " + e.reason()
                + "); run keys check on the data directory.").bodyUnsafe());
    }

    private Response internalError(HttpExchange exchange, Throwable e) {
        String errorId = api.sources.newErrorId();
        AccessLog.error("error " + errorId + " on " + exchange.getRequestMethod() + " "
                + exchange.getRequestURI().getRawPath(), e);
        byte[] body = new keys.json.JsonWriter(64).beginObject().name("detail").value("Internal Error")
                .name("errorId").value(errorId).endObject().toByteArray();
        return Response.json(500, body);
    }

    private static int send(HttpExchange exchange, Route route, Response response) throws IOException {
        Headers h = exchange.getResponseHeaders();
        if (route != null) {
            h.set("Allow", route.allow());
            h.set("Access-Control-Allow-Methods", route.allow());
        }
        h.set("Access-Control-Allow-Headers", ALLOW_HEADERS);
        h.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        Headers in = exchange.getRequestHeaders();
        h.set("Access-Control-Allow-Origin", CorsOrigin.allow(in.getFirst("Origin"), in.getFirst("Referer")));
        if (response.status == 401) {
            h.set("WWW-Authenticate", "xBasic realm=\"api\"");
        }
        response.headers.forEach(h::set);
        if (response.stream != null && !"HEAD".equals(exchange.getRequestMethod())) {
            return StreamedBody.send(exchange, response);
        }
        byte[] body = response.body;
        int length = response.length;
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        try (OutputStream os = exchange.getResponseBody()) {
            if (body == null || length == 0 || head) {
                if (body != null && head) {
                    h.set("Content-Length", Integer.toString(length));
                }
                exchange.sendResponseHeaders(response.status, -1);
                return 0;
            }
            exchange.sendResponseHeaders(response.status, length);
            os.write(body, 0, length);
            return length;
        } finally {
            response.sent();
        }
    }
}
