package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Organization;
import keys.domain.UseCase;
import keys.json.Json;

class KeyJsonTest {
    static final String PUB = "60120449b6b1d5e45f75561e6dabd80b";
    static final String SEC = "189485c3b8ccf582bf5e12c530ef8858";
    static final long PROJECT = 4505281256090153L;
    static final Organization ORG = new Organization(4504765715316736L, "acme", "Acme", 0, true, null);
    static final ClientKey KEY = new ClientKey(7, PROJECT, "Liked Pegasus", PUB, SEC, true, 1687377026036254L,
            1000, 7200, null, LoaderOption.DEFAULTS, UseCase.USER);

    static ServerConfig config(String prefix, String ingest, boolean subdomains, String cdn) {
        return new ServerConfig(new InetSocketAddress("127.0.0.1", 0), prefix, ingest, subdomains, cdn, false, false);
    }

    static String one(ServerConfig c, Organization org, ClientKey k, boolean superuser) {
        return new String(new KeyJson(c).one(k, org, superuser), StandardCharsets.UTF_8);
    }

    @Test
    void theWholeObjectByteForByte() {
        String e = "https://sentry.example.com";
        String n = Long.toString(PROJECT);
        String expected = ExpectedKeyJson.likedPegasus(e, PUB, SEC, n, "10.x", false);
        assertEquals(expected, one(config(e, null, false, null), ORG, KEY, false));
        assertEquals(expected.substring(0, expected.length() - 1) + ",\"useCase\":\"user\"}",
                one(config(e, null, false, null), ORG, KEY, true));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dsn(ServerConfig c, Organization org) {
        Map<String, Object> key = (Map<String, Object>) Json.parse(one(c, org, KEY, false));
        return (Map<String, Object>) key.get("dsn");
    }

    @Test
    void orgSubdomainsAndCdn() {
        Map<String, Object> d = dsn(config("http://127.0.0.1:9000", "https://ingest.us.example.io", true,
                "https://js.sentry-cdn.com/"), ORG);
        assertEquals("https://" + PUB + "@o4504765715316736.ingest.ingest.us.example.io/" + PROJECT, d.get("public"));
        assertEquals("https://o4504765715316736.ingest.ingest.us.example.io/api/" + PROJECT + "/nel/?sentry_key=" + PUB,
                d.get("nel"));
        assertEquals("https://js.sentry-cdn.com/" + PUB + ".min.js", d.get("cdn"));
        assertEquals(List.of("secret", "public", "csp", "security", "minidump", "nel", "unreal", "crons", "cdn",
                "playstation", "integration", "otlp_traces", "otlp_logs"), List.copyOf(d.keySet()));
    }

    @Test
    void ingestUrlWithPortAndPath() {
        Map<String, Object> d = dsn(config("http://x", "HTTP://Host.example:9000/sentry", true, null), ORG);
        assertEquals("http://" + PUB + ":" + SEC + "@o4504765715316736.ingest.Host.example:9000/sentry/" + PROJECT,
                d.get("secret"));
        assertEquals("http://o4504765715316736.ingest.Host.example:9000/sentry/js-sdk-loader/" + PUB + ".min.js",
                d.get("cdn"));
    }

    @Test
    void relayEndpointReplacesTheIngestUrlExceptForTheCdn() {
        Organization relayed = ORG.withRelayDsnEndpoint("https://relay.internal:3000/");
        ServerConfig c = config("https://sentry.example.com", null, true, null);
        Map<String, Object> d = dsn(c, relayed);
        assertEquals("https://" + PUB + "@relay.internal:3000/" + PROJECT, d.get("public"));
        assertEquals("https://relay.internal:3000/api/" + PROJECT + "/integration/", d.get("integration"));
        assertEquals("https://o4504765715316736.ingest.sentry.example.com/js-sdk-loader/" + PUB + ".min.js", d.get("cdn"));
        // The cache notices the change back.
        KeyJson json = new KeyJson(c);
        json.one(KEY, relayed, false);
        String plain = new String(json.one(KEY, ORG, false), StandardCharsets.UTF_8);
        assertTrue(plain.contains("\"public\":\"https://" + PUB + "@o4504765715316736.ingest.sentry.example.com/"), plain);
    }

    @Test
    void ingestUrlWithoutSchemeGivesEmptyDsns() {
        Map<String, Object> d = dsn(config("sentry.local", null, false, null), ORG);
        assertEquals("", d.get("secret"));
        assertEquals("", d.get("public"));
        assertEquals("sentry.local/api/" + PROJECT + "/integration/", d.get("integration"));
    }

    @Test
    void nameFallsBackToThePublicKeyAndUnicodeIsRaw() {
        ServerConfig c = config("https://s.example", null, false, null);
        String empty = one(c, ORG, KEY.withLabel(""), false);
        assertTrue(empty.contains("\"name\":\"60120449b6b1d5\",\"label\":\"60120449b6b1d5\""), empty);
        String uni = one(c, ORG, KEY.withLabel("ключ \u2028 \"🔑\""), false);
        assertTrue(uni.contains("\"name\":\"ключ \\u2028 \\\"🔑\\\"\""), uni);
    }

    @Test
    void rateLimitVersionDateAndOptions() {
        ServerConfig c = config("https://s.example", null, false, null);
        ClientKey k = KEY.withRateLimit(0, 60).withBrowserSdkVersion("latest").withLoaderOptions(0b11100)
                .withActive(false);
        k = new ClientKey(k.id(), k.projectId(), k.label(), k.publicKey(), k.secretKey(), k.active(),
                1769708462000000L, k.rateLimitCount(), k.rateLimitWindow(), k.browserSdkVersion(), k.loaderOptions(),
                UseCase.PROFILING);
        String s = one(c, ORG, k, true);
        assertTrue(s.contains("\"isActive\":false,\"rateLimit\":null,"), s);
        assertTrue(s.contains("\"browserSdkVersion\":\"latest\","), s);
        assertTrue(s.contains("\"dateCreated\":\"2026-01-29T17:41:02Z\","), s);
        assertTrue(s.contains("{\"hasReplay\":false,\"hasPerformance\":false,\"hasDebug\":true,\"hasFeedback\":true,"
                + "\"hasLogsAndMetrics\":true},\"useCase\":\"profiling\"}"), s);
    }

    @Test
    void pageIsAnArray() {
        KeyJson json = new KeyJson(config("https://s.example", null, false, null));
        assertEquals("[]", json.page(List.of(), ORG, false).toString());
        Object parsed = Json.parse(json.page(List.of(KEY, KEY.withLabel("b")), ORG, false).toByteArray());
        assertEquals(2, ((List<?>) parsed).size());
    }

    /**
     * A page is its keys' objects, each byte for byte as spelled out by hand, whatever the length
     * of their project ids (the dsn is patched into text made once per length) and in whatever
     * order those lengths come.
     */
    @Test
    void aPageOfProjectIdsOfEveryLengthByteForByte() {
        String e = "https://sentry.example.com";
        KeyJson json = new KeyJson(config(e, null, false, null));
        long[] projects = {PROJECT, 7, 42, PROJECT, 123_456_789_012L, Long.MAX_VALUE, 7, 1_000_000, Long.MIN_VALUE};
        StringBuilder expected = new StringBuilder("[");
        List<ClientKey> keys = new java.util.ArrayList<>();
        for (int i = 0; i < projects.length; i++) {
            String pub = Long.toHexString(0x1000_0000_0000_0000L + i) + PUB.substring(16);
            String sec = SEC.substring(0, 16) + Long.toHexString(0x2000_0000_0000_0000L + 31 * i);
            keys.add(new ClientKey(i + 1, projects[i], KEY.label(), pub, sec, true, KEY.createdMicros(), 1000, 7200, null,
                    LoaderOption.DEFAULTS, UseCase.USER));
            expected.append(i > 0 ? "," : "").append(ExpectedKeyJson.likedPegasus(e, pub, sec,
                    Long.toString(projects[i]), "10.x", false));
        }
        assertEquals(expected.append(']').toString(), json.page(keys, ORG, false).toString());
    }

    /**
     * Keys of every kind side by side in one page, each byte for byte: usual keys are written from
     * a template made once (the rest member by member), so every flag that picks one or the other,
     * and what a superuser sees, comes once with each of the others.
     */
    @Test
    void everyKindOfKeyInOnePageByteForByte() {
        String e = "https://sentry.example.com";
        KeyJson json = new KeyJson(config(e, null, false, null));
        long[] projects = {PROJECT, 7, 123_456_789_012L};
        int debug = LoaderOption.HAS_DEBUG.bit();
        for (boolean superuser : new boolean[] {false, true}) {
            StringBuilder expected = new StringBuilder("[");
            List<ClientKey> keys = new java.util.ArrayList<>();
            int i = 0;
            for (boolean active : new boolean[] {true, false}) {
                for (boolean limited : new boolean[] {true, false}) {
                    for (String version : new String[] {null, "latest"}) {
                        for (UseCase u : UseCase.values()) {
                            for (boolean hasDebug : new boolean[] {false, true}) {
                                long project = projects[i % projects.length];
                                String pub = Long.toHexString(0x1000_0000_0000_0000L + i) + PUB.substring(16);
                                String sec = SEC.substring(0, 16) + Long.toHexString(0x2000_0000_0000_0000L + 31 * i);
                                keys.add(new ClientKey(i + 1, project, KEY.label(), pub, sec, active, KEY.createdMicros(),
                                        limited ? 1000 : 0, limited ? 7200 : 0, version,
                                        hasDebug ? LoaderOption.DEFAULTS | debug : LoaderOption.DEFAULTS, u));
                                String one = ExpectedKeyJson.likedPegasus(e, pub, sec, Long.toString(project),
                                        version == null ? "10.x" : version, hasDebug);
                                if (!active) {
                                    one = one.replace("\"isActive\":true", "\"isActive\":false");
                                }
                                if (!limited) {
                                    one = one.replace("\"rateLimit\":{\"window\":7200,\"count\":1000}", "\"rateLimit\":null");
                                }
                                if (superuser) {
                                    one = one.substring(0, one.length() - 1) + ",\"useCase\":\"" + u.wire() + "\"}";
                                }
                                expected.append(i++ > 0 ? "," : "").append(one);
                            }
                        }
                    }
                }
            }
            assertEquals(expected.append(']').toString(), json.page(keys, ORG, superuser).toString());
        }
    }

    /** Labels held as bytes are copied as they stand only when JSON takes them so; others are escaped. */
    @SuppressWarnings("unchecked")
    @Test
    void labelsOfEveryKindNameTheKeyTwice() {
        KeyJson json = new KeyJson(config("https://s.example", null, false, null));
        List<String> labels = List.of("", "Default", "Key 5", "tab\there", "quote \"q\" and \\", "caf\u00e9",
                "\u00ff\u0001", "ключ", "x".repeat(300));
        List<ClientKey> keys = labels.stream().map(KEY::withLabel).toList();
        List<Object> page = (List<Object>) Json.parse(json.page(keys, ORG, false).toByteArray());
        for (int i = 0; i < labels.size(); i++) {
            Map<String, Object> k = (Map<String, Object>) page.get(i);
            String shown = labels.get(i).isEmpty() ? PUB.substring(0, 14) : labels.get(i);
            assertEquals(shown, k.get("name"), labels.get(i));
            assertEquals(shown, k.get("label"), labels.get(i));
        }
    }
}
