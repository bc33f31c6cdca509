package keys.cli;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import keys.store.Backup;
import keys.store.CheckReport;
import keys.store.FsyncPolicy;
import keys.store.State;
import keys.store.Store;
import keys.store.StoreOptions;

/**
 * The commands on a data directory: export, import, check, compact. Import and compact take the
 * directory's lock, so they refuse clearly while a server holds it; export and check only read,
 * without the lock, so they also run beside a live server.
 */
final class DataCommands {
    private DataCommands() {
    }

    static Store open(Path data, String fsync) {
        return open(data, fsync, Long.toString(StoreOptions.DEFAULT_COMPACT_THRESHOLD));
    }

    static Store open(Path data, String fsync, String compactThreshold) {
        return Store.open(data, StoreOptions.defaults().withFsync(fsync(fsync))
                .withCompactThresholdBytes(compactThreshold(compactThreshold)));
    }

    static FsyncPolicy fsync(String fsync) {
        return FsyncPolicy.parse(fsync).orElseThrow(() ->
                new UsageException("--fsync must be always, batch or never, not '" + fsync + "'"));
    }

    static long compactThreshold(String compactThreshold) {
        long threshold;
        try {
            threshold = Long.parseLong(compactThreshold);
        } catch (NumberFormatException e) {
            threshold = -1;
        }
        if (threshold < 4096) {
            throw new UsageException("--compact-threshold must be a number of bytes >= 4096, not '" + compactThreshold + "'");
        }
        return threshold;
    }

    private static Flags dataFlags(String command) {
        return new Flags(command).value("data", "./data", "the data directory");
    }

    /**
     * An existing data directory, for the commands that read or rewrite one (export, check,
     * compact): a mistyped path must fail, not yield an empty export or a new empty store.
     */
    static Path existing(String data) {
        Path dir = Path.of(data);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no data directory at " + dir);
        }
        return dir;
    }

    /** Opens a directory for an offline command, reporting a torn tail that opening cut. */
    static Store openReporting(Path dir, String command, String fsync, PrintStream err) {
        Store store = open(dir, fsync);
        store.repairedTail().ifPresent(t -> err.println("keys " + command + ": " + t));
        return store;
    }

    static int export(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Flags flags = dataFlags("export").value("out", null, "write to this file instead of stdout");
        if (flags.parse(args, env)) {
            out.print(flags.help("Writes the whole state as JSON Lines; also beside a running server, without blocking it."));
            return 0;
        }
        flags.noPositional();
        // Lock-free (keys.store.Backup): a server may hold and write the directory meanwhile.
        State state = Backup.read(existing(flags.get("data")));
        String file = flags.get("out");
        if (file == null) {
            OutputStream o = new BufferedOutputStream(out, 1 << 16);
            Store.export(state, o);
            o.flush();
            if (out.checkError()) { // a PrintStream keeps write errors to itself: a cut backup must not exit 0
                throw new java.io.IOException("writing to stdout failed; the export is incomplete");
            }
        } else {
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(Path.of(file)), 1 << 16)) {
                Store.export(state, o);
            }
        }
        return 0;
    }

    static int importFile(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Flags flags = dataFlags("import");
        if (flags.parse(args, env)) {
            out.print(flags.help("keys import FILE: loads a JSON Lines export into an empty data directory."));
            return 0;
        }
        if (flags.positional().size() != 1) {
            throw new UsageException("keys import: give exactly one FILE (see keys import --help)");
        }
        Path file = Path.of(flags.positional().get(0));
        try (InputStream in = Files.newInputStream(file)) {
            Store.importInto(Path.of(flags.get("data")), in, StoreOptions.defaults());
        }
        err.println("keys import: loaded " + file + " into " + flags.get("data"));
        return 0;
    }

    static int check(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Flags flags = dataFlags("check");
        if (flags.parse(args, env)) {
            out.print(flags.help("Verifies the data directory: framing, checksums, references."));
            return 0;
        }
        flags.noPositional();
        CheckReport report = Store.check(existing(flags.get("data")));
        out.println(report);
        return report.ok() ? 0 : 1;
    }

    static int compact(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Flags flags = dataFlags("compact");
        if (flags.parse(args, env)) {
            out.print(flags.help("Rewrites the log as a snapshot of the live state."));
            return 0;
        }
        flags.noPositional();
        try (Store store = openReporting(existing(flags.get("data")), "compact", "always", err)) {
            store.compact();
        }
        out.println("keys compact: done");
        return 0;
    }
}
