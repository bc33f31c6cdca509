package keys.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kills a real {@code keys serve} with SIGKILL while clients write keys, over and over on one data
 * directory, and after each kill checks what durability promises (interface §5): {@code keys check}
 * finds no damage, every acknowledged write is there after the restart, and nothing shows that no
 * sequence of the writes sent explains (see {@link CrashLedger}). A small compaction threshold
 * makes kills land inside compactions too; cycles alternate {@code --fsync batch} and
 * {@code always}. Beside the plain kill under load, some kills come just after a SIGTERM (inside
 * the graceful shutdown), some hit the server while it starts up and recovers, and some hit an
 * offline {@code keys compact}.
 */
public final class CrashHarness {
    static final String ADMIN = "sntryu_" + "c0ffee0123456789".repeat(4);
    private static final String[] FSYNC = {"batch", "always"};

    /**
     * @param budget stop starting cycles once this much time has passed (null: run them all)
     * @param startupKillPercent, compactKillPercent, sigtermPercent how often each kind of extra kill comes
     */
    public record Config(Path data, int cycles, long seed, int clients, int minKillMillis, int maxKillMillis,
                         long compactThresholdBytes, int startupKillPercent, int compactKillPercent,
                         int sigtermPercent, Duration budget) {

        /** Six clients, kills 20 ms..{@code maxKillMillis} into a cycle, compaction past 8 KiB, 10-15% of each extra kill. */
        public static Config standard(Path data, int cycles, long seed, int maxKillMillis, Duration budget) {
            return new Config(data, cycles, seed, 6, 20, maxKillMillis, 8192, 15, 10, 15, budget);
        }
    }

    /**
     * @param lost               acknowledged writes missing after a restart (must be empty)
     * @param violations         other states or answers no correct server gives (must be empty)
     * @param tornTails          kills after which {@code keys check} found only a torn log tail
     * @param midCompactionKills kills that left a compaction half done (temp file, two segments or snapshots)
     * @param extraKills         kills besides one per cycle: during start-up, of {@code keys compact}, after SIGTERM
     * @param snapshots          distinct snapshots seen, i.e. compactions that completed
     */
    public record Result(long seed, int cycles, Map<String, Integer> cyclesByFsync, long acknowledged, long unknown,
                         long notSent, long rejected, List<String> lost, List<String> violations, int tornTails,
                         int midCompactionKills, Map<String, Integer> extraKills, int snapshots,
                         int projectsCreated, boolean cleanShutdown) {
        public String summary() {
            return "seed " + seed + ": " + cycles + " cycles " + cyclesByFsync + ", " + acknowledged + " writes acknowledged, "
                    + lost.size() + " lost, " + unknown + " unknown, " + notSent + " refused, " + rejected + " rejected, "
                    + violations.size() + " violations, " + tornTails + " torn tails, " + midCompactionKills
                    + " kills mid-compaction, extra kills " + extraKills + ", " + snapshots + " snapshots, "
                    + projectsCreated + " projects, clean shutdown " + cleanShutdown;
        }
    }

    private final Config config;
    private final PrintStream log;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> damage = new ArrayList<>();
    private final Set<String> snapshots = new HashSet<>();
    private final Map<String, Integer> byFsync = new LinkedHashMap<>();
    private int tornTails;
    private int midCompactionKills;
    private final Map<String, Integer> extraKills = new LinkedHashMap<>(Map.of("startup", 0, "compact", 0, "sigterm", 0));

    private CrashHarness(Config config, PrintStream log) {
        this.config = config;
        this.log = log;
        this.random = new Random(config.seed());
    }

    /** Runs the cycles; every child process is gone when this returns or throws. */
    public static Result run(Config config, PrintStream log) throws Exception {
        try {
            return new CrashHarness(config, log).cycles();
        } catch (Exception | Error e) {
            log.println("crash harness failed; seed " + config.seed());
            throw e;
        }
    }

