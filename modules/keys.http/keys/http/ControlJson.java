package keys.http;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import keys.json.JsonWriter;

/** The control API's JSON: journal entries and faults out, a fault's definition in (test-mode.md §3.4, §3.5). */
final class ControlJson {
    private ControlJson() {
    }

    static byte[] entries(List<JournalEntry> entries) {
        JsonWriter w = new JsonWriter(128 * entries.size() + 2).beginArray();
        for (JournalEntry e : entries) {
            w.beginObject().name("seq").value(e.seq()).name("method").value(e.method()).name("path").value(e.path())
                    .name("query").value(e.query()).name("status");
            if (e.status() == null) {
                w.nullValue();
            } else {
                w.value(e.status());
            }
            w.name("user").value(e.user()).name("fault").value(e.fault()).endObject();
        }
        return w.endArray().toByteArray();
    }

    static byte[] faults(List<Fault> faults) {
        JsonWriter w = new JsonWriter(256).beginArray();
        faults.forEach(f -> write(w, f));
        return w.endArray().toByteArray();
    }

    static byte[] fault(Fault f) {
        JsonWriter w = new JsonWriter(256);
        write(w, f);
        return w.toByteArray();
    }

    private static void write(JsonWriter w, Fault f) {
        FaultSpec s = f.spec();
        w.beginObject().name("id").value(f.id()).name("method").value(s.method()).name("path").value(s.path())
                .name("status");
        nullable(w, s.status());
        w.name("body");
        if (s.body() == null) {
            w.nullValue();
        } else {
            w.rawValue(s.body().getBytes(StandardCharsets.UTF_8));
        }
        w.name("delayMillis").value(s.delayMillis()).name("times");
        nullable(w, f.remaining());
        w.name("probability").value(BigDecimal.valueOf(s.probability()).stripTrailingZeros())
                .name("connectionFault").value(s.connectionFault() == null ? null : s.connectionFault().name())
                .endObject();
    }

    private static void nullable(JsonWriter w, Integer n) {
        if (n == null) {
            w.nullValue();
        } else {
            w.value(n);
        }
    }

    /** A fault as {@code POST /_keys/faults} gives it; 400 for a missing path, a wrong value or an unknown field. */
    static FaultSpec faultSpec(ControlBody b) {
        String method = b.string("method");
        String path = b.string("path");
        Long status = b.integer("status", 400, 599);
        Object body = b.raw("body");
        Long delay = b.integer("delayMillis", 0, FaultSpec.MAX_DELAY_MILLIS);
        Long times = b.has("times") ? b.integer("times", 1, Integer.MAX_VALUE) : Long.valueOf(1);
        BigDecimal probability = b.number("probability", 0, 1);
        String connection = b.string("connectionFault");
        b.end();
        if (path == null) {
            throw ApiException.badRequest("\"path\" is required");
        }
        ConnectionFault how = null;
        if (connection != null) {
            try {
                how = ConnectionFault.valueOf(connection);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("unknown connectionFault \"" + connection + "\" (EMPTY_RESPONSE or "
                        + "MALFORMED_RESPONSE_CHUNK)");
            }
        }
        try {
            return new FaultSpec(method, path, status == null ? null : status.intValue(),
                    body == null ? null : new String(JsonWriter.encode(body), StandardCharsets.UTF_8),
                    delay == null ? 0 : delay.intValue(), times == null ? null : times.intValue(),
                    probability == null ? 1.0 : probability.doubleValue(), how);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
