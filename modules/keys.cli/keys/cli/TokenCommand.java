package keys.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

import keys.domain.Emails;
import keys.domain.Scope;
import keys.domain.Token;
import keys.server.TokenMint;
import keys.store.Store;

/** {@code keys token create}: mints a token offline (creating the user if new); prints it once. */
final class TokenCommand {
    private TokenCommand() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println("Usage: keys token create --user EMAIL --scopes S1,S2 [flags] (see keys token create --help)");
            return 0;
        }
        if (args.length == 0 || !args[0].equals("create")) {
            throw new UsageException("keys token: the only sub-command is 'create' (see keys token create --help)");
        }
        Flags flags = new Flags("token create")
                .value("data", "./data", "the data directory")
                .value("user", null, "the user's email (created when new)")
                .value("scopes", null, "comma-separated scopes, e.g. org:read,project:write")
                .bool("superuser", "make the user a superuser")
                .value("name", "cli", "the token's name");
        if (flags.parse(java.util.Arrays.copyOfRange(args, 1, args.length), env)) {
            out.print(flags.help("Mints a token offline and prints it once."));
            return 0;
        }
        flags.noPositional();
        String email = flags.get("user");
        if (email == null || !(Emails.isValid(email) || email.equals(TokenMint.ADMIN_EMAIL))) {
            throw new UsageException("keys token create: --user needs a valid email");
        }
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        String list = flags.get("scopes");
        if (list == null || list.isBlank()) {
            throw new UsageException("keys token create: --scopes is required (e.g. org:read,project:read)");
        }
        for (String s : list.split(",")) {
            scopes.add(Scope.parse(s.trim()).orElseThrow(() ->
                    new UsageException("keys token create: unknown scope '" + s.trim() + "'")));
        }
        String nameProblem = keys.domain.Texts.problem(flags.get("name"), Token.MAX_NAME);
        if (nameProblem != null) { // the API's rule for a token name, so keys check accepts what this writes
            throw new UsageException("keys token create: --name " + nameProblem);
        }
        String normalized = email.equals(TokenMint.ADMIN_EMAIL) ? email : Emails.normalize(email);
        String clear;
        try (Store store = DataCommands.openReporting(Path.of(flags.get("data")), "token", "always", err)) {
            clear = TokenMint.mint(store, normalized, scopes, flags.on("superuser"), flags.get("name"));
        }
        out.println(clear);
        return 0;
    }
}