    private Result cycles() throws Exception {
        long deadline = config.budget() == null ? Long.MAX_VALUE : System.nanoTime() + config.budget().toNanos();
        KeysProcess server = null;
        try (http) {
            server = serve(FSYNC[0], true);
            List<CrashLedger.SeenKey> initialKeys = CrashView.keys(http, server.url, ADMIN);
            List<CrashLedger.SeenProject> initialProjects = CrashView.projects(http, server.url, ADMIN);
            CrashLedger ledger = new CrashLedger(initialProjects, initialKeys);
            int done = 0;
            for (int c = 0; c < config.cycles() && System.nanoTime() < deadline; c++) {
                String mode = FSYNC[c % 2];
                String label = "cycle " + c + " (fsync " + mode + ", seed " + config.seed() + ")";
                int delay = killUnderLoad(server, ledger, label, c);
                server = null;
                afterKill(label);
                if (random.nextInt(100) < config.compactKillPercent()) {
                    killCompact(label);
                }
                if (random.nextInt(100) < config.startupKillPercent()) {
                    killDuringStartup(label, FSYNC[(c + 1) % 2]);
                }
                server = serve(FSYNC[(c + 1) % 2], false);
                List<CrashLedger.SeenKey> keys = CrashView.keys(http, server.url, ADMIN);
                ledger.verify(label, CrashView.projects(http, server.url, ADMIN), keys);
                damage.addAll(CrashAudit.violations(label, initialProjects, initialKeys, keys,
                        CrashView.auditNotes(http, server.url, ADMIN)));
                byFsync.merge(mode, 1, Integer::sum);
                done++;
                log.println("crash " + label + ": killed after " + delay + " ms; acknowledged " + ledger.acknowledged
                        + ", unknown " + ledger.unknown + ", lost " + ledger.lost().size() + ", violations "
                        + (ledger.violations().size() + damage.size()));
            }
            boolean clean = server.terminate() == 0;
            server.close();
            server = null;
            clean &= check("final check after SIGTERM", false);
            List<String> violations = new ArrayList<>(ledger.violations());
            violations.addAll(damage);
            return new Result(config.seed(), done, Map.copyOf(byFsync), ledger.acknowledged.get(), ledger.unknown.get(),
                    ledger.notSent.get(), ledger.rejected.get(), ledger.lost(), List.copyOf(violations), tornTails,
                    midCompactionKills, Map.copyOf(extraKills), snapshots.size(), ledger.projectsCreated(), clean);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Starts the clients, kills the server after a random delay, waits for the clients; returns the delay. */
    private int killUnderLoad(KeysProcess server, CrashLedger ledger, String label, int cycle) throws Exception {
        int delay = config.minKillMillis() + random.nextInt(config.maxKillMillis() - config.minKillMillis() + 1);
        CrashClients clients = new CrashClients(ledger, server.url, ADMIN, label, cycle);
        try {
            clients.start(config.clients(), random.nextLong(), random.nextBoolean());
            Thread.sleep(delay);
            if (random.nextInt(100) < config.sigtermPercent()) {
                clients.serverStopping();
                server.process.destroy();
                Thread.sleep(random.nextInt(150));
                extraKills.merge("sigterm", 1, Integer::sum);
            }
            server.kill9();
        } finally {
            server.close();
            clients.stopAndJoin();
        }
        return delay;
    }

    private KeysProcess serve(String fsync, boolean demo) throws Exception {
        List<String> args = new ArrayList<>(List.of("--fsync", fsync, "--compact-threshold",
                Long.toString(config.compactThresholdBytes()), "--access-log", "false"));
        if (demo) {
            args.add("--demo");
        }
        KeysProcess p = KeysProcess.launch(config.data(), Map.of("KEYS_ADMIN_TOKEN", ADMIN), args.toArray(String[]::new));
        try {
            p.awaitHealthy();
            awaitLine(p, "fsync " + fsync + ")");
            return p;
        } catch (Exception | Error e) {
            p.close();
            throw e;
        }
    }

    /** The start-up line comes right after the listener opens; it proves which policy runs. */
    private static void awaitLine(KeysProcess p, String text) throws Exception {
        for (int i = 0; i < 500 && !p.stderr().contains(text); i++) {
            Thread.sleep(10);
        }
        if (!p.stderr().contains(text)) {
            throw new IllegalStateException("keys serve never said '" + text + "': " + p.stderr());
        }
    }

    /** Kills a server somewhere in its start-up: JVM, recovery (cutting a tail, finishing a compaction), bootstrap. */
    private void killDuringStartup(String label, String fsync) throws Exception {
        KeysProcess p = KeysProcess.launch(config.data(), Map.of("KEYS_ADMIN_TOKEN", ADMIN), "--fsync", fsync,
                "--compact-threshold", Long.toString(config.compactThresholdBytes()), "--access-log", "false");
        try {
            Thread.sleep(random.nextInt(400));
            p.kill9();
        } finally {
            p.close();
        }
        extraKills.merge("startup", 1, Integer::sum);
        afterKill(label + " killed during start-up");
    }

    /** Kills an offline {@code keys compact} somewhere between its start and its end. */
    private void killCompact(String label) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(KeysProcess.launcher().toString(), "compact", "--data",
                config.data().toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("KEYS_"));
        Process p = pb.start();
        try {
            Thread.sleep(random.nextInt(300));
        } finally {
            p.destroyForcibly();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("keys compact (pid " + p.pid() + ") outlived SIGKILL");
            }
        }
        extraKills.merge("compact", 1, Integer::sum);
        afterKill(label + " keys compact killed");
    }

    private void afterKill(String label) throws IOException, InterruptedException {
        int logs = 0;
        int snaps = 0;
        boolean temp = false;
        try (Stream<Path> files = Files.list(config.data())) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                logs += name.startsWith("log-") && !name.endsWith(".tmp") ? 1 : 0;
                if (name.startsWith("snapshot-") && !name.endsWith(".tmp")) {
                    snaps++;
                    snapshots.add(name);
                }
                temp |= name.endsWith(".tmp");
            }
        }
        if (temp || logs > 1 || snaps > 1) {
            midCompactionKills++;
        }
        check(label, true);
    }

    /**
     * Runs {@code keys check} on the stopped server's directory. A torn tail is what a kill during
     * a write may leave (the next open cuts it), allowed only when {@code tornTailAllowed}.
     */
    private boolean check(String label, boolean tornTailAllowed) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(KeysProcess.launcher().toString(), "check", "--data",
                config.data().toString()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("KEYS_"));
        Process p = pb.start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("keys check did not finish");
            }
        } finally {
            p.destroyForcibly();
        }
        if (p.exitValue() == 0) {
            return true;
        }
        List<String> problems = out.lines().filter(l -> l.startsWith("  - ")).toList();
        if (tornTailAllowed && p.exitValue() == 1 && !problems.isEmpty()
                && problems.stream().allMatch(l -> l.startsWith("  - torn tail: "))) {
            tornTails++;
            return true;
        }
        damage.add(label + ": keys check exited " + p.exitValue() + ": " + out);
        return false;
    }
}
