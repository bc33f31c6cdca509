package keys.server;

/**
 * {@link KeysServer.Builder#start()} could not start a server: the port is in use, the data
 * directory is held by another server or damaged, the file system failed. Nothing it started is
 * left running. {@link KeysServerConfigException}, a subtype, means the configuration itself is
 * wrong (what {@code keys serve} reports as a usage error, exit 2).
 */
public class KeysServerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KeysServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
