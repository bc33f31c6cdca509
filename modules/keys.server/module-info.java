/**
 * The composition root: turns a configuration into a running server ({@link keys.server.KeysServer}),
 * for {@code keys serve} and for programs that embed {@code keys}.
 */
module keys.server {
    requires transitive keys.store;
    requires transitive keys.http;
    exports keys.server;
}
