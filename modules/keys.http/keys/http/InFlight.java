package keys.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;

/**
 * The requests our dispatcher is working on, counted by us: the JDK server's own count misses
 * exchanges that ended without a complete response (a body cut off by the client, a malformed
 * chunk), so its {@code stop(grace)} would wait the whole grace period after one. A stop waits
 * for this count instead, and closes the connections of requests still reading their body
 * (their client is slow or gone; nothing was answered yet).
 */
final class InFlight {
    private final Set<HttpExchange> reading = ConcurrentHashMap.newKeySet();
    private int count; // guarded by this
    private volatile boolean stopping;

    synchronized void enter() {
        count++;
    }

    synchronized int count() {
        return count;
    }

    synchronized void exit() {
        if (--count == 0) {
            notifyAll();
        }
    }

    /** The exchange is about to read its request body; false once stopping (then it was closed). */
    boolean startReading(HttpExchange exchange) {
        reading.add(exchange);
        if (stopping) { // a stop may have swept the set before the add: close it here
            reading.remove(exchange);
            exchange.close();
            return false;
        }
        return true;
    }

    void doneReading(HttpExchange exchange) {
        reading.remove(exchange);
    }

    /**
     * Closes the connections of requests still reading a body, then waits until no request is
     * in flight or {@code graceNanos} have passed.
     */
    void drain(long graceNanos) {
        stopping = true;
        for (HttpExchange e : reading) {
            // Before its response headers, closing an exchange closes its connection: the
            // handler's blocked read fails at once and the handler ends.
            e.close();
        }
        long deadline = System.nanoTime() + graceNanos;
        synchronized (this) {
            long left;
            while (count > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
