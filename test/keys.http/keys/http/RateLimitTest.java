package keys.http;

import static keys.http.KeysHttp.orgKeys;
import static keys.http.KeysHttp.projectKeys;
import static keys.http.KeysHttp.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.Headers;

import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Secrets;
import keys.domain.Team;
import keys.store.State;

/** sentry-compat.md §7: fixed one-second windows of 40 per caller, headers on every answer, then 429. */
class RateLimitTest {
    static final String BODY_429 =
            "\"You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds\"";

    @Test
    void fixedWindowsPerBucketWithAFakeClock() {
        AtomicLong now = new AtomicLong(1_700_000_000_250L);
        RateLimiter limiter = new RateLimiter(now::get);
        State empty = State.empty();
        for (int i = 1; i <= 40; i++) {
            Headers h = new Headers();
            limiter.check("GET", null, "10.0.0.1", empty, h);
            assertEquals(Integer.toString(40 - i), h.getFirst("X-Sentry-Rate-Limit-Remaining"));
            assertEquals("40", h.getFirst("X-Sentry-Rate-Limit-Limit"));
            assertEquals("1700000001", h.getFirst("X-Sentry-Rate-Limit-Reset"));
            assertEquals("25", h.getFirst("X-Sentry-Rate-Limit-ConcurrentLimit"));
            assertEquals("24", h.getFirst("X-Sentry-Rate-Limit-ConcurrentRemaining"));
        }
        Headers over = new Headers();
        ApiException e = assertThrows(ApiException.class, () -> limiter.check("GET", null, "10.0.0.1", empty, over));
        assertEquals(429, e.status());
        assertEquals(BODY_429, new String(e.body(), StandardCharsets.UTF_8));
        assertEquals("0", over.getFirst("X-Sentry-Rate-Limit-Remaining"));
        // Another IP, another method: their own buckets.
        limiter.check("GET", null, "10.0.0.2", empty, new Headers());
        limiter.check("POST", null, "10.0.0.1", empty, new Headers());
        // The next window starts afresh.
        now.set(1_700_000_001_000L);
        Headers fresh = new Headers();
        limiter.check("GET", null, "10.0.0.1", empty, fresh);
        assertEquals("39", fresh.getFirst("X-Sentry-Rate-Limit-Remaining"));
        assertEquals("1700000002", fresh.getFirst("X-Sentry-Rate-Limit-Reset"));
        // An unknown token counts as the IP.
        assertEquals("ip:10.0.0.9", RateLimiter.who("Bearer sntryu_unknown", "10.0.0.9", empty));
        assertEquals("ip:10.0.0.9", RateLimiter.who(null, "10.0.0.9", empty));
    }

    @Test
    void endedWindowsAreDroppedOnceThereAreMany() {
        AtomicLong now = new AtomicLong(5_000L);
        RateLimiter limiter = new RateLimiter(now::get);
        for (int i = 0; i <= 10_000; i++) {
            limiter.check("GET", null, "10.1." + (i >> 8) + "." + (i & 255), State.empty(), new Headers());
        }
        assertEquals(10_001, limiter.bucketCount());
        now.set(6_000L);
        limiter.check("GET", null, "10.9.9.9", State.empty(), new Headers());
        assertEquals(1, limiter.bucketCount());
    }

    @Test
    void overHttp() {
        try (TestServer ts = TestServer.start(c -> c.withRateLimits(true))) {
            Seed seed = ts.seed();
            Organization org = seed.org(unique("rl"));
            Team t = seed.team(org, "t");
            seed.project(org, "p", t);
            String token = seed.memberToken(org, unique("m") + "@x.test", OrgRole.MEMBER, t);
            assertEquals("user:" + ts.store().state().tokenByHash(Secrets.sha256Hex(token)).orElseThrow()
                    .userId(), RateLimiter.who("Bearer " + token, "127.0.0.1", ts.store().state()));
            // Requests until the limit bites: the window may roll over once along the way.
            HttpResponse<String> r = null;
            String lastReset = null;
            int lastRemaining = -1;
            for (int i = 0; i < 200; i++) {
                r = ts.get(orgKeys(org.slug()), token);
                String reset = r.headers().firstValue("X-Sentry-Rate-Limit-Reset").orElseThrow();
                int remaining = Integer.parseInt(r.headers().firstValue("X-Sentry-Rate-Limit-Remaining").orElseThrow());
                assertEquals("40", r.headers().firstValue("X-Sentry-Rate-Limit-Limit").orElseThrow());
                if (reset.equals(lastReset) && r.statusCode() == 200) {
                    assertEquals(lastRemaining - 1, remaining);
                }
                lastReset = reset;
                lastRemaining = remaining;
                if (r.statusCode() != 200) {
                    break;
                }
            }
            assertEquals(429, r.statusCode());
            assertEquals(BODY_429, r.body());
            assertEquals("0", r.headers().firstValue("X-Sentry-Rate-Limit-Remaining").orElseThrow());
            assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isPresent());
            // Anonymous callers have their own (IP) bucket, and get the headers on their 401s too.
            HttpResponse<String> anonymous = ts.get(orgKeys(org.slug()), null);
            assertTrue(anonymous.statusCode() == 401 || anonymous.statusCode() == 429);
            assertTrue(anonymous.headers().firstValue("X-Sentry-Rate-Limit-Remaining").isPresent());
            // Routes that are not rate limited carry no headers.
            HttpResponse<String> perProject = ts.get(projectKeys(org.slug(), "p"), token);
            assertEquals(200, perProject.statusCode());
            assertFalse(perProject.headers().firstValue("X-Sentry-Rate-Limit-Limit").isPresent());
        }
    }

    @Test
    void offByDefault() {
        try (TestServer ts = TestServer.start()) {
            HttpResponse<String> r = ts.get(orgKeys("whatever"), ts.adminToken);
            assertFalse(r.headers().firstValue("X-Sentry-Rate-Limit-Limit").isPresent());
        }
    }
}
