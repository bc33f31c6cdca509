package keys.http;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.UseCase;

/**
 * A mixed read/write load on a {@link TestServer} for a bounded time, from several client threads
 * over {@link HttpClient} on loopback: organization-wide key pages (walking a few cursors), one
 * project's keys, key create/read/update/delete, project create/delete, and tokens minted, used,
 * revoked and refused. Each thread writes only its own project and keys, so every answer has one
 * right status; anything else is counted as an error with a description. Shared by
 * {@code SoakTest} (seconds) and {@code keys.bench.SoakBench} (minutes).
 */
public final class MixedLoad {
    /** What a thread does next, by weight. */
    public enum Operation {
        LIST_ORG_PAGES(25), LIST_PROJECT(10), CREATE_KEY(15), GET_KEY(5), UPDATE_KEY(10), DELETE_KEY(10),
        CREATE_PROJECT(5), DELETE_PROJECT(5), TOKEN_ROUND_TRIP(5), REFUSED(10);

        final int weight;

        Operation(int weight) {
            this.weight = weight;
        }
    }

    /** Counts, latency percentiles (milliseconds) and the first few unexpected answers. */
    public record Report(long requests, long errors, long serverErrors, double p50Ms, double p99Ms,
                         Map<Operation, Long> operations, List<String> problems) {
    }

