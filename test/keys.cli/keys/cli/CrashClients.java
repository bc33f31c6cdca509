package keys.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import keys.json.Json;

/**
 * Client threads writing keys as fast as one server answers them: create, rename and
 * (de)activate, delete, now and then a project. Every request goes into the {@link CrashLedger}
 * before it is sent and gets its outcome when the answer comes, or the connection dies with the
 * server. A thread stops at its first failed request or when asked to.
 */
final class CrashClients {
    private static final String[] PROJECTS = {"api", "web", "worker"};
    /** Around this many keys the mix of writes keeps creates and deletes in balance. */
    private static final int TARGET_KEYS = 60;

    private final CrashLedger ledger;
    private final String url;
    private final String token;
    private final String cycle;
    private final String names;
    private final HttpClient http;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;
    private volatile boolean stopping;

    /** @param cycle what messages call the cycle; @param number its number, unique names and slugs come from it */
    CrashClients(CrashLedger ledger, String url, String token, String cycle, int number) {
        this.ledger = ledger;
        this.url = url;
        this.token = token;
        this.cycle = cycle;
        this.names = "c" + number;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Starts {@code count} threads; thread 0 may also create one project, when {@code project} is set. */
    void start(int count, long seed, boolean project) {
        for (int i = 0; i < count; i++) {
            Random random = new Random(seed * 31 + i);
            boolean withProject = project && i == 0;
            String prefix = names + "-t" + i;
            threads.add(Thread.ofPlatform().name("crash-client-" + i).daemon(true)
                    .start(() -> loop(random, prefix, withProject)));
        }
    }

    /** From now on the server is shutting down: a 503 (store closed) is an answer it may give. */
    void serverStopping() {
        stopping = true;
    }

    /** Asks the threads to stop, waits for them (their requests time out within seconds), frees the client. */
    void stopAndJoin() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(30));
            if (t.isAlive()) {
                ledger.violation(cycle + ": a client thread still runs 30 s after the server died");
            }
        }
        http.shutdownNow();
    }

    private void loop(Random random, String prefix, boolean withProject) {
        int projectAt = withProject ? random.nextInt(6) : -1;
        try {
            for (int n = 0; !stop; n++) {
                boolean answered;
                if (n == projectAt) {
                    answered = createProject(prefix + "-p");
                } else {
                    answered = writeKey(random, prefix + "-" + n);
                }
                if (!answered) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            ledger.violation(cycle + ": client failed: " + e);
        }
    }

    private boolean writeKey(Random random, String name) throws InterruptedException {
        int live = ledger.liveKeys();
        int dice = random.nextInt(100);
        CrashLedger.Key key = ledger.pick(random);
        if (key == null || dice < (live < TARGET_KEYS ? 50 : 25)) {
            return create(name, PROJECTS[random.nextInt(PROJECTS.length)]);
        }
        if (dice < (live < TARGET_KEYS ? 85 : 65)) {
            return update(key, name, random.nextBoolean());
        }
        return delete(key);
    }

    private boolean create(String name, String project) throws InterruptedException {
        long projectId = ledger.demoProjectId(project);
        CrashLedger.Op op = new CrashLedger.Op(CrashLedger.Kind.CREATE, name, true, ledger.tick());
        HttpResponse<String> r = send("POST", "/api/0/projects/demo/" + project + "/keys/", "{\"name\":\"" + name + "\"}", op);
        if (r == null) {
            if (op.outcome == CrashLedger.Outcome.UNKNOWN) {
                ledger.createUnanswered(name, projectId);
            }
            return false;
        }
        if (r.statusCode() != 201) {
            ledger.violation(cycle + ": POST key answered " + r.statusCode() + " " + r.body());
            return true;
        }
        ledger.created(field(r.body(), "id"), projectId, op);
        return true;
    }

    private boolean update(CrashLedger.Key key, String name, boolean active) throws InterruptedException {
        CrashLedger.Op op = new CrashLedger.Op(CrashLedger.Kind.UPDATE, name, active, ledger.tick());
        key.add(op);
        HttpResponse<String> r = send("PUT", keyPath(key), "{\"name\":\"" + name + "\",\"isActive\":" + active + "}", op);
        if (r == null) {
            return false;
        }
        if (r.statusCode() == 200) {
            if (!name.equals(field(r.body(), "name"))) {
                ledger.violation(cycle + ": PUT " + key.id + " answered with another name: " + r.body());
            }
        } else {
            rejected(key, op, "PUT", r);
        }
        return true;
    }

    private boolean delete(CrashLedger.Key key) throws InterruptedException {
        CrashLedger.Op op = new CrashLedger.Op(CrashLedger.Kind.DELETE, null, false, ledger.tick());
        key.add(op);
        HttpResponse<String> r = send("DELETE", keyPath(key), null, op);
        if (r == null) {
            return false;
        }
        if (r.statusCode() == 204) {
            ledger.deleted(key);
        } else {
            rejected(key, op, "DELETE", r);
        }
        return true;
    }

    /** A 404 is right only when another client's delete of the key was already on its way. */
    private void rejected(CrashLedger.Key key, CrashLedger.Op op, String method, HttpResponse<String> r) {
        boolean explained = r.statusCode() == 404 && key.ops().stream()
                .anyMatch(o -> o != op && o.kind == CrashLedger.Kind.DELETE && o.start < op.end);
        if (!explained) {
            ledger.violation(cycle + ": " + method + " " + key.id + " answered " + r.statusCode() + " " + r.body()
                    + "; writes " + key.ops());
        }
    }

    private boolean createProject(String slug) throws InterruptedException {
        CrashLedger.Op op = new CrashLedger.Op(CrashLedger.Kind.CREATE, slug, true, ledger.tick());
        HttpResponse<String> r = send("POST", "/api/0/teams/demo/backend/projects/",
                "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\"}", op);
        if (r == null) {
            if (op.outcome == CrashLedger.Outcome.UNKNOWN) {
                ledger.projectUnanswered(slug);
            }
            return false;
        }
        if (r.statusCode() != 201) {
            ledger.violation(cycle + ": POST project answered " + r.statusCode() + " " + r.body());
            return true;
        }
        ledger.projectCreated(Long.parseLong(field(r.body(), "id")), slug);
        return true;
    }

    /** Sends one write and records its outcome in {@code op}; null when no answer came. */
    private HttpResponse<String> send(String method, String path, String body, CrashLedger.Op op)
            throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            op.outcome = CrashLedger.Outcome.NOT_SENT; // refused: not one byte reached a server
            ledger.notSent.incrementAndGet();
            return null;
        } catch (IOException e) {
            op.outcome = CrashLedger.Outcome.UNKNOWN;
            ledger.unknown.incrementAndGet();
            return null;
        }
        op.end = ledger.tick();
        int status = r.statusCode();
        if (status >= 200 && status < 300) {
            op.outcome = CrashLedger.Outcome.ACKED;
            ledger.acknowledged.incrementAndGet();
        } else if (status >= 400 && status < 500) {
            op.outcome = CrashLedger.Outcome.REJECTED;
            ledger.rejected.incrementAndGet();
        } else {
            op.outcome = CrashLedger.Outcome.UNKNOWN; // a 5xx promises nothing either way
            ledger.unknown.incrementAndGet();
            if (!(stopping && status == 503)) {
                ledger.violation(cycle + ": " + method + " " + path + " answered " + status + " " + r.body());
            }
            return null;
        }
        return r;
    }

    /** By project id, which the key routes take as well as a slug. */
    private static String keyPath(CrashLedger.Key key) {
        return "/api/0/projects/demo/" + key.projectId + "/keys/" + key.id + "/";
    }

    static String field(String json, String name) {
        Object v = ((Map<?, ?>) Json.parse(json)).get(name);
        if (!(v instanceof String s)) {
            throw new IllegalStateException("no string " + name + " in " + json);
        }
        return s;
    }
}
