package keys.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a status, extra headers and a body already encoded to bytes. */
final class Response {
    final int status;
    final byte[] body; // null: no body at all (204)
    final int length; // of the body: the first bytes of its array
    final Map<String, String> headers = new LinkedHashMap<>(4);
    private Runnable afterSend; // gives a pooled body back
    BodyWriter stream; // instead of body: written as it is produced, chunked

    /** A body too large to hold in memory, written straight to the client. */
    @FunctionalInterface
    interface BodyWriter {
        void writeTo(java.io.OutputStream out) throws java.io.IOException;
    }

    private Response(int status, byte[] body, int length) {
        this.status = status;
        this.body = body;
        this.length = length;
    }

    static Response json(int status, byte[] body) {
        return json(status, body, body == null ? 0 : body.length);
    }

    private static Response json(int status, byte[] body, int length) {
        Response r = new Response(status, body, length);
        r.headers.put("Content-Type", "application/json");
        return r;
    }

    static Response ok(byte[] json) {
        return json(200, json);
    }

    /**
     * The buffer's bytes as they stand, without copying them out (a 100-key page is ~170 KB); its
     * array goes back to {@code pool} once the response is written.
     */
    static Response ok(JsonBytes json, BufferPool pool) {
        Response r = json(200, json.array(), json.size());
        r.afterSend = () -> pool.give(json.array());
        return r;
    }

    /** Called once the body has been written (or the exchange failed): the body's array may be reused. */
    void sent() {
        if (afterSend != null) {
            afterSend.run();
            afterSend = null;
        }
    }

    /** A 200 whose body {@code writer} produces while it is sent (chunked; no length known ahead). */
    static Response streamed(String contentType, BodyWriter writer) {
        Response r = new Response(200, null, 0);
        r.headers.put("Content-Type", contentType);
        r.stream = writer;
        return r;
    }

    static Response created(byte[] json) {
        return json(201, json);
    }

    static Response noContent() {
        return new Response(204, null, 0);
    }

    Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
