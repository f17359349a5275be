package org.certflow.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets every node derives from {@code certflow.session.encryption-key}: the AES key of the stored session
 * attributes, and an HMAC key for values that must come out the same on every node for one session.
 */
final class SessionSecrets {

    private static final Logger log = LoggerFactory.getLogger(SessionSecrets.class);

    private final SecretKey attributeKey;
    private final SecretKey tokenKey;

    private SessionSecrets(byte[] key) {
        this.attributeKey = new SecretKeySpec(key, "AES");
        this.tokenKey = new SecretKeySpec(hmac(new SecretKeySpec(key, "HmacSHA256"), "certflow session tokens"),
                "HmacSHA256");
    }

    static SessionSecrets from(SessionProperties properties) {
        if (properties.hasEncryptionKey()) {
            return new SessionSecrets(properties.encryptionKeyBytes());
        }
        if (!properties.generateKey()) {
            throw new IllegalStateException("certflow.session.encryption-key is not set (CERTFLOW_SESSION_ENCRYPTION_KEY "
                    + "in production): every node needs the same key, e.g. the output of openssl rand -base64 32");
        }
        log.info("No certflow.session.encryption-key set: sessions are encrypted with a key made for this start "
                + "and end when it stops. Several nodes need one shared key.");
        byte[] key = new byte[SessionProperties.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new SessionSecrets(key);
    }

    SecretKey attributeKey() {
        return attributeKey;
    }

    /** A value bound to one session id: unguessable without the key, the same on every node. */
    byte[] tokenFor(String sessionId) {
        return hmac(tokenKey, sessionId);
    }

    private static byte[] hmac(SecretKey key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
