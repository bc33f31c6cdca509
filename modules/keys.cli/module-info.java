/** The `keys` launcher. */
module keys.cli {
    requires keys.server;
    requires jdk.unsupported; // sun.misc.Signal, reached through method handles: see Signals
}
