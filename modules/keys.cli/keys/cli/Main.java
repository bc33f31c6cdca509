package keys.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import keys.domain.Causes;

/** The {@code keys} launcher: picks the sub-command; usage errors exit 2, failures exit 1. */
public final class Main {
    /** The release: the top-level VERSION file, which build.sh puts beside this class and into the module. */
    static final String VERSION = version();

    private static final String HELP = """
            Usage: keys COMMAND [flags]   (keys COMMAND --help for its flags)

            Commands:
              serve          run the HTTP server
              export         write the whole state as JSON Lines
              import FILE    load a JSON Lines export into an empty data directory
              check          verify the data directory
              compact        rewrite the log as a snapshot of the live state
              repair [--yes] cut a damaged log at its first bad record (dry run without --yes)
              token create   mint a token offline; prints it once
              health         ask a running server's /readyz (exit 0 when ready)
              version        version and build info
            """;

    private Main() {
    }

    private static String version() {
        // The linked image: the module's own version (build.sh gives it the same VERSION), from
        // the module graph the AOT cache holds. Reading the resource there would open and inflate
        // the image's compressed module file first, a few ms of every start.
        ModuleDescriptor module = Main.class.getModule().getDescriptor();
        if (module != null && module.rawVersion().isPresent()) {
            return module.rawVersion().get();
        }
        try (InputStream in = Main.class.getResourceAsStream("version")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Runs a command; returns the exit code, or -1 when a server keeps running. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0) { // a usage error: the help goes where errors go
            err.print(HELP);
            return 2;
        }
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(HELP);
            return 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "serve" -> ServeCommand.run(rest, env, out, err);
                case "export" -> DataCommands.export(rest, env, out, err);
                case "import" -> DataCommands.importFile(rest, env, out, err);
                case "check" -> DataCommands.check(rest, env, out, err);
                case "compact" -> DataCommands.compact(rest, env, out, err);
                case "repair" -> RepairCommand.run(rest, env, out, err);
                case "token" -> TokenCommand.run(rest, env, out, err);
                case "health" -> HealthCommand.run(rest, env, out, err);
                case "train" -> TrainCommand.run(rest, env, out, err);
                case "version", "--version" -> {
                    Flags flags = new Flags("version");
                    if (flags.parse(rest, Map.of())) {
                        out.print(flags.help("Prints the version and the Java runtime."));
                        yield 0;
                    }
                    flags.noPositional();
                    out.println("keys " + VERSION + " (Java " + Runtime.version() + ")");
                    yield 0;
                }
                default -> throw new UsageException("keys: unknown command '" + args[0] + "' (see keys --help)");
            };
        } catch (UsageException e) {
            err.println(prefixed(args[0], e.getMessage()));
            return 2;
        } catch (Exception e) {
            err.println(prefixed(args[0], Causes.describe(e)));
            return 1;
        }
    }

    /** Every error names its command ({@code keys serve: …}), whoever wrote the message. */
    static String prefixed(String command, String message) {
        return message.startsWith("keys ") || message.startsWith("keys: ") ? message : "keys " + command + ": " + message;
    }
}
