/** The HTTP API on com.sun.net.httpserver. */
module keys.http {
    requires transitive keys.store;
    requires jdk.httpserver;
    exports keys.http;
}
