package keys.http;

/**
 * The client key object of sentry-compat.md §3, spelled out by hand from the spec, for tests that
 * compare answers byte for byte: a "Liked Pegasus" key, active, rate-limited to 1000 per 7200 s,
 * created 2023-06-21T19:50:26.036254Z, with the default loader options (plus hasDebug if asked).
 */
final class ExpectedKeyJson {
    private ExpectedKeyJson() {
    }

    /** {@code base}: the ingest URL ({@code scheme://host}); {@code n}: the project id. */
    static String likedPegasus(String base, String pub, String sec, String n, String sdkVersion, boolean hasDebug) {
        int sep = base.indexOf("://") + 3;
        String scheme = base.substring(0, sep);
        String host = base.substring(sep);
        return "{\"id\":\"" + pub + "\",\"name\":\"Liked Pegasus\",\"label\":\"Liked Pegasus\","
                + "\"public\":\"" + pub + "\",\"secret\":\"" + sec + "\",\"projectId\":" + n + ",\"isActive\":true,"
                + "\"rateLimit\":{\"window\":7200,\"count\":1000},"
                + "\"dsn\":{\"secret\":\"" + scheme + pub + ":" + sec + "@" + host + "/" + n + "\","
                + "\"public\":\"" + scheme + pub + "@" + host + "/" + n + "\","
                + "\"csp\":\"" + base + "/api/" + n + "/csp-report/?sentry_key=" + pub + "\","
                + "\"security\":\"" + base + "/api/" + n + "/security/?sentry_key=" + pub + "\","
                + "\"minidump\":\"" + base + "/api/" + n + "/minidump/?sentry_key=" + pub + "\","
                + "\"nel\":\"" + base + "/api/" + n + "/nel/?sentry_key=" + pub + "\","
                + "\"unreal\":\"" + base + "/api/" + n + "/unreal/" + pub + "/\","
                + "\"crons\":\"" + base + "/api/" + n + "/cron/___MONITOR_SLUG___/" + pub + "/\","
                + "\"cdn\":\"" + base + "/js-sdk-loader/" + pub + ".min.js\","
                + "\"playstation\":\"" + base + "/api/" + n + "/playstation/?sentry_key=" + pub + "\","
                + "\"integration\":\"" + base + "/api/" + n + "/integration/\","
                + "\"otlp_traces\":\"" + base + "/api/" + n + "/integration/otlp/v1/traces\","
                + "\"otlp_logs\":\"" + base + "/api/" + n + "/integration/otlp/v1/logs\"},"
                + "\"browserSdkVersion\":\"" + sdkVersion + "\","
                + "\"browserSdk\":{\"choices\":[[\"10.x\",\"10.x\"],[\"9.x\",\"9.x\"],[\"8.x\",\"8.x\"],[\"7.x\",\"7.x\"]]},"
                + "\"dateCreated\":\"2023-06-21T19:50:26.036254Z\","
                + "\"dynamicSdkLoaderOptions\":{\"hasReplay\":true,\"hasPerformance\":true,\"hasDebug\":" + hasDebug + ","
                + "\"hasFeedback\":false,\"hasLogsAndMetrics\":false}}";
    }
}
