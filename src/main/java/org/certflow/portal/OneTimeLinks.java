package org.certflow.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.certflow.service.DeadlineProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one-time links mailed to applicants. A token carries 256 random bits; only its SHA-256 is stored
 * (a token that long needs no slow hash), so a leaked table opens no application. Links that open the application
 * form and links to the status page live side by side: a new link retires only the older ones of its own kind.
 */
@Component
public class OneTimeLinks {

    public enum Purpose {
        MAIN_APPLICATION, CORRECTION, STATUS;

        /** Whether the link opens the application form, or the status page. */
        public boolean opensForm() {
            return this != STATUS;
        }

        private List<String> kind() {
            return Arrays.stream(values()).filter(purpose -> purpose.opensForm() == opensForm())
                    .map(Purpose::name).toList();
        }
    }

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
        return create(applicationId, purpose, clock.instant().plus(deadlines.oneTimeLink()));
    }

    /** A new link of this kind valid for {@code validity}; the older ones of its kind die. */
    public IssuedLink create(long applicationId, Purpose purpose, Duration validity) {
        return create(applicationId, purpose, clock.instant().plus(validity));
    }

    /**
     * A new link in place of a lost one: the older ones die, the deadline stays (asking again does not extend the
     * time the application has).
     */
    public IssuedLink reissue(long applicationId, Purpose purpose) {
        Instant deadline = jdbc.sql("""
                        select max(expires_at) from one_time_link where application_id = :id and purpose in (:kind)
                        """)
                .param("id", applicationId)
                .param("kind", purpose.kind())
                .query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant)
                .orElseGet(() -> clock.instant().plus(deadlines.oneTimeLink()));
        return create(applicationId, purpose, deadline);
    }

    private IssuedLink create(long applicationId, Purpose purpose, Instant expiresAt) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        jdbc.sql("""
                        update one_time_link set revoked_at = :now
                        where application_id = :id and revoked_at is null and purpose in (:kind)
                        """)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("id", applicationId)
                .param("kind", purpose.kind())
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

    /**
     * Uses the link up: it opens once. Of two requests with the same token at once, one gets the link, the other
     * nothing.
     */
    public Optional<Link> consume(String token, Purpose purpose) {
        Optional<Link> link = findUsable(token).filter(found -> found.purpose() == purpose);
        if (link.isEmpty()) {
            return link;
        }
        int used = jdbc.sql("update one_time_link set revoked_at = :now where token_hash = :hash and revoked_at is null")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("hash", hash(token))
                .update();
        return used == 1 ? link : Optional.empty();
    }

    /** Once the application is sent (or withdrawn), no link of it opens the form again. */
    public void retireAll(long applicationId) {
        jdbc.sql("""
                        update one_time_link set revoked_at = :now
                        where application_id = :id and revoked_at is null and purpose in (:kind)
                        """)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("id", applicationId)
                .param("kind", Purpose.MAIN_APPLICATION.kind())
                .update();
    }

    /**
     * A plain SHA-256 is enough here, unlike for addresses: the token holds 256 random bits, so nobody can try every
     * token against the table the way every IPv4 address can be tried.
     */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
