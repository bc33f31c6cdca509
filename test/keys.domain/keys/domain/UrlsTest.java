package keys.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one base-URL rule: flags, the builder, relayDsnEndpoint and keys health all use it. */
class UrlsTest {
    @Test
    void absoluteHttpUrlsWithAHostPass() {
        for (String ok : new String[] {"http://127.0.0.1:9000", "https://keys.example.com/", "HTTPS://Keys.Example.com/sentry",
                "http://[::1]:9000", "http://keys_server:9000", "https://o1.ingest.example.com/base/path"}) {
            assertNull(Urls.problem(ok), ok);
            assertTrue(Organization.isRelayUrl(ok), ok);
        }
    }

    @Test
    void eachProblemIsNamed() {
        assertEquals("has no scheme; start it with http:// or https://", Urls.problem("example.com"));
        assertEquals("is not http or https", Urls.problem("ftp://example.com"));
        assertEquals("has no host", Urls.problem("http:///path"));
        assertEquals("has no host", Urls.problem("http:example.com"));
        assertEquals("is empty", Urls.problem(""));
        assertTrue(Urls.problem("http://a b").startsWith("is not a URL (illegal character"), Urls.problem("http://a b"));
        assertEquals("carries user info (user@ or user:password@); drop it", Urls.problem("https://u:p@example.com"));
        assertEquals("carries user info (user@ or user:password@); drop it", Urls.problem("https://u@keys_server"));
        assertEquals("has a query (?…); drop it", Urls.problem("https://example.com/?a=1"));
        assertEquals("has a query (?…); drop it", Urls.problem("https://example.com?"));
        assertEquals("has a fragment (#…); drop it", Urls.problem("https://example.com/#top"));
    }

    /** What 0.1.0's API let into relayDsnEndpoint still imports; only new values meet the whole rule. */
    @Test
    void storedRelayUrlsKeepTheLooserRule() {
        assertTrue(Organization.isRelayUrl("https://u@relay.example.com/?a=1#f"));
        assertTrue(!Organization.isRelayUrl("relay.example.com") && !Organization.isRelayUrl("ftp://relay.example.com"));
    }
}
