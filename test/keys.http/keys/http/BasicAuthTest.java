package keys.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Authorization: Basic answers as Sentry's ApiKeyAuthentication (DRF's BasicAuthentication) does. */
class BasicAuthTest extends ApiTestBase {
    private static HttpResponse<String> withAuthorization(String value) {
        return ts.send(HttpRequest.newBuilder(URI.create(ts.url + "/api/0/organizations/"))
                .header("Authorization", value).GET().build());
    }

    private static void assertUnauthorized(String detail, String authorization) {
        HttpResponse<String> r = withAuthorization(authorization);
        assertEquals(401, r.statusCode(), authorization);
        assertEquals("{\"detail\":\"" + detail + "\"}", r.body(), authorization);
        assertEquals("xBasic realm=\"api\"", r.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aKeyWithAnEmptyPasswordIsLookedUpAndNotFound() {
        assertUnauthorized("API key is not valid", "Basic " + b64("0123456789abcdef:"));
        assertUnauthorized("API key is not valid", "basic " + b64(":"));
        assertUnauthorized("API key is not valid", "BASIC " + b64("k\u00e9y:"));
        // b64decode skips characters outside the alphabet and stops at the padding.
        assertUnauthorized("API key is not valid", "Basic " + b64("a:").replace("Y", "Y!") + "junk");
    }

    @Test
    void aPasswordMeansNoApiKeyWasOffered() {
        assertUnauthorized("Authentication credentials were not provided.", "Basic " + b64("user:secret"));
        assertUnauthorized("Authentication credentials were not provided.", "Basic " + b64("a::"));
    }

    @Test
    void malformedHeadersGetDrfsMessages() {
        assertUnauthorized("Invalid basic header. No credentials provided.", "Basic");
        assertUnauthorized("Invalid basic header. Credentials string should not contain spaces.", "Basic a b");
        String notBase64 = "Invalid basic header. Credentials not correctly base64 encoded.";
        assertUnauthorized(notBase64, "Basic " + b64("no colon"));
        assertUnauthorized(notBase64, "Basic abcde");  // a quad left unfinished
        assertUnauthorized(notBase64, "Basic YWI6Y");
    }
}
