package org.certflow.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PKCS#12 files of the CA in {@link PkiProperties#directory()}, readable by the owner only. Several nodes may
 * share the directory: whatever creates or replaces a file does so under the directory's lock, and a file is
 * replaced by an atomic move, so no node ever reads half of one.
 */
class KeystoreDirectory implements CaKeyStore {

    static final String ROOT_FILE = "root.p12";
    static final String ISSUING_FILE = "issuing.p12";
    static final String MAIL_SIGNING_FILE = "mail-signing.p12";
    static final String OCSP_SIGNING_FILE = "ocsp-signing.p12";

    private static final Logger log = LoggerFactory.getLogger(KeystoreDirectory.class);

    private final Path directory;
    private final String password;

    KeystoreDirectory(Path directory, String password) {
        this.directory = directory.toAbsolutePath().normalize();
        this.password = password;
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the CA directory " + this.directory, e);
        }
        restrictToOwner(this.directory, true);
    }

    Path path() {
        return directory;
    }

    String password() {
        return password;
    }

    /** Runs {@code work} while holding the directory's lock, which other nodes respect too. */
    <T> T locked(Supplier<T> work) {
        try (FileChannel lockChannel = FileChannel.open(directory.resolve(".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            return work.get();
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock the CA directory " + directory, e);
        }
    }

    @Override
    public String where() {
        return directory.toString();
    }

    /** The key entry {@code alias} of {@code file}, or {@code null} when the file does not exist. */
    @Override
    public KeyStore.PrivateKeyEntry load(String file, String alias) {
        Path path = directory.resolve(file);
        if (!Files.exists(path)) {
            return null;
        }
        char[] secret = password.toCharArray();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(path)) {
                keyStore.load(in, secret);
            } catch (IOException e) {
                throw new IllegalStateException("cannot open " + path + " (wrong certflow.pki.keystore-password?)", e);
            }
            KeyStore.Entry entry = keyStore.getEntry(alias, new KeyStore.PasswordProtection(secret));
            if (!(entry instanceof KeyStore.PrivateKeyEntry privateKeyEntry)) {
                throw new IllegalStateException(path + " holds no private key entry '" + alias + "'");
            }
            return privateKeyEntry;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** Writes {@code entry} as {@code file}, replacing it as a whole. */
    @Override
    public void store(String file, KeyStore.PrivateKeyEntry entry, String alias) {
        Path path = directory.resolve(file);
        List<X509Certificate> certificates = Arrays.stream(entry.getCertificateChain())
                .map(X509Certificate.class::cast)
                .toList();
        byte[] p12 = Pkcs12Writer.build(entry.getPrivateKey(), certificates, password.toCharArray(), alias);
        try {
            Path temporary = Files.createTempFile(directory, file, ".tmp");
            try {
                restrictToOwner(temporary, false);
                Files.write(temporary, p12);
                try {
                    Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + path, e);
        }
    }

    private static void restrictToOwner(Path path, boolean directory) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("cannot restrict permissions of {}", path, e);
        }
    }
}
