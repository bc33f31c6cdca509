package keys.http;

import java.net.InetSocketAddress;

/**
 * How the server presents itself. {@code urlPrefix} is the public base URL used in Link headers;
 * {@code ingestUrl} the base of every DSN (null: the URL prefix); {@code jsSdkLoaderCdnUrl} the
 * base of {@code dsn.cdn} (null: the ingest URL's loader path).
 */
public record ServerConfig(InetSocketAddress listen, String urlPrefix, String ingestUrl,
                           boolean orgIngestSubdomains, String jsSdkLoaderCdnUrl, boolean rateLimits,
                           boolean accessLog) {

    public ServerConfig {
        urlPrefix = trimSlash(urlPrefix);
        ingestUrl = ingestUrl == null || ingestUrl.isEmpty() ? urlPrefix : trimSlash(ingestUrl);
    }

    /** Defaults for tests and embedding: a random loopback port, no access log. */
    public static ServerConfig loopback(String urlPrefix) {
        return new ServerConfig(new InetSocketAddress("127.0.0.1", 0), urlPrefix, null, false, null, false, false);
    }

    public ServerConfig withRateLimits(boolean on) {
        return new ServerConfig(listen, urlPrefix, ingestUrl, orgIngestSubdomains, jsSdkLoaderCdnUrl, on, accessLog);
    }

    public ServerConfig withIngest(String ingest, boolean subdomains, String cdn) {
        return new ServerConfig(listen, urlPrefix, ingest, subdomains, cdn, rateLimits, accessLog);
    }

    private static String trimSlash(String url) {
        if (url == null) {
            return null;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
