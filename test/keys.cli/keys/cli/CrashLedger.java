package keys.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the crash harness's clients sent and what the answers imply, and the check of a restarted
 * server against it. Each key is a register written by create, update and delete; its stored
 * value after a crash must be the value of some write that was acknowledged or unanswered and
 * that no acknowledged write started after the answer of (a logical clock orders sends and
 * answers). An acknowledged delete is final. After each check the ledger adopts what it saw, so
 * the next cycle starts from an exact picture.
 */
final class CrashLedger {
    enum Kind { CREATE, UPDATE, DELETE }

    /** ACKED: a 2xx; REJECTED: a 4xx, no effect; NOT_SENT: connection refused; UNKNOWN: no answer. */
    enum Outcome { PENDING, ACKED, REJECTED, NOT_SENT, UNKNOWN }

    /** A key as the server lists it. */
    record SeenKey(String id, long projectId, String name, boolean active) {
    }

    /** A project as the server lists it. */
    record SeenProject(long id, String slug) {
    }

    /** One write to one key. Outcome and end are set by the client thread that sent it. */
    static final class Op {
        final Kind kind;
        final String name;
        final boolean active;
        final long start;
        long end = Long.MAX_VALUE;
        Outcome outcome = Outcome.PENDING;

        Op(Kind kind, String name, boolean active, long start) {
            this.kind = kind;
            this.name = name;
            this.active = active;
            this.start = start;
        }

        boolean mayHaveHappened() {
            return outcome == Outcome.ACKED || outcome == Outcome.UNKNOWN || outcome == Outcome.PENDING;
        }

        @Override
        public String toString() {
            return kind + (kind == Kind.DELETE ? "" : "(" + name + "," + active + ")") + " " + outcome
                    + " [" + start + "," + (end == Long.MAX_VALUE ? "-" : end) + "]";
        }
    }

    /** A key some client created; its writes in order of sending. */
    static final class Key {
        final String id;
        final long projectId;
        private final List<Op> ops = new ArrayList<>();

        Key(String id, long projectId) {
            this.id = id;
            this.projectId = projectId;
        }

        synchronized void add(Op op) {
            ops.add(op);
        }

        synchronized List<Op> ops() {
            return List.copyOf(ops);
        }

        synchronized boolean hasDeleteStartedBefore(long time) {
            return ops.stream().anyMatch(o -> o.kind == Kind.DELETE && o.start < time);
        }
    }

    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong unknown = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong notSent = new AtomicLong();
    private final AtomicLong clock = new AtomicLong();
    private final Map<String, Long> demoProjects;
    private final Map<String, SeenKey> demoKeys;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final List<Key> live = new ArrayList<>(); // guarded by itself: keys not known deleted
    private final Map<String, Long> unknownCreates = new ConcurrentHashMap<>(); // name -> project id
    private final Map<Long, String> projects = new ConcurrentHashMap<>(); // created by clients: id -> slug
    private final Map<String, Boolean> unknownProjects = new ConcurrentHashMap<>();
    private final List<String> lost = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    /** Starts from the demo organization as first seen: these projects and keys must never change. */
    CrashLedger(List<SeenProject> demoProjects, List<SeenKey> demoKeys) {
        this.demoProjects = new LinkedHashMap<>();
        demoProjects.forEach(p -> this.demoProjects.put(p.slug(), p.id()));
        this.demoKeys = new LinkedHashMap<>();
        demoKeys.forEach(k -> this.demoKeys.put(k.id(), k));
    }

    long tick() {
        return clock.incrementAndGet();
    }

    long demoProjectId(String slug) {
        Long id = demoProjects.get(slug);
        if (id == null) {
            throw new IllegalArgumentException("no demo project " + slug);
        }
        return id;
    }

    int liveKeys() {
        synchronized (live) {
            return live.size();
        }
    }

    /** A random key not known to be deleted, or null. */
    Key pick(Random random) {
        synchronized (live) {
            return live.isEmpty() ? null : live.get(random.nextInt(live.size()));
        }
    }

    void created(String id, long projectId, Op create) {
        Key k = new Key(id, projectId);
        k.add(create);
        keys.put(id, k);
        synchronized (live) {
            live.add(k);
        }
    }

    void deleted(Key k) {
        synchronized (live) {
            live.remove(k);
        }
    }

    void createUnanswered(String name, long projectId) {
        unknownCreates.put(name, projectId);
    }

    void projectCreated(long id, String slug) {
        projects.put(id, slug);
    }

    void projectUnanswered(String slug) {
        unknownProjects.put(slug, Boolean.TRUE);
    }

    /** An answer that no correct server gives, seen while the clients ran. */
    void violation(String what) {
        violations.add(what);
    }

