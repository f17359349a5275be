package org.certflow.application;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.springframework.stereotype.Component;

/**
 * Licence images at rest: AES-256-GCM with a random 96-bit nonce per write, stored as nonce followed by ciphertext
 * and tag. The application id, the key id and the content type are authenticated with it, so a row copied onto
 * another application, or relabelled, no longer opens.
 */
@Component
public class LicenceImageCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** An image as stored: the id of its key and nonce + ciphertext + tag. */
    record Sealed(String keyId, byte[] bytes) {
    }

    private final DataProtectionKeys keys;
    private final SecureRandom random = new SecureRandom();

    LicenceImageCipher(DataProtectionKeys keys) {
        this.keys = keys;
    }

    String currentKeyId() {
        return keys.currentKeyId();
    }

    Sealed seal(long applicationId, String contentType, byte[] image) {
        String keyId = keys.currentKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.currentKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(applicationId, keyId, contentType));
            byte[] sealed = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(image.length))
                    .put(nonce).put(cipher.doFinal(image)).array();
            return new Sealed(keyId, sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * The image of {@code applicationId} as it was sealed.
     *
     * @throws UnreadableImageException when the key is not in the settings, or the bytes, the nonce or what they are
     *                                  bound to (application, key, content type) were changed
     */
    byte[] open(long applicationId, String contentType, String keyId, byte[] sealed) {
        SecretKey key = keys.key(keyId).orElseThrow(() -> new UnreadableImageException("the licence image of "
                + "application " + applicationId + " is encrypted with the data protection key '" + keyId
                + "', which certflow.data-protection.keys does not hold"));
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw tampered(applicationId, keyId);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 0, NONCE_BYTES)));
            cipher.updateAAD(associatedData(applicationId, keyId, contentType));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw tampered(applicationId, keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private static UnreadableImageException tampered(long applicationId, String keyId) {
        return new UnreadableImageException("the licence image of application " + applicationId + " does not "
                + "decrypt under the data protection key '" + keyId + "': it was changed, or belongs to another "
                + "application");
    }

    private static byte[] associatedData(long applicationId, String keyId, String contentType) {
        return ("certflow licence image\0" + applicationId + "\0" + keyId + "\0" + contentType)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A stored image that cannot be opened with the keys in the settings. */
    public static class UnreadableImageException extends IllegalStateException {
        UnreadableImageException(String message) {
            super(message);
        }
    }
}
