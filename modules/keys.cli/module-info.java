/** The `keys` launcher. */
module keys.cli {
    requires keys.server;
    requires java.net.http;
    requires jdk.unsupported; // sun.misc.Signal, reached by reflection: see Signals
}
