package org.certflow.billing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of an issued document's PDF in lower-case hex, stored with the PDF when it is issued and compared
 * again later: the same value {@code sha256sum} or {@code certutil -hashfile … SHA256} prints for the file, so an
 * inspector can check a PDF without certflow.
 */
public final class DocumentHash {

    private DocumentHash() {
    }

    public static String sha256(byte[] pdf) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
