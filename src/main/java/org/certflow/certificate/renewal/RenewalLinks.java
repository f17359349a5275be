package org.certflow.certificate.renewal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.certflow.certificate.IssuedCertificate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The renewal links of the expiry notices. A token carries 256 random bits and names nothing; only its SHA-256 is
 * stored, with the one certificate it renews. It opens once and lapses at the certificate's end plus
 * {@link RenewalProperties#linkGrace()}.
 */
@Component
class RenewalLinks {

    /** A stored link: the application and the certificate it renews. */
    record RenewalLink(long previousApplicationId, String serialNumber) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final RenewalProperties properties;
    private final Clock clock;

    RenewalLinks(JdbcClient jdbc, RenewalProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    String create(IssuedCertificate certificate) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant expiresAt = certificate.notAfter().atOffset(ZoneOffset.UTC).plus(properties.linkGrace()).toInstant();
        jdbc.sql("""
                insert into renewal_link (application_id, serial_number, token_hash, created_at, expires_at)
                values (:id, :serial, :hash, :now, :expiresAt)
                """)
                .param("id", certificate.applicationId())
                .param("serial", certificate.serialNumber())
                .param("hash", hash(token))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("expiresAt", expiresAt.atOffset(ZoneOffset.UTC))
                .update();
        return token;
    }

    /** The link behind a token if it was never used and has not lapsed; changes nothing (mail scanners GET). */
    Optional<RenewalLink> findUsable(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select application_id, serial_number from renewal_link
                where token_hash = :hash and used_at is null and expires_at > :now
                """)
                .param("hash", hash(token))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new RenewalLink(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    /**
     * Uses the link: of two requests with the same token only one gets it. Every other link of the certificate
     * dies with it, so the three notices start one renewal, not three.
     */
    Optional<RenewalLink> use(String token) {
        Optional<RenewalLink> link = findUsable(token);
        if (link.isEmpty()) {
            return link;
        }
        int used = jdbc.sql("update renewal_link set used_at = :now where token_hash = :hash and used_at is null")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("hash", hash(token))
                .update();
        if (used != 1) {
            return Optional.empty();
        }
        jdbc.sql("update renewal_link set used_at = :now where serial_number = :serial and used_at is null")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("serial", link.get().serialNumber())
                .update();
        return link;
    }

    private static boolean wellFormed(String token) {
        return token != null && token.length() >= 40 && token.length() <= 60;
    }

    /** A plain SHA-256 is enough: 256 random bits cannot be tried one by one, unlike an address. */
    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
