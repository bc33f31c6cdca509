package keys.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes.yaml has what operating keys needs (one writer, a persistent /data, probes,
 * a grace period above the server's, non-root, read-only root), and agrees with the Dockerfile
 * and build.sh. No YAML library: the manifest is read as indented lines.
 */
class DeployTest {
    private final Path root = Checkout.live().root;

    @Test
    void theStatefulSetRunsOneWriterOnAPersistentVolume() throws Exception {
        Yaml set = manifest().document("StatefulSet");
        assertEquals("1", set.value("replicas"));
        Yaml container = set.block("containers:");
        assertEquals("/data", container.block("volumeMounts:").value("mountPath"));
        assertEquals("data", container.block("volumeMounts:").value("- name"));
        Yaml claim = set.block("volumeClaimTemplates:");
        assertEquals("data", claim.value("name"));
        assertTrue(claim.value("accessModes").contains("ReadWriteOnce"), claim.value("accessModes"));
    }

    @Test
    void probesAskHealthzForLivenessAndReadyzForReadiness() throws Exception {
        Yaml container = manifest().document("StatefulSet").block("containers:");
        assertEquals("/healthz", container.block("livenessProbe:").value("path"));
        assertEquals("/readyz", container.block("readinessProbe:").value("path"));
        assertEquals("http", container.block("livenessProbe:").value("port"));
        assertEquals("9000", container.block("ports:").value("containerPort"));
    }

    /** SIGTERM gives requests in flight 10 s, then closes the store: the pod must get longer. */
    @Test
    void theGracePeriodOutlastsTheServersOwn() throws Exception {
        int grace = Integer.parseInt(manifest().document("StatefulSet").value("terminationGracePeriodSeconds"));
        assertTrue(grace > 10, "terminationGracePeriodSeconds " + grace);
    }

    @Test
    void itRunsAsTheImagesUserOnAReadOnlyRoot() throws Exception {
        Yaml spec = manifest().document("StatefulSet").block("template:");
        Yaml pod = spec.block("securityContext:");
        assertEquals("true", pod.value("runAsNonRoot"));
        assertEquals(dockerUser(), pod.value("runAsUser") + ":" + pod.value("runAsGroup"));
        Yaml container = spec.block("containers:").block("securityContext:");
        assertEquals("true", container.value("readOnlyRootFilesystem"));
        assertEquals("false", container.value("allowPrivilegeEscalation"));
    }

    @Test
    void theUrlPrefixAndAdminTokenComeFromASecret() throws Exception {
        Yaml env = manifest().document("StatefulSet").block("env:");
        for (String name : List.of("KEYS_URL_PREFIX", "KEYS_ADMIN_TOKEN")) {
            Yaml variable = env.block("- name: " + name);
            assertEquals("keys", variable.block("secretKeyRef:").value("name"), name);
            assertTrue(!variable.block("secretKeyRef:").value("key").isEmpty(), name);
        }
    }

    /** The container starts the JVM itself: with the launcher's flags, writing only /data. */
    @Test
    void theDockerfileStartsTheJvmAsTheLauncherDoes() throws Exception {
        String dockerfile = Files.readString(root.resolve("Dockerfile"));
        Matcher flags = Pattern.compile("(?m)^JVM_FLAGS=\"([^\"]*)\"").matcher(Files.readString(root.resolve("build.sh")));
        assertTrue(flags.find(), "build.sh's JVM_FLAGS");
        String entrypoint = instruction(dockerfile, "ENTRYPOINT");
        for (String flag : flags.group(1).split(" ")) {
            assertTrue(entrypoint.contains("\"" + flag + "\""), flag + " in " + entrypoint);
        }
        assertTrue(entrypoint.contains("\"-XX:AOTCache=/opt/keys/lib/keys.aot\""), entrypoint);
        assertTrue(instruction(dockerfile, "HEALTHCHECK").contains("\"-XX:-UsePerfData\""), "no /tmp/hsperfdata");
        assertTrue(dockerfile.contains("KEYS_DATA=/data"), "the data directory is the volume");
        assertTrue(dockerfile.contains("VOLUME /data"));
        assertTrue(dockerfile.contains("EXPOSE 9000") && dockerfile.contains("KEYS_LISTEN=0.0.0.0:9000"));
        for (String source : List.of("build.sh", "jlink.conf", "VERSION")) {
            assertTrue(instruction(dockerfile, "COPY").contains(source), "the build stage copies " + source);
        }
    }

    private Yaml manifest() throws Exception {
        return Yaml.read(root.resolve("deploy/kubernetes.yaml"));
    }

    private String dockerUser() throws Exception {
        return instruction(Files.readString(root.resolve("Dockerfile")), "USER").strip();
    }

    /** The first instruction of that name, its continuation lines joined. */
    private static String instruction(String dockerfile, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " ((?:.*\\\\\\n)*.*)").matcher(dockerfile);
        assertTrue(m.find(), name + " in the Dockerfile");
        return m.group(1).replace("\\\n", " ");
    }

    /** Lines of a YAML file without comments; a block is the lines indented under one line. */
    private record Yaml(List<String> lines) {
        static Yaml read(Path file) throws Exception {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String content = line.replaceAll("(^|\\s)#.*", "");
                if (!content.isBlank()) {
                    lines.add(content.stripTrailing());
                }
            }
            return new Yaml(lines);
        }

        /** The document (between {@code ---} lines) of that kind. */
        Yaml document(String kind) {
            List<String> document = new ArrayList<>();
            for (String line : lines) {
                if (line.equals("---")) {
                    if (document.contains("kind: " + kind)) {
                        break;
                    }
                    document.clear();
                } else {
                    document.add(line);
                }
            }
            assertTrue(document.contains("kind: " + kind), "no " + kind + " in the manifest");
            return new Yaml(document);
        }

        /**
         * The lines under the first one that reads {@code head}: those indented more, and for a
         * list item ({@code - name: x}) the rest of that item. {@code "- "} counts as indentation.
         */
        Yaml block(String head) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().equals(head) || lines.get(i).strip().startsWith(head + " ")) {
                    int indent = indent(lines.get(i));
                    boolean item = lines.get(i).strip().startsWith("- ");
                    List<String> block = new ArrayList<>();
                    for (int j = i + 1; j < lines.size(); j++) {
                        int d = indent(lines.get(j));
                        if (d < indent || d == indent && (!item || lines.get(j).strip().startsWith("- "))) {
                            break;
                        }
                        block.add(lines.get(j));
                    }
                    return new Yaml(block);
                }
            }
            throw new AssertionError("no '" + head + "' in:\n" + String.join("\n", lines));
        }

        /** The value of the first {@code key: value} line in this block. */
        String value(String key) {
            for (String line : lines) {
                String s = line.strip();
                if (s.startsWith(key + ":")) {
                    return s.substring(key.length() + 1).strip().replaceAll("^\"|\"$", "");
                }
            }
            throw new AssertionError("no '" + key + "' in:\n" + String.join("\n", lines));
        }

        private static int indent(String line) {
            int n = 0;
            while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '-')) {
                n++;
            }
            return n;
        }
    }
}
