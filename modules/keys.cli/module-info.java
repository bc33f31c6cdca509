/** The `keys` launcher. */
module keys.cli {
    requires keys.http;
    requires java.net.http;
}
