package keys.cli;

import java.lang.reflect.Proxy;

/**
 * SIGTERM and SIGINT handling: the first signal starts a graceful stop, a second one exits at
 * once. A shutdown hook alone cannot do either (the JVM exits 143 and ignores a second signal),
 * so this uses {@code sun.misc.Signal} — by reflection, since javac flags any direct use of it
 * as proprietary API, and our build treats warnings as errors. Without it, a shutdown hook.
 */
final class Signals {
    private Signals() {
    }

    /** Runs {@code graceful} on the first TERM/INT (its own thread); halts at once on a second. */
    static void onStop(Runnable graceful) {
        Object[] state = {Boolean.FALSE};
        Runnable handler = () -> {
            synchronized (state) {
                if (state[0] == Boolean.TRUE) {
                    Runtime.getRuntime().halt(1);
                }
                state[0] = Boolean.TRUE;
            }
            Thread t = new Thread(graceful, "keys-shutdown");
            t.setDaemon(false); // signal threads are daemons; this one must keep the JVM up until it halts
            t.start();
        };
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerType},
                    (p, method, args) -> {
                        if (method.getName().equals("handle")) {
                            handler.run();
                        }
                        return null;
                    });
            for (String name : new String[] {"TERM", "INT"}) {
                Object sig = signal.getConstructor(String.class).newInstance(name);
                signal.getMethod("handle", signal, handlerType).invoke(null, sig, proxy);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(graceful, "keys-shutdown"));
        }
    }
}
