package keys.domain;

/**
 * A client key (DSN) of a project. {@code id} is the internal number that orders lists;
 * {@code publicKey} is what clients call the key's id. A rate limit is set only when both
 * {@code rateLimitCount} and {@code rateLimitWindow} are non-zero. {@code browserSdkVersion} is
 * null until a PUT stores one. {@code loaderOptions} holds {@link LoaderOption} bits.
 */
public record ClientKey(long id, long projectId, String label, String publicKey, String secretKey,
                        boolean active, long createdMicros, int rateLimitCount, int rateLimitWindow,
                        String browserSdkVersion, int loaderOptions, UseCase useCase) {

    public static final int MAX_LABEL_LENGTH = 64;
    public static final int MAX_RATE_LIMIT_WINDOW = 86_400;

    public boolean hasRateLimit() {
        return rateLimitCount != 0 && rateLimitWindow != 0;
    }

    public ClientKey withLabel(String newLabel) {
        return new ClientKey(id, projectId, newLabel, publicKey, secretKey, active, createdMicros,
                rateLimitCount, rateLimitWindow, browserSdkVersion, loaderOptions, useCase);
    }

    public ClientKey withActive(boolean isActive) {
        return new ClientKey(id, projectId, label, publicKey, secretKey, isActive, createdMicros,
                rateLimitCount, rateLimitWindow, browserSdkVersion, loaderOptions, useCase);
    }

    public ClientKey withRateLimit(int count, int window) {
        return new ClientKey(id, projectId, label, publicKey, secretKey, active, createdMicros,
                count, window, browserSdkVersion, loaderOptions, useCase);
    }

    public ClientKey withBrowserSdkVersion(String version) {
        return new ClientKey(id, projectId, label, publicKey, secretKey, active, createdMicros,
                rateLimitCount, rateLimitWindow, version, loaderOptions, useCase);
    }

    public ClientKey withLoaderOptions(int bits) {
        return new ClientKey(id, projectId, label, publicKey, secretKey, active, createdMicros,
                rateLimitCount, rateLimitWindow, browserSdkVersion, bits, useCase);
    }
}
