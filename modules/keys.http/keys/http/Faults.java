package keys.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import keys.domain.Sources;

/**
 * Test mode's active faults (test-mode.md §3.5), in the order added; the first that matches a
 * request and wins its probability draw answers it. Matched on the raw path before routing, so
 * a fault can answer for a path that does not exist.
 */
final class Faults {
    private final Sources sources;
    private final List<Active> active = new ArrayList<>(); // guarded by this
    private long lastId; // guarded by this

    private static final class Active {
        final String id;
        final FaultSpec spec;
        final String[] parts; // the path's segments, {name} for any one
        Integer remaining;

        Active(String id, FaultSpec spec) {
            this.id = id;
            this.spec = spec;
            this.parts = Route.split(spec.path());
            this.remaining = spec.times();
        }

        Fault view() {
            return new Fault(id, spec, remaining);
        }
    }

    Faults(Sources sources) {
        this.sources = sources;
    }

    synchronized Fault add(FaultSpec spec) {
        Active a = new Active("f" + ++lastId, spec);
        active.add(a);
        return a.view();
    }

    synchronized List<Fault> list() {
        return active.stream().map(Active::view).toList();
    }

    synchronized boolean remove(String id) {
        return active.removeIf(a -> a.id.equals(id));
    }

    /** Removes every fault; ids start again at {@code f1} when {@code restartIds}. */
    synchronized void clear(boolean restartIds) {
        active.clear();
        if (restartIds) {
            lastId = 0;
        }
    }

    /** The fault that answers this request, counted as used; null when none does. */
    synchronized Fault hit(String method, String rawPath) {
        if (active.isEmpty()) {
            return null;
        }
        String[] segments = Route.split(rawPath);
        boolean slash = rawPath.endsWith("/");
        for (Iterator<Active> it = active.iterator(); it.hasNext(); ) {
            Active a = it.next();
            if (a.spec.method() != null && !a.spec.method().equals(method)
                    || a.spec.path().endsWith("/") != slash || !matches(a.parts, segments)) {
                continue;
            }
            if (a.spec.probability() < 1 && sources.nextDouble(Sources.Purpose.FAULTS) >= a.spec.probability()) {
                continue;
            }
            if (a.remaining != null && --a.remaining == 0) {
                it.remove();
            }
            return new Fault(a.id, a.spec, a.remaining);
        }
        return null;
    }

    private static boolean matches(String[] parts, String[] segments) {
        if (parts.length != segments.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            boolean any = p.length() > 2 && p.startsWith("{") && p.endsWith("}");
            if (any ? segments[i].isEmpty() : !p.equals(segments[i])) {
                return false;
            }
        }
        return true;
    }
}
