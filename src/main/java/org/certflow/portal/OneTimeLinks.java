package org.certflow.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.certflow.service.DeadlineProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one-time links mailed to applicants. A token carries 256 random bits; only its SHA-256 is stored
 * (a token that long needs no slow hash), so a leaked table opens no application.
 */
@Component
public class OneTimeLinks {

    public enum Purpose { MAIN_APPLICATION, CORRECTION }

    public record Link(long applicationId, Purpose purpose, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final DeadlineProperties deadlines;
    private final Clock clock;

    public OneTimeLinks(JdbcClient jdbc, DeadlineProperties deadlines, Clock clock) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** Makes a new link for the application and retires the ones it had: only the newest mail works. */
    public IssuedLink create(long applicationId, Purpose purpose) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(deadlines.oneTimeLink());
        jdbc.sql("update one_time_link set revoked_at = :now where application_id = :id and revoked_at is null")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("id", applicationId)
                .update();
        jdbc.sql("""
                insert into one_time_link (application_id, token_hash, purpose, created_at, expires_at)
                values (:id, :hash, :purpose, :now, :expiresAt)
                """)
                .param("id", applicationId)
                .param("hash", hash(token))
                .param("purpose", purpose.name())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("expiresAt", expiresAt.atOffset(ZoneOffset.UTC))
                .update();
        return new IssuedLink(token, expiresAt);
    }

    public record IssuedLink(String token, Instant expiresAt) {
    }

    /** The link behind a token, if it exists, is the newest of its application and has not expired. */
    public Optional<Link> findUsable(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select application_id, purpose, expires_at from one_time_link
                where token_hash = :hash and revoked_at is null
                """)
                .param("hash", hash(token))
                .query((rs, n) -> new Link(rs.getLong(1), Purpose.valueOf(rs.getString(2)),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .optional()
                .filter(link -> link.expiresAt().isAfter(clock.instant()));
    }

    /** Once the application is sent, no link of it opens the form again. */
    public void retireAll(long applicationId) {
        jdbc.sql("update one_time_link set revoked_at = :now where application_id = :id and revoked_at is null")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("id", applicationId)
                .update();
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
