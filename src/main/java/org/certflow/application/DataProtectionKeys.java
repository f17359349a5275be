package org.certflow.application;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The key ring of {@link DataProtectionProperties}: every key by its id, and the current one that new writes use.
 * The default run, which has no keys in its settings, makes one key on its first start and keeps it in a file
 * beside its database (readable by the owner only), so that what it encrypted stays readable after a restart.
 */
@Component
public class DataProtectionKeys {

    private static final Logger log = LoggerFactory.getLogger(DataProtectionKeys.class);

    private final Map<String, SecretKey> keys;
    private final String currentKeyId;

    public DataProtectionKeys(DataProtectionProperties properties) {
        Map<String, byte[]> configured = properties.hasKeys() ? properties.parsedKeys() : generated(properties);
        Map<String, SecretKey> ring = new LinkedHashMap<>();
        configured.forEach((id, bytes) -> ring.put(id, new SecretKeySpec(bytes, "AES")));
        this.keys = Collections.unmodifiableMap(ring);
        this.currentKeyId = properties.hasKeys() ? properties.currentKey().strip() : ring.keySet().iterator().next();
    }

    /** The id of the key new writes use. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Every key id in the settings, the current one included. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    SecretKey currentKey() {
        return keys.get(currentKeyId);
    }

    /**
     * A 256-bit key for another purpose, derived from the current key with HKDF-Expand (RFC 5869; the key is random
     * already, so it serves as the pseudorandom key): another {@code label}, an unrelated key, and nothing learnt from
     * a derived key tells the data key. It changes with the current key.
     */
    public byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(currentKey().getEncoded(), "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static Map<String, byte[]> generated(DataProtectionProperties properties) {
        if (!properties.generateKey()) {
            throw new IllegalStateException("certflow.data-protection.keys is not set (CERTFLOW_DATA_PROTECTION_KEYS in "
                    + "production): every node needs the same keys, e.g. key1:$(openssl rand -base64 32), and "
                    + "certflow.data-protection.current-key naming the one new data is written with");
        }
        Path file = properties.keyFile().toAbsolutePath().normalize();
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String entry = Files.readString(file, StandardCharsets.US_ASCII).strip();
            int colon = entry.indexOf(':');
            if (colon < 0 || !DataProtectionProperties.isKeyId(entry.substring(0, colon))) {
                throw new IllegalStateException(file + " does not hold a data protection key (id:base64)");
            }
            byte[] key = Base64.getDecoder().decode(entry.substring(colon + 1));
            if (key.length != DataProtectionProperties.KEY_BYTES) {
                throw new IllegalStateException(file + " does not hold a 32-byte data protection key");
            }
            Map<String, byte[]> ring = new LinkedHashMap<>();
            ring.put(entry.substring(0, colon), key);
            return ring;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the data protection key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[DataProtectionProperties.KEY_BYTES];
        random.nextBytes(key);
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        String id = "local-" + HexFormat.of().formatHex(suffix);
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "data-protection", ".tmp");
        try {
            restrictToOwner(temporary);
            Files.writeString(temporary, id + ":" + Base64.getEncoder().encodeToString(key) + "\n",
                    StandardCharsets.US_ASCII);
            Files.move(temporary, file);
            log.info("Made the data protection key '{}' in {} (readable by its owner only). Licence images are "
                    + "encrypted with it: back it up with the database; without it they cannot be read.", id, file);
        } catch (FileAlreadyExistsException madeMeanwhile) {
            log.debug("{} was made by another start meanwhile", file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("cannot restrict permissions of {}", path, e);
        }
    }

    @Override
    public String toString() {
        return "DataProtectionKeys[" + keys.keySet() + ", current=" + currentKeyId + "]";
    }
}
