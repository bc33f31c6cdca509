package keys.bench;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The performance issue's table, filled in by the suites of one run: each {@link Row} is one call
 * ({@link #put}) from the suite that measures it, and {@link #print} shows every row beside its aim,
 * with rows no suite filled marked "not run". Ratios measured in one run are what count on a shared
 * machine, so the load average is printed at both ends.
 */
final class GapTable {
    /** A row of the table: what it measures, its aim, and whether lower is better. */
    enum Row {
        CREATES_RATIO("key creates over HTTP, fsync batch / never", "%.2fx", ">= 0.80x", 0.8, false),
        CREATES_PER_FSYNC("creates per fsync at 64 connections", "%.1f", ">= 20", 20, false),
        LIST_P99("list 100/page p99 / ceiling p99", "%.2fx", "<= 1.25x", 1.25, true),
        TEAM_LIST("list team+status req/s / ceiling", "%.2fx", ">= 0.80x", 0.8, false),
        OPEN_1M("open a 1M-key directory", "%.2f s", "<= 0.5 s", 0.5, true),
        HEAP_1M("heap per key at 1M keys", "%.0f B", "<= 128 B", 128, true);

        final String label;
        final String format;
        final String aim;
        final double bound;
        final boolean lowerIsBetter;

        Row(String label, String format, String aim, double bound, boolean lowerIsBetter) {
            this.label = label;
            this.format = format;
            this.aim = aim;
            this.bound = bound;
            this.lowerIsBetter = lowerIsBetter;
        }

        boolean met(double value) {
            return lowerIsBetter ? value <= bound : value >= bound;
        }
    }

    private record Cell(double value, String how) {
    }

    private final Map<Row, Cell> cells = new EnumMap<>(Row.class);
    private final String loadAtStart = Util.loadAverages();

    /** Sets {@code row} to {@code value}; {@code how} says how it was measured (shown beside it). */
    void put(Row row, double value, String how) {
        cells.put(row, new Cell(value, how));
    }

    boolean isEmpty() {
        return cells.isEmpty();
    }

    void print(PrintStream out) {
        int width = 0;
        for (Row r : Row.values()) {
            width = Math.max(width, r.label.length());
        }
        out.println();
        out.printf("performance gaps (issue 15), one run; load average %s at start, %s at end%n", loadAtStart,
                Util.loadAverages());
        for (Row r : Row.values()) {
            Cell c = cells.get(r);
            String value = c == null ? "not run" : String.format(Locale.ROOT, r.format, c.value());
            String verdict = c == null ? "" : r.met(c.value()) ? "met" : "NOT met";
            out.printf("%-" + width + "s  %10s  aim %-9s %-7s %s%n", r.label, value, r.aim, verdict,
                    c == null ? "" : c.how());
        }
    }
}
