package keys.http;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Access-Control-Allow-Origin as Sentry's apply_cors_headers and origin_from_request choose it. */
class CorsOriginTest extends ApiTestBase {
    private static String allowOrigin(String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ts.url + "/api/0/organizations/"))
                .header("Authorization", "Bearer " + ts.adminToken).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return ts.send(b.build()).headers().firstValue("Access-Control-Allow-Origin").orElse(null);
    }

    @Test
    void anOriginIsEchoedAndTheStringNullIsAnyOrigin() {
        assertEquals("https://app.example", allowOrigin("Origin", "https://app.example"));
        assertEquals("*", allowOrigin("Origin", "null"));
        assertEquals("*", allowOrigin("Origin", "null", "Referer", "https://ref.example/page"));
        assertEquals("*", allowOrigin());
    }

    @Test
    void withoutAnOriginTheReferersOriginIsUsed() {
        assertEquals("https://ref.example:8443", allowOrigin("Referer", "https://ref.example:8443/a/b?c=d#e"));
        assertEquals("http://user@h.example", allowOrigin("Referer", "HTTP://user@h.example?x"));
        assertEquals("https://app.example", allowOrigin("Origin", "https://app.example", "Referer", "https://other/"));
        // urlparse finds no scheme and no netloc in a bare word: Sentry answers "://".
        assertEquals("://", allowOrigin("Referer", "not a url"));
        // urlparse raises on an unbalanced bracket (Sentry: 500); we answer as with no origin.
        assertEquals("*", allowOrigin("Referer", "http://[::1/x"));
    }
}
