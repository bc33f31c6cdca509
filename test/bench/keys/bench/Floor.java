package keys.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import keys.bench.floor.HealthzFloor;

/**
 * The start-up floor keys is held to: {@link HealthzFloor} in a jar of its own, run by the image's
 * own {@code bin/java} with the launcher's JVM flags and an AOT cache of its own, trained the way
 * build.sh trains the image's ({@code -XX:AOTCacheOutput} over a run that answers requests). So
 * the two starts differ only in the program: same JVM binary, same flags, same kind of cache.
 */
final class Floor {
    private final Path java;
    private final List<String> flags;
    private final Path jar;
    private final Path aot;

    private Floor(Path java, List<String> flags, Path jar, Path aot) {
        this.java = java;
        this.flags = flags;
        this.jar = jar;
        this.aot = aot;
    }

    /** Writes the jar into {@code dir} and trains its AOT cache there (JDK 25+; else none). */
    static Floor prepare(Path image, Path dir) throws IOException, InterruptedException {
        Path jar = dir.resolve("floor.jar");
        writeJar(jar);
        Path java = image.resolve("bin").resolve("java");
        List<String> flags = launcherFlags(image.resolve("bin").resolve("keys"));
        Path aot = dir.resolve("floor.aot");
        List<String> train = new ArrayList<>(List.of(java.toString()));
        train.addAll(flags);
        train.addAll(List.of("-XX:AOTCacheOutput=" + aot, "-cp", jar.toString(), HealthzFloor.class.getName(), "train"));
        Process p = new ProcessBuilder(train).redirectErrorStream(true).redirectOutput(dir.resolve("train.log").toFile())
                .start();
        if (p.waitFor() != 0 || !Files.isRegularFile(aot)) {
            System.err.println("bench: the floor's AOT training failed (" + dir.resolve("train.log") + "); measured without");
            aot = null;
        }
        return new Floor(java, flags, jar, aot);
    }

    /** Whether its AOT cache exists (as the image's does on JDK 25). */
    boolean cached() {
        return aot != null;
    }

    /** The command serving /healthz on 127.0.0.1:port. */
    List<String> command(int port) {
        List<String> c = new ArrayList<>(List.of(java.toString()));
        c.addAll(flags);
        if (aot != null) {
            c.add("-XX:AOTCache=" + aot);
        }
        c.addAll(List.of("-cp", jar.toString(), HealthzFloor.class.getName(), Integer.toString(port)));
        return c;
    }

    /**
     * The JVM flags {@code bin/keys} passes before its AOT cache: the words between
     * {@code "$dir/java"} and {@code $aot} on its exec line.
     */
    static List<String> launcherFlags(Path launcher) throws IOException {
        for (String line : Files.readAllLines(launcher)) {
            int from = line.indexOf("\"$dir/java\"");
            int to = line.indexOf("$aot");
            if (line.startsWith("exec ") && from >= 0 && to > from) {
                return List.of(line.substring(from + "\"$dir/java\"".length(), to).trim().split("\\s+"));
            }
        }
        throw new IOException("no exec line in " + launcher);
    }

    /** The compiled classes of HealthzFloor's package, from this class path, as one jar. */
    private static void writeJar(Path jar) throws IOException {
        Path classes;
        try {
            classes = Path.of(HealthzFloor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String pkg = HealthzFloor.class.getPackageName().replace('.', '/');
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                DirectoryStream<Path> entries = Files.newDirectoryStream(classes.resolve(pkg), "*.class")) {
            for (Path p : entries) {
                out.putNextEntry(new JarEntry(pkg + "/" + p.getFileName()));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }
}
