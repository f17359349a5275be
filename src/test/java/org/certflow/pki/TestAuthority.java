package org.certflow.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One generated CA per test run: RSA-3072 key generation is the slow part, so test classes share it and copy
 * its keystores when they need a directory of their own.
 */
final class TestAuthority {

    private static Path directory;
    private static CertificateAuthority authority;

    private TestAuthority() {
    }

    static synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("certflow-pki-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory)));
            authority = TestAuthority.create(properties(directory));
        }
        return directory;
    }

    static synchronized CertificateAuthority authority() {
        directory();
        return authority;
    }

    /** A CA on {@code properties} with the system clock, numbering its CRLs in memory. */
    static CertificateAuthority create(PkiProperties properties) {
        return create(properties, Clock.systemUTC());
    }

    static CertificateAuthority create(PkiProperties properties, Clock clock) {
        AtomicLong crlNumbers = new AtomicLong();
        return new CertificateAuthority(properties, clock, () -> BigInteger.valueOf(crlNumbers.incrementAndGet()));
    }

    static PkiProperties properties(Path directory) {
        return new PkiProperties(directory, "ca-store-secret", "Matsumoto Chamber of Commerce and Industry",
                "jcan-secretariat@mcci.or.jp", "https://certs.example.jp", "1.3.6.1.4.1.99999.1.1", 2048, true);
    }

    /** Copies the shared root and issuing CA keystores into {@code target}. */
    static void copyCaKeystoresTo(Path target) throws IOException {
        for (String file : new String[] {KeystoreDirectory.ROOT_FILE, KeystoreDirectory.ISSUING_FILE}) {
            Files.copy(directory().resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
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
