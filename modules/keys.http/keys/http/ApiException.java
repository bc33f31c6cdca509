package keys.http;

import java.util.List;
import java.util.Map;

import keys.json.JsonWriter;

/**
 * A failure the client is told about, in Sentry's shape: {@code {"detail": …}} or field errors
 * {@code {"field":["message"]}}. Thrown anywhere below a handler; the dispatcher writes it.
 */
public final class ApiException extends RuntimeException {
    static final String FORBIDDEN_DETAIL = "You do not have permission to perform this action.";

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient byte[] body;

    private ApiException(int status, byte[] body, String message) {
        super(message, null, false, false); // no stack trace: these are answers, not bugs
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body.clone();
    }

    byte[] bodyUnsafe() {
        return body;
    }

    public static ApiException detail(int status, String detail) {
        byte[] body = new JsonWriter(detail.length() + 16).beginObject().name("detail").value(detail)
                .endObject().toByteArray();
        return new ApiException(status, body, detail);
    }

    /** A JSON tree body as is, e.g. nested field errors. */
    public static ApiException body(int status, Object tree) {
        return new ApiException(status, JsonWriter.encode(tree), String.valueOf(tree));
    }

    /** 400 with one message under one field: {@code {"name":["…"]}}. */
    public static ApiException field(String field, String message) {
        return body(400, Map.of(field, List.of(message)));
    }

    public static ApiException badRequest(String detail) {
        return detail(400, detail);
    }

    public static ApiException notFound() {
        return detail(404, "The requested resource does not exist");
    }

    public static ApiException forbidden() {
        return detail(403, FORBIDDEN_DETAIL);
    }

    public static ApiException conflict(String detail) {
        return detail(409, detail);
    }
}
