package keys.http;

import keys.domain.Sources;
import keys.store.Store;

/** The pieces every handler may need: the store, the configuration, the clock and randomness, the routes. */
final class Api {
    final Store store;
    final ServerConfig config;
    /** This server's own clock and randomness. */
    final Sources sources;
    final Metrics metrics;
    final RateLimiter rateLimiter;
    final Router router;
    /** Test mode's controls; null otherwise. */
    final TestControl control;
    /** Its HTTP face under {@code /_keys/}; null unless in test mode. */
    final ControlApi controlApi;

    Api(Store store, ServerConfig config, Sources sources) {
        this(store, config, sources, null);
    }

    Api(Store store, ServerConfig config, Sources sources, TestControl control) {
        this.store = store;
        this.config = config;
        this.sources = sources;
        this.metrics = new Metrics();
        this.rateLimiter = config.rateLimits() ? new RateLimiter(() -> sources.nowMicros() / 1000) : null;
        this.router = Routes.build(this);
        this.control = control;
        this.controlApi = control == null ? null : new ControlApi(control, this);
        if (control != null && rateLimiter != null) {
            control.onReset(rateLimiter::clear);
        }
    }
}
