package keys.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import keys.cli.CrashHarness;

/**
 * The long crash run: at least 200 SIGKILLs of a real server under concurrent writes (fsync batch
 * and always alternating), bounded at about five minutes. Reports cycles, writes acknowledged, lost
 * (must be 0) and unknown. {@code -Dkeys.crash.seed=N} replays a run; {@code -Dkeys.crash.cycles=N}
 * changes the count.
 */
public final class CrashBench {
    private CrashBench() {
    }

    public static void run(PrintStream json, List<String[]> table) throws Exception {
        Path keys = Path.of(System.getProperty("keys.image", "build/image"), "bin", "keys");
        if (!Files.isExecutable(keys)) {
            table.add(new String[] {"crash", "skipped", "no image at " + keys});
            return;
        }
        long seed = Long.getLong("keys.crash.seed", System.nanoTime());
        int cycles = Integer.getInteger("keys.crash.cycles", 240);
        Path dir = Files.createTempDirectory("keys-crash");
        CrashHarness.Result r;
        long t0 = System.nanoTime();
        try {
            System.err.println("crash bench seed " + seed);
            r = CrashHarness.run(CrashHarness.Config.standard(dir.resolve("data"), cycles, seed, 800,
                    Duration.ofSeconds(285)), System.err);
        } finally {
            Util.deleteTree(dir);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Bench.emit(json, "crash.cycles", r.cycles(), "cycles", "seed", seed, "batch",
                r.cyclesByFsync().getOrDefault("batch", 0), "always", r.cyclesByFsync().getOrDefault("always", 0),
                "seconds", Math.round(seconds));
        Bench.emit(json, "crash.acknowledged", r.acknowledged(), "writes", "seed", seed);
        Bench.emit(json, "crash.lost", r.lost().size(), "writes", "seed", seed);
        Bench.emit(json, "crash.unknown", r.unknown(), "writes", "seed", seed, "refused", r.notSent(),
                "rejected", r.rejected());
        Bench.emit(json, "crash.violations", r.violations().size(), "count", "seed", seed,
                "cleanShutdown", r.cleanShutdown());
        int extra = r.extraKills().values().stream().mapToInt(Integer::intValue).sum();
        Bench.emit(json, "crash.kills", r.cycles() + extra, "kills", "seed", seed, "duringStartup",
                r.extraKills().get("startup"), "offlineCompact", r.extraKills().get("compact"), "afterSigterm",
                r.extraKills().get("sigterm"), "midCompaction", r.midCompactionKills(), "tornTails", r.tornTails(),
                "snapshots", r.snapshots());
        for (String s : concat(r.lost(), r.violations())) {
            System.err.println("crash: " + s);
        }
        table.add(new String[] {"crash: SIGKILL cycles (batch/always)", Integer.toString(r.cycles()),
                "seed " + seed + ", extra kills " + r.extraKills() + ", " + r.midCompactionKills()
                        + " mid-compaction"});
        table.add(new String[] {"crash: writes acknowledged / lost", r.acknowledged() + " / " + r.lost().size(),
                "lost must be 0"});
        table.add(new String[] {"crash: writes unanswered", Long.toString(r.unknown()),
                r.violations().size() + " violations"});
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Runs this suite alone: {@code java -cp ... keys.bench.CrashBench}. */
    public static void main(String[] args) throws Exception {
        List<String[]> table = new ArrayList<>();
        run(System.out, table);
        table.forEach(row -> System.out.println(String.join("  ", row)));
    }
}
