package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import keys.json.Json;

/** Helpers for the key endpoint tests: bodies, Link headers and names that never collide. */
final class KeysHttp {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Pattern LINK_ENTRY = Pattern.compile(
            "<([^>]*)>; rel=\"(previous|next)\"; results=\"(true|false)\"; cursor=\"([^\"]*)\"");

    private KeysHttp() {
    }

    /** A fresh slug: {@code prefix-N}. */
    static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    static String orgKeys(String org) {
        return "/api/0/organizations/" + org + "/project-keys/";
    }

    static String projectKeys(String org, String project) {
        return "/api/0/projects/" + org + "/" + project + "/keys/";
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> array(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r::body);
        return (List<Map<String, Object>>) Json.parse(r.body());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(HttpResponse<String> r) {
        return (Map<String, Object>) Json.parse(r.body());
    }

    /** The public keys of a list response, in order. */
    static List<String> ids(HttpResponse<String> r) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> k : array(r)) {
            out.add((String) k.get("id"));
        }
        return out;
    }

    /** One entry of a Link header. */
    record Link(String url, boolean results, String cursor) {
    }

    /** {previous, next} of a Link header; fails unless it has exactly those two entries. */
    static Link[] links(HttpResponse<String> r) {
        String header = r.headers().firstValue("Link").orElseThrow(() -> new AssertionError("no Link header"));
        Matcher m = LINK_ENTRY.matcher(header);
        Link[] out = new Link[2];
        int n = 0;
        int end = 0;
        while (m.find()) {
            if (n > 1 || m.start() != (n == 0 ? 0 : end + 2) || !m.group(2).equals(n == 0 ? "previous" : "next")) {
                throw new AssertionError("malformed Link header: " + header);
            }
            out[n++] = new Link(m.group(1), m.group(3).equals("true"), m.group(4));
            end = m.end();
        }
        if (n != 2 || end != header.length()) {
            throw new AssertionError("malformed Link header: " + header);
        }
        return out;
    }

    static String detail(HttpResponse<String> r) {
        return (String) object(r).get("detail");
    }
}
