package keys.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one in-memory test-mode {@code keys} server for the annotated test class, in-process, on
 * a free loopback port ({@code 127.0.0.1:0}), and closes it after the class. Test-method and
 * constructor parameters of type {@link keys.server.KeysServer} receive it (its {@code url()},
 * {@code adminToken()} and control methods). Nested classes share their enclosing class's server;
 * classes running in parallel share nothing.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(KeysServerExtension.class)
@SuppressWarnings("exports") // the extension stays package-private: JUnit reaches it through `opens`
public @interface KeysServerTest {
    /** The value of {@link #seed()} that means "no seed": secrets are then truly random. */
    long NO_SEED = Long.MIN_VALUE;

    /**
     * Every value the server invents derives from this seed ({@code --seed}); two classes with the
     * same seed, clock and fixture see the same answers. Default {@link #NO_SEED}: no seed.
     */
    long seed() default NO_SEED;

    /** The test clock's start, an ISO-8601 instant ({@code --clock}); default "": the real time at start. */
    String clock() default "";

    /**
     * The start state, export-format JSON Lines ({@code --fixture}): a class-path resource (as
     * {@link ClassLoader#getResource}, a leading {@code /} allowed) or else a file path; default "": empty.
     */
    String fixture() default "";

    /** Reset the server to its start state before each test ({@code KeysServer.reset()}). */
    boolean resetBeforeEach() default true;
}
