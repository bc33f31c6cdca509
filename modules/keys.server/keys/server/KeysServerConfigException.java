package keys.server;

/**
 * The builder's configuration is invalid or contradictory (say, {@code inMemory()} with
 * {@code dataDirectory()}); the message names the setting as {@code keys serve} spells it.
 */
public final class KeysServerConfigException extends KeysServerException {
    private static final long serialVersionUID = 1L;

    public KeysServerConfigException(String message) {
        super(message, null);
    }
}
