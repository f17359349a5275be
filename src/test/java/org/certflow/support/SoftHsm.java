package org.certflow.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * SoftHSM2 tokens for the tests of the CA keys in a PKCS#11 token, in a temporary token directory of this test run.
 * SoftHSM2 finds its configuration through the environment variable SOFTHSM2_CONF, which a JVM cannot set for
 * itself: Surefire sets it to a file under {@code target/} (pom.xml), which is written here before the module is
 * first loaded. A SoftHSM2 module lists only the tokens that exist when it is initialised, so every token the tests
 * of one JVM use is created at the first call, each under a label of its own.
 */
public final class SoftHsm {

    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String PIN = "Token-User-4711";
    private static final String SO_PIN = "Token-Officer-4711";
    /** The tokens one test JVM may use: the CA's, one never logged in to, one for a production start. */
    private static final List<String> NAMES = List.of("ca", "untouched", "production");

    private static Map<String, String> labels;

    private SoftHsm() {
    }

    /** The label of the token {@code name} (one of "ca", "untouched", "production"). */
    public static synchronized String token(String name) {
        if (labels == null) {
            labels = createTokens();
        }
        String label = labels.get(name);
        if (label == null) {
            throw new IllegalArgumentException("no test token " + name + "; there are " + NAMES);
        }
        return label;
    }

    private static Map<String, String> createTokens() {
        RequiredTools.onPath("softhsm2-util", "softhsm2");
        if (!Files.isRegularFile(MODULE)) {
            fail("%s is missing: install it (apt-get install softhsm2) to run this test", MODULE);
        }
        String configuration = System.getenv("SOFTHSM2_CONF");
        if (configuration == null) {
            fail("SOFTHSM2_CONF is not set: run this test with Maven, whose Surefire sets it (pom.xml)");
        }
        try {
            Path tokens = Files.createTempDirectory("certflow-softhsm");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(tokens)));
            Files.createDirectories(Path.of(configuration).toAbsolutePath().getParent());
            Files.writeString(Path.of(configuration), "directories.tokendir = " + tokens + "\n"
                    + "objectstore.backend = file\nlog.level = ERROR\n");
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> created = new LinkedHashMap<>();
            for (String name : NAMES) {
                String label = "certflow-" + name + "-" + suffix;
                initToken(label);
                created.put(name, label);
            }
            return created;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create SoftHSM2 tokens", e);
        }
    }

    private static void initToken(String label) throws IOException {
        Process process = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label,
                "--pin", PIN, "--so-pin", SO_PIN).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("softhsm2-util cannot create the token %s: %s", label, output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // temporary directory; the OS cleans up the rest
        }
    }
}
