package keys.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The README's code blocks, for tests that run them as printed. */
public final class ReadmeBlocks {
    private ReadmeBlocks() {
    }

    /** The checkout the build runs from ({@code -Dkeys.root}), where README.md is. */
    public static Path root() {
        return Path.of(System.getProperty("keys.root", "."));
    }

    /** The first {@code language} block after the first line that holds {@code heading}. */
    public static String first(String heading, String language) throws IOException {
        String readme = Files.readString(root().resolve("README.md"));
        int section = readme.indexOf(heading);
        if (section < 0) {
            throw new AssertionError("README has no " + heading + " section");
        }
        String fence = "```" + language + "\n";
        int fenced = readme.indexOf(fence, section);
        if (fenced < 0) {
            throw new AssertionError("README's " + heading + " section has no " + language + " block");
        }
        int start = fenced + fence.length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    /**
     * A bash script that runs {@code commands} (a bash block, edited as the test needs) from the
     * checkout, stops at the first failure, waits for what they started in the background, and
     * kills whatever is still running when it exits.
     */
    public static String bashScript(String commands) {
        return "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\ncd "
                + root().toAbsolutePath() + "\n" + commands + "\nwait\n";
    }
}
