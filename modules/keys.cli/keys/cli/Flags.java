package keys.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags of one command. Each flag may also come from an environment variable
 * ({@code --url-prefix} ↔ {@code KEYS_URL_PREFIX}); a flag on the command line wins.
 */
final class Flags {
    record Spec(String name, boolean takesValue, String defaultValue, String help) { }

    private final String command;
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final java.util.Set<String> explicit = new java.util.HashSet<>();

    Flags(String command) {
        this.command = command;
    }

    Flags value(String name, String defaultValue, String help) {
        specs.put(name, new Spec(name, true, defaultValue, help));
        return this;
    }

    Flags bool(String name, String help) {
        specs.put(name, new Spec(name, false, null, help));
        return this;
    }

    /** Parses args against the specs and the environment; true when help was asked for. */
    boolean parse(String[] args, Map<String, String> env) {
        for (Spec s : specs.values()) {
            String fromEnv = env.get(envName(s.name()));
            if (fromEnv != null && !fromEnv.isEmpty()) {
                values.put(s.name(), s.takesValue() ? fromEnv : String.valueOf(truthy(s.name(), fromEnv)));
            }
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Spec s = specs.get(name);
            if (s == null) {
                throw new UsageException("keys " + command + ": unknown flag --" + name + " (see keys " + command + " --help)");
            }
            explicit.add(name);
            if (s.takesValue()) {
                if (inline == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("keys " + command + ": --" + name + " needs a value");
                    }
                    inline = args[++i];
                }
                values.put(name, inline);
            } else {
                values.put(name, inline == null ? "true" : String.valueOf(truthy(name, inline)));
            }
        }
        return false;
    }

    String get(String name) {
        String v = values.get(name);
        return v != null ? v : specs.get(name).defaultValue();
    }

    /** True when the flag was on the command line (not only in the environment). */
    boolean explicit(String name) {
        return explicit.contains(name);
    }

    boolean on(String name) {
        return "true".equals(values.get(name));
    }

    List<String> positional() {
        return positional;
    }

    /** For commands that take no plain arguments: a stray word (say, {@code --superuser false}) is a usage error. */
    void noPositional() {
        if (!positional.isEmpty()) {
            throw new UsageException("keys " + command + ": unexpected argument '" + positional.get(0) + "'");
        }
    }

    String help(String summary) {
        StringBuilder out = new StringBuilder("Usage: keys " + command + " [flags]\n" + summary + "\n\nFlags:\n");
        for (Spec s : specs.values()) {
            String left = "  --" + s.name() + (s.takesValue() ? " VALUE" : "");
            out.append(String.format("%-34s %s [env %s%s]%n", left, s.help(), envName(s.name()),
                    s.defaultValue() == null ? "" : ", default " + s.defaultValue()));
        }
        return out.toString();
    }

    static String envName(String flag) {
        return "KEYS_" + flag.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    static boolean truthy(String name, String v) {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off", "" -> false;
            default -> throw new UsageException("--" + name + " takes true or false, not '" + v + "'");
        };
    }
}
