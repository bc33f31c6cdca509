/** The `keys` launcher. */
module keys.cli {
    requires keys.server;
    requires jdk.unsupported; // sun.misc.Signal, reached by reflection: see Signals
}
