package org.certflow.application;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The keys that protect personal data at rest: licence images are encrypted with AES-256-GCM under them, and the
 * throttle's keyed hashes are derived from the current one. Each stored image names the key it was written with,
 * so old keys stay readable while the re-encryption job moves their images to the current key.
 *
 * @param keys                  the key ring: comma-separated {@code id:base64} entries, each key 32 random bytes
 *                              ({@code openssl rand -base64 32}); ids of letters, digits, {@code .}, {@code _} and
 *                              {@code -}; the same on every node
 * @param currentKey            the id of the key that new writes use; it must be one of {@code keys}
 * @param generateKey           whether a default run without {@code keys} makes a key once and keeps it in
 *                              {@code keyFile} (production: refused, every node needs the same keys)
 * @param keyFile               where the default run keeps its generated key, readable by the owner only
 * @param reencryptionInterval  how often each node re-encrypts a batch of images written under an older key (or
 *                              before encryption)
 * @param reencryptionBatchSize images per batch; each is read and written alone (up to 4 MB)
 */
@Validated
@ConfigurationProperties("certflow.data-protection")
public record DataProtectionProperties(String keys,
                                       String currentKey,
                                       @DefaultValue("true") boolean generateKey,
                                       @DefaultValue("./data/data-protection.key") @NotNull Path keyFile,
                                       @DefaultValue("PT10S") @NotNull Duration reencryptionInterval,
                                       @DefaultValue("20") @Min(1) @Max(1000) int reencryptionBatchSize) {

    static final int KEY_BYTES = 32;
    private static final String KEY_ID = "[A-Za-z0-9._-]{1,32}";
    private static final String ENTRY = KEY_ID + ":[A-Za-z0-9+/]{43}=";

    /**
     * Checked as a whole rather than on the value, so that a refused start does not print the keys: a malformed one
     * may still be most of the real one.
     */
    @AssertTrue(message = "certflow.data-protection.keys (environment variable CERTFLOW_DATA_PROTECTION_KEYS in "
            + "production) must be comma-separated entries id:key, each key " + KEY_BYTES
            + " random bytes in base64 (openssl rand -base64 32), each id at most 32 letters, digits, '.', '_' or '-'")
    public boolean isKeysWellFormed() {
        return !hasKeys() || keys.strip().matches(ENTRY + "(\\s*,\\s*" + ENTRY + ")*");
    }

    @AssertTrue(message = "certflow.data-protection.current-key (environment variable "
            + "CERTFLOW_DATA_PROTECTION_CURRENT_KEY in production) must name one of the keys in "
            + "certflow.data-protection.keys")
    public boolean isCurrentKeyKnown() {
        if (!hasKeys() || !isKeysWellFormed()) {
            return true;
        }
        return currentKey != null && parsedKeys().containsKey(currentKey.strip());
    }

    boolean hasKeys() {
        return keys != null && !keys.isBlank();
    }

    /** Key id to key bytes, in the order written. */
    Map<String, byte[]> parsedKeys() {
        Map<String, byte[]> parsed = new LinkedHashMap<>();
        if (!hasKeys()) {
            return parsed;
        }
        for (String entry : keys.strip().split("\\s*,\\s*")) {
            int colon = entry.indexOf(':');
            parsed.put(entry.substring(0, colon), Base64.getDecoder().decode(entry.substring(colon + 1)));
        }
        return parsed;
    }

    static boolean isKeyId(String id) {
        return id != null && id.matches(KEY_ID);
    }

    @Override
    public String toString() {
        return "DataProtectionProperties[keys=" + (hasKeys() ? "(set)" : "(generated)") + ", currentKey=" + currentKey
                + ", keyFile=" + keyFile + ", reencryptionInterval=" + reencryptionInterval
                + ", reencryptionBatchSize=" + reencryptionBatchSize + "]";
    }
}
