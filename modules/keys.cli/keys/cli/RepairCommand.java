package keys.cli;

import java.io.PrintStream;
import java.util.Map;

import keys.store.Repair;
import keys.store.RepairPlan;

/**
 * {@code keys repair [--yes]} (interface §7): without {@code --yes} only says what it would drop
 * and exits 1 on damage (0 when there is none); with it, cuts and exits 0, or exits 1 when the
 * damage is beyond repair (nothing is changed then). Refuses while a server holds the directory.
 */
final class RepairCommand {
    private RepairCommand() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Flags flags = new Flags("repair").value("data", "./data", "the data directory")
                .bool("yes", "do it: cut the log, keeping the cut bytes beside it (default: only say what it would do)");
        if (flags.parse(args, env)) {
            out.print(flags.help("Cuts a damaged log at its first bad record; without --yes only says what it would drop."));
            return 0;
        }
        flags.noPositional();
        var dir = DataCommands.existing(flags.get("data"));
        boolean yes = flags.on("yes");
        RepairPlan plan = yes ? Repair.apply(dir) : Repair.plan(dir);
        out.print(plan.describe(yes));
        if (!plan.repairable()) {
            return 1;
        }
        return yes || !plan.damaged() ? 0 : 1;
    }
}
