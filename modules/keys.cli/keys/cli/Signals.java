package keys.cli;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * SIGTERM and SIGINT: the first signal starts a graceful stop, a second one exits at once.
 *
 * <p>The graceful stop is a shutdown hook, which the JVM runs on the first TERM or INT (and HUP);
 * it ends in {@link Runtime#halt} with its own status, not the JVM's 143. A second signal would
 * only wait for the hook, so the hook first takes TERM and INT over with {@code sun.misc.Signal},
 * whose handler halts at once. That handler is an object of a class made at run time (a lambda
 * through {@link LambdaMetafactory}: javac flags any direct use of {@code sun.misc.Signal} as
 * proprietary API, and our build treats warnings as errors), and making the first such class
 * costs ~10 ms of CPU on a small box: it is made when a stop begins rather than on every start.
 */
final class Signals {
    private Signals() {
    }

    /**
     * Runs {@code graceful} on the first TERM/INT, on a thread of its own that the JVM waits for:
     * it must end the process ({@link Runtime#halt}); a second signal halts with status 1. Returns
     * what undoes this, so that an exit for another reason keeps its own status.
     */
    static Runnable onStop(Runnable graceful) {
        Thread hook = new Thread(() -> {
            haltOnNextSignal();
            graceful.run();
        }, "keys-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException stopping) {
                // a signal came first: the graceful stop runs
            }
        };
    }

    private static void haltOnNextSignal() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            // new SignalHandler() { void handle(Signal s) { halt(s); } }
            MethodType handle = MethodType.methodType(void.class, signal);
            MethodHandle halt = lookup.findStatic(Signals.class, "halt", MethodType.methodType(void.class, Object.class));
            Object handler = LambdaMetafactory.metafactory(lookup, "handle", MethodType.methodType(handlerType),
                    handle, halt, handle).getTarget().invoke();
            MethodHandle newSignal = lookup.findConstructor(signal, MethodType.methodType(void.class, String.class));
            MethodHandle install = lookup.findStatic(signal, "handle", MethodType.methodType(handlerType, signal, handlerType));
            for (String name : new String[] {"TERM", "INT"}) {
                install.invoke(newSignal.invoke(name), handler);
            }
        } catch (Error e) {
            throw e;
        } catch (Throwable e) { // MethodHandle.invoke declares Throwable; any exception: no sun.misc.Signal here
            // A second signal then waits for the graceful stop, which ends within its grace period.
        }
    }

    /** The second signal's handler ({@code signal} is a {@code sun.misc.Signal}). */
    private static void halt(Object signal) {
        Runtime.getRuntime().halt(1);
    }
}
