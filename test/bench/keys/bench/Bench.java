package keys.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./build.sh bench}: every benchmark, one JSON object per measurement on stdout, then a
 * table. Nothing here asserts a time; each figure sits beside its ceiling measured in the same run.
 * Arguments: names of the suites to run (default all): store, heap, list, fuzz, crash, soak, startup, create, embed, testmode, audit;
 * or {@code gaps}: only what the performance issue's table needs (creates, the list at 100 a page
 * plain and filtered by team and status, open and heap at 1M keys; {@code --only-list}: the two list rows
 * alone). The suites that measure a row
 * of that table fill it in ({@link GapTable}); it is printed last.
 */
public final class Bench {
    private static final List<String> SUITES = List.of("store", "heap", "list", "fuzz", "crash", "soak", "startup", "create", "embed",
            "testmode", "audit", "gaps");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream json = System.out;
        List<String[]> table = new ArrayList<>();
        GapTable gaps = new GapTable();
        List<String> only = Stream.of(args).filter(a -> !a.startsWith("--")).toList(); // "--" flags are ListBench's
        for (String name : only) {
            if (!SUITES.contains(name)) {
                System.err.println("bench: unknown suite '" + name + "' (" + String.join(", ", SUITES) + ")");
                System.exit(2);
            }
        }
        Runtime rt = Runtime.getRuntime();
        json.printf("{\"name\":\"machine\",\"cores\":%d,\"maxHeapBytes\":%d,\"java\":\"%s\",\"os\":\"%s\"}%n",
                rt.availableProcessors(), rt.maxMemory(), Runtime.version(), System.getProperty("os.name"));
        table.add(new String[] {"machine", rt.availableProcessors() + " cores, Java " + Runtime.version(), ""});
        if (only.isEmpty() || only.contains("store")) {
            StoreBench.run(json, table);
        }
        boolean gapsOnly = only.contains("gaps");
        if (gapsOnly) {
            boolean onlyList = List.of(args).contains("--only-list");
            if (!onlyList) {
                CreateBench.run(json, table, gaps);
            }
            ListBench.runGaps(json, table, args, gaps);
            if (!onlyList) {
                HeapBench.run(json, table, gaps);
            }
        }
        if (only.isEmpty() || only.contains("heap")) {
            HeapBench.run(json, table, gaps);
        }
        if (only.isEmpty() || only.contains("list")) {
            ListBench.run(json, table, args, gaps);
        }
        if (only.isEmpty() || only.contains("fuzz")) {
            FuzzBench.run(json, table);
        }
        if (only.isEmpty() || only.contains("crash")) {
            CrashBench.run(json, table);
        }
        if (only.isEmpty() || only.contains("soak")) {
            SoakBench.run(json, table);
        }
        if (only.isEmpty() || only.contains("startup")) {
            StartupBench.run(json, table);
        }
        if (only.isEmpty() || only.contains("create")) {
            CreateBench.run(json, table, gaps);
        }
        if (only.isEmpty() || only.contains("embed")) {
            EmbedBench.run(json, table);
        }
        if (only.isEmpty() || only.contains("testmode")) {
            TestModeBench.run(json, table);
        }
        if (only.isEmpty() || only.contains("audit")) {
            AuditBench.run(json, table);
        }
        printTable(table);
        if (!gaps.isEmpty()) {
            gaps.print(System.out);
        }
    }

    /** JSON line helper: name, value, unit, then parameter pairs. */
    public static void emit(PrintStream json, String name, double value, String unit, Object... params) {
        StringBuilder b = new StringBuilder("{\"name\":\"").append(name).append("\",\"value\":");
        b.append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format("%.3f", value));
        b.append(",\"unit\":\"").append(unit).append('"');
        for (int i = 0; i + 1 < params.length; i += 2) {
            b.append(",\"").append(params[i]).append("\":");
            Object v = params[i + 1];
            b.append(v instanceof Number || v instanceof Boolean ? v.toString() : "\"" + v + "\"");
        }
        json.println(b.append('}'));
    }

    private static void printTable(List<String[]> rows) {
        int[] width = new int[3];
        for (String[] r : rows) {
            for (int i = 0; i < Math.min(3, r.length); i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        System.out.println();
        for (String[] r : rows) {
            System.out.printf("%-" + width[0] + "s  %" + Math.max(1, width[1]) + "s  %s%n", r[0],
                    r.length > 1 ? r[1] : "", r.length > 2 ? r[2] : "");
        }
    }
}
