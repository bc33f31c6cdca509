/**
 * JUnit Jupiter support: {@link keys.junit.KeysServerTest} starts a test-mode {@code keys} server
 * per test class. Built by {@code ./build.sh test} and {@code ./build.sh install} only; never in
 * the runtime image.
 */
module keys.junit {
    requires transitive keys.server;
    requires transitive org.junit.jupiter.api; // @KeysServerTest carries JUnit's @ExtendWith
    exports keys.junit;
    // JUnit instantiates the (package-private) extension reflectively.
    opens keys.junit to org.junit.platform.commons;
}
