package keys.http;

import keys.store.Store;

/** The pieces every handler may need: the store, the configuration and the routes. */
final class Api {
    final Store store;
    final ServerConfig config;
    final Metrics metrics;
    final RateLimiter rateLimiter;
    final Router router;

    Api(Store store, ServerConfig config) {
        this.store = store;
        this.config = config;
        this.metrics = new Metrics();
        this.rateLimiter = config.rateLimits() ? new RateLimiter() : null;
        this.router = Routes.build(this);
    }
}