    List<String> lost() {
        return List.copyOf(lost);
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    int projectsCreated() {
        return projects.size();
    }

    /**
     * Compares what a restarted server lists with the ledger, records every acknowledged write
     * that is missing ({@link #lost()}) and every state no sequence of the writes sent explains
     * ({@link #violations()}), then adopts what it saw. Call with no client running.
     */
    void verify(String cycle, List<SeenProject> seenProjects, List<SeenKey> seenKeys) {
        Map<Long, String> projectById = new HashMap<>();
        for (SeenProject p : seenProjects) {
            projectById.put(p.id(), p.slug());
            Long demo = demoProjects.get(p.slug());
            if (demo != null) {
                if (demo != p.id()) {
                    violations.add(cycle + ": demo project " + p.slug() + " has id " + p.id() + ", was " + demo);
                }
            } else if (!projects.containsKey(p.id())) {
                if (unknownProjects.remove(p.slug()) != null) {
                    projects.put(p.id(), p.slug());
                } else {
                    violations.add(cycle + ": project nobody created: " + p);
                }
            }
        }
        demoProjects.forEach((slug, id) -> {
            if (!projectById.containsKey(id)) {
                lost.add(cycle + ": demo project " + slug + " is gone");
            }
        });
        for (Map.Entry<Long, String> p : projects.entrySet()) {
            if (!projectById.containsKey(p.getKey())) {
                lost.add(cycle + ": acknowledged project " + p.getValue() + " (" + p.getKey() + ") is gone");
            }
        }
        unknownProjects.clear();

        Map<String, SeenKey> byId = new HashMap<>();
        Map<Long, Integer> defaults = new HashMap<>();
        for (SeenKey s : seenKeys) {
            if (byId.put(s.id(), s) != null) {
                violations.add(cycle + ": key listed twice: " + s.id());
            }
            if (demoKeys.containsKey(s.id()) || keys.containsKey(s.id())) {
                continue;
            }
            if (projects.containsKey(s.projectId())) {
                if (!s.name().equals("Default") || !s.active()) {
                    violations.add(cycle + ": a created project holds a key it never got: " + s);
                }
                defaults.merge(s.projectId(), 1, Integer::sum);
                continue;
            }
            Long wanted = unknownCreates.remove(s.name());
            if (wanted != null && wanted == s.projectId() && s.active()) {
                Key adopted = new Key(s.id(), s.projectId());
                adopted.add(base(s));
                keys.put(s.id(), adopted);
                synchronized (live) {
                    live.add(adopted);
                }
            } else {
                violations.add(cycle + ": key no client created: " + s);
            }
        }
        unknownCreates.clear();
        for (SeenKey demo : demoKeys.values()) {
            SeenKey now = byId.get(demo.id());
            if (!demo.equals(now)) {
                lost.add(cycle + ": demo key changed from " + demo + " to " + now);
            }
        }
        for (Map.Entry<Long, String> p : projects.entrySet()) {
            int n = defaults.getOrDefault(p.getKey(), 0);
            if (projectById.containsKey(p.getKey()) && n != 1) {
                violations.add(cycle + ": project " + p.getValue() + " has " + n + " Default keys (half-applied create?)");
            }
        }
        for (Key k : List.copyOf(keys.values())) {
            verifyKey(cycle, k, byId.get(k.id));
        }
    }

    private void verifyKey(String cycle, Key k, SeenKey seen) {
        List<Op> ops = k.ops();
        if (seen != null && seen.projectId() != k.projectId) {
            violations.add(cycle + ": key " + k.id + " moved to project " + seen.projectId() + " from " + k.projectId);
        }
        boolean ackedDelete = ops.stream().anyMatch(o -> o.kind == Kind.DELETE && o.outcome == Outcome.ACKED);
        List<Op> candidates = ops.stream().filter(Op::mayHaveHappened)
                .filter(o -> ops.stream().noneMatch(l -> l.outcome == Outcome.ACKED && l.start > o.end))
                .toList();
        if (ackedDelete && seen != null) {
            lost.add(cycle + ": acknowledged delete of " + k.id + " undone, listed as " + seen + "; writes " + ops);
        } else if (!ackedDelete && seen == null && candidates.stream().noneMatch(o -> o.kind == Kind.DELETE)) {
            lost.add(cycle + ": key " + k.id + " is gone, nothing that may have happened deleted it; writes " + ops);
        } else if (seen != null && candidates.stream().noneMatch(o -> o.kind != Kind.DELETE
                && o.name.equals(seen.name()) && o.active == seen.active())) {
            boolean everSent = ops.stream().anyMatch(o -> o.kind != Kind.DELETE && o.name.equals(seen.name())
                    && o.active == seen.active());
            String what = cycle + ": key " + k.id + " holds (" + seen.name() + "," + seen.active() + "); writes " + ops;
            if (everSent) {
                lost.add(what + " (a later acknowledged write is missing)");
            } else {
                violations.add(what + " (a value nobody wrote)");
            }
        }
        if (seen == null) {
            keys.remove(k.id);
            deleted(k);
        } else {
            synchronized (k) {
                k.ops.clear();
                k.ops.add(base(seen));
            }
            synchronized (live) {
                if (!live.contains(k)) {
                    live.add(k);
                }
            }
        }
    }

    /** What the last check saw, as an acknowledged write before anything the next cycle sends. */
    private Op base(SeenKey seen) {
        Op op = new Op(Kind.UPDATE, seen.name(), seen.active(), tick());
        op.outcome = Outcome.ACKED;
        op.end = tick();
        return op;
    }
}
