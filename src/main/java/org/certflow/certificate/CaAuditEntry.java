package org.certflow.certificate;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * One row of {@code ca_audit} as it enters the hash chain. A row's hash is SHA-256 over the previous row's hash
 * and the row's own content, so changing, removing or reordering a row breaks every hash after it.
 * <p>
 * The encoding is fixed: each field in the order of the record, as a 4-byte length and its UTF-8 bytes
 * (length -1 for a missing value); the time as an ISO-8601 instant in UTC to the microsecond, the precision both
 * H2 and PostgreSQL keep. The row id is not part of it: the chain itself fixes each row's place.
 */
public record CaAuditEntry(String operation, String subject, String serial, String actor, String requestedBy,
                           String approvedBy, Instant at) {

    /** What the first row's hash is computed over in place of a previous hash. */
    public static final String GENESIS = "0".repeat(64);

    /** SHA-256 of {@code previousHash} and this entry, as 64 lower-case hex digits. */
    public String hash(String previousHash) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String field : new String[] {previousHash, operation, subject, serial, actor, requestedBy, approvedBy,
                    DateTimeFormatter.ISO_INSTANT.format(at)}) {
                if (field == null) {
                    out.writeInt(-1);
                } else {
                    byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
