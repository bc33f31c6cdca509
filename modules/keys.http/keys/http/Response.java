package keys.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a status, extra headers and a body already encoded to bytes. */
final class Response {
    final int status;
    final byte[] body; // null: no body at all (204)
    final Map<String, String> headers = new LinkedHashMap<>(4);

    private Response(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    static Response json(int status, byte[] body) {
        Response r = new Response(status, body);
        r.headers.put("Content-Type", "application/json");
        return r;
    }

    static Response ok(byte[] json) {
        return json(200, json);
    }

    static Response created(byte[] json) {
        return json(201, json);
    }

    static Response noContent() {
        return new Response(204, null);
    }

    Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
