/** The `keys` launcher. */
module keys.cli {
    requires keys.http;
    requires jdk.unsupported; // sun.misc.Signal, reached by reflection: see Signals
}