    static final String ORG = "soak";
    static final int SHARED_PROJECTS = 8;
    static final int KEYS_PER_SHARED_PROJECT = 30;
    /** Each thread keeps at most this many keys of its own, so the store stays the same size. */
    static final int MAX_OWN_KEYS = 20;
    static final int MAX_PROBLEMS = 20;
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"; results=\"true\"");
    private static final Pattern STRING_FIELD = Pattern.compile("\"(id|public|token)\":\"([^\"]*)\"");

    private final TestServer ts;
    private final int threads;
    private final HttpClient client;
    private final String ownerToken;
    private final String readerToken;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLongArray operations = new AtomicLongArray(Operation.values().length);
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    /** Seeds the organization: shared projects full of keys, one home project per thread, two users. */
    public MixedLoad(TestServer ts, int threads) {
        this.ts = ts;
        this.threads = threads;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Seed seed = ts.seed();
        Organization org = seed.org(ORG);
        Team team = seed.team(org, "core");
        for (int p = 0; p < SHARED_PROJECTS; p++) {
            Project project = seed.project(org, "shared-" + p, team);
            for (int k = 0; k < KEYS_PER_SHARED_PROJECT; k++) {
                seed.key(project, "k" + k, k % 3 != 0, UseCase.USER);
            }
        }
        for (int t = 0; t < threads; t++) {
            seed.project(org, "home-" + t, team);
        }
        ownerToken = seed.memberToken(org, "owner@soak.test", OrgRole.OWNER, team);
        readerToken = seed.token(memberUser(seed, org, team), Scope.ORG_READ, Scope.PROJECT_READ);
    }

    private static keys.domain.User memberUser(Seed seed, Organization org, Team team) {
        keys.domain.User u = seed.user("reader@soak.test");
        seed.member(org, u, OrgRole.MEMBER, team);
        return u;
    }

    /** Runs every thread for {@code seconds}; returns once all have stopped. */
    public Report run(double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Worker> workers = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Worker w = new Worker(t, deadline, new SplittableRandom(System.nanoTime() + t));
            workers.add(w);
            running.add(Thread.ofPlatform().name("mixed-load-" + t).start(w::loop));
        }
        for (Thread t : running) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        int total = workers.stream().mapToInt(w -> w.count).sum();
        long[] all = new long[total];
        int at = 0;
        for (Worker w : workers) {
            System.arraycopy(w.nanos, 0, all, at, w.count);
            at += w.count;
        }
        Arrays.sort(all);
        Map<Operation, Long> ops = new EnumMap<>(Operation.class);
        for (Operation o : Operation.values()) {
            ops.put(o, operations.get(o.ordinal()));
        }
        return new Report(requests.get(), errors.get(), serverErrors.get(), percentile(all, 0.50) / 1e6,
                percentile(all, 0.99) / 1e6, ops, List.copyOf(problems));
    }

    /** Heap in use after a few full collections, in bytes. */
    public static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** One client thread: its own project, keys and scratch projects. */
    private final class Worker {
        final int id;
        final long deadline;
        final SplittableRandom random;
        final String home;
        final Deque<String> ownKeys = new ArrayDeque<>();
        final Deque<String> scratch = new ArrayDeque<>();
        int made;
        long[] nanos = new long[4096];
        int count;

        Worker(int id, long deadline, SplittableRandom random) {
            this.id = id;
            this.deadline = deadline;
            this.random = random;
            this.home = "/api/0/projects/" + ORG + "/home-" + id + "/keys/";
        }

        void loop() {
            while (System.nanoTime() < deadline) {
                Operation op = pick();
                operations.incrementAndGet(op.ordinal());
                try {
                    perform(op);
                } catch (RuntimeException e) {
                    problem(op + " threw " + e);
                }
            }
        }

        private Operation pick() {
            int total = 0;
            for (Operation o : Operation.values()) {
                total += o.weight;
            }
            int r = random.nextInt(total);
            for (Operation o : Operation.values()) {
                r -= o.weight;
                if (r < 0) {
                    return o;
                }
            }
            throw new AssertionError();
        }

        private void perform(Operation op) {
            switch (op) {
                case LIST_ORG_PAGES -> {
                    String[] filters = {"", "&status=active", "&project=-1", "&team=core", "&status=inactive&project=-1"};
                    String uri = ts.url + "/api/0/organizations/" + ORG + "/project-keys/?per_page=" + (10 + random.nextInt(41))
                            + filters[random.nextInt(filters.length)];
                    for (int page = 0; page < 3 && uri != null; page++) {
                        HttpResponse<String> r = call(op, "GET", URI.create(uri), ownerToken, null, 200);
                        uri = r == null ? null : next(r);
                    }
                }
                case LIST_PROJECT -> call(op, "GET", home + "?per_page=50", random.nextBoolean() ? ownerToken : readerToken,
                        null, 200);
                case CREATE_KEY -> createKey(op);
                case GET_KEY -> {
                    if (ownKeys.isEmpty()) {
                        createKey(op);
                    } else {
                        call(op, "GET", home + ownKeys.peekLast() + "/", readerToken, null, 200);
                    }
                }
                case UPDATE_KEY -> {
                    if (ownKeys.isEmpty()) {
                        createKey(op);
                    } else {
                        call(op, "PUT", home + ownKeys.peekFirst() + "/", ownerToken,
                                "{\"name\":\"renamed " + made + "\",\"isActive\":" + random.nextBoolean() + "}", 200);
                    }
                }
                case DELETE_KEY -> {
                    if (!ownKeys.isEmpty()) {
                        call(op, "DELETE", home + ownKeys.pollFirst() + "/", ownerToken, null, 204);
                    }
                }
                case CREATE_PROJECT -> {
                    String slug = "scratch-" + id + "-" + made++;
                    if (call(op, "POST", "/api/0/teams/" + ORG + "/core/projects/", ownerToken,
                            "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\"}", 201) != null) {
                        scratch.add(slug);
                    }
                    if (scratch.size() > 3) {
                        deleteProject(op);
                    }
                }
                case DELETE_PROJECT -> deleteProject(op);
                case TOKEN_ROUND_TRIP -> tokenRoundTrip(op);
                default -> refused(op);
            }
        }

        private void createKey(Operation op) {
            if (ownKeys.size() >= MAX_OWN_KEYS) {
                call(op, "DELETE", home + ownKeys.pollFirst() + "/", ownerToken, null, 204);
                return;
            }
            HttpResponse<String> r = call(op, "POST", home, ownerToken, "{\"name\":\"own " + made++ + "\"}", 201);
            String pub = r == null ? null : field(r.body(), "public");
            if (pub != null) {
                ownKeys.add(pub);
            }
        }

        private void deleteProject(Operation op) {
            String slug = scratch.pollFirst();
            if (slug != null) {
                call(op, "DELETE", "/api/0/projects/" + ORG + "/" + slug + "/", ownerToken, null, 204);
            }
        }

        /** Mint a token, use it, revoke it, and find it refused afterwards. */
        private void tokenRoundTrip(Operation op) {
            HttpResponse<String> minted = call(op, "POST", "/api/0/api-tokens/", ownerToken,
                    "{\"scopes\":[\"org:read\",\"project:read\"]}", 201);
            if (minted == null) {
                return;
            }
            String token = field(minted.body(), "token");
            String tokenId = field(minted.body(), "id");
            call(op, "GET", "/api/0/organizations/" + ORG + "/projects/?per_page=5", token, null, 200);
            call(op, "GET", "/api/0/api-tokens/", token, null, 200);
            call(op, "DELETE", "/api/0/api-tokens/" + tokenId + "/", ownerToken, null, 204);
            call(op, "GET", "/api/0/organizations/" + ORG + "/project-keys/", token, null, 401);
        }

        /** Requests that must be turned away, and how. */
        private void refused(Operation op) {
            switch (random.nextInt(4)) {
                case 0 -> call(op, "POST", home, readerToken, "{}", 403);
                case 1 -> call(op, "GET", "/api/0/organizations/" + ORG + "/project-keys/", "sntryu_" + "0".repeat(64),
                        null, 401);
                case 2 -> call(op, "GET", home + "0123456789abcdef0123456789abcdef/", ownerToken, null, 404);
                default -> call(op, "GET", "/api/0/organizations/" + ORG + "/project-keys/?team=no-such-team",
                        ownerToken, null, 404);
            }
        }

        private HttpResponse<String> call(Operation op, String method, String path, String token, String body, int want) {
            return call(op, method, URI.create(ts.url + path), token, body, want);
        }

        /** One request, timed; null (and a problem noted) unless the status is {@code want}. */
        private HttpResponse<String> call(Operation op, String method, URI uri, String token, String body, int want) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            long t0 = System.nanoTime();
            HttpResponse<String> r;
            try {
                r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                requests.incrementAndGet();
                problem(op + " " + method + " " + uri.getRawPath() + " failed: " + e);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            record(System.nanoTime() - t0);
            requests.incrementAndGet();
            if (r.statusCode() >= 500) {
                serverErrors.incrementAndGet();
            }
            if (r.statusCode() != want) {
                String text = r.body() == null ? "" : r.body();
                problem(op + " " + method + " " + uri.getRawPath() + " → " + r.statusCode() + " (want " + want + ") "
                        + text.substring(0, Math.min(200, text.length())));
                return null;
            }
            return r;
        }

        private void record(long n) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = n;
        }

        private void problem(String what) {
            errors.incrementAndGet();
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(what);
            }
        }
    }

    /** The next page's URL from the {@code Link} header, or null on the last page. */
    static String next(HttpResponse<String> r) {
        Matcher m = NEXT.matcher(r.headers().firstValue("Link").orElse(""));
        return m.find() ? m.group(1) : null;
    }

    /** The first {@code "name":"value"} of a flat JSON object (id, public or token). */
    static String field(String json, String name) {
        Matcher m = STRING_FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }
}
