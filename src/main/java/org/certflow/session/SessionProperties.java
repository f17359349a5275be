package org.certflow.session;

import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;

/**
 * How HTTP sessions are kept. They live in the database, shared by every node; what they hold (the pickup password
 * of a letter not yet submitted, the staff's Camunda login) is encrypted with a key that the nodes share and the
 * database never sees.
 *
 * @param encryptionKey AES-256 key in base64 ({@code openssl rand -base64 32}), the same on every node
 * @param generateKey   whether a missing key is made at each start (the default run, one node: sessions end with a
 *                      restart) or the start is refused (production, where an empty variable must not slip through)
 */
@Validated
@ConfigurationProperties("certflow.session")
public record SessionProperties(String encryptionKey, @DefaultValue("true") boolean generateKey) {

    static final int KEY_BYTES = 32;

    /**
     * Checked as a whole rather than on the key itself, so that a refused start does not print the value: a
     * malformed key may still be most of the real one. 32 bytes are 43 base64 characters and one "=".
     */
    @AssertTrue(message = "certflow.session.encryption-key must be " + KEY_BYTES + " random bytes in base64, e.g. "
            + "the output of: openssl rand -base64 32")
    public boolean isEncryptionKeyWellFormed() {
        return !hasEncryptionKey() || encryptionKey.strip().matches("[A-Za-z0-9+/]{43}=");
    }

    boolean hasEncryptionKey() {
        return encryptionKey != null && !encryptionKey.isBlank();
    }

    byte[] encryptionKeyBytes() {
        return decode(encryptionKey);
    }

    private static byte[] decode(String key) {
        return Base64.getDecoder().decode(key.strip());
    }

    @Override
    public String toString() {
        return "SessionProperties[encryptionKey=" + (hasEncryptionKey() ? "(set)" : "(generated at start)") + "]";
    }
}
