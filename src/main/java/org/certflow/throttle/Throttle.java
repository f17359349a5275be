package org.certflow.throttle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.certflow.application.DataProtectionKeys;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts hits per key (failed logins of an address, provisional applications to a recipient) in the database, so
 * that every node counts the same: nothing lives in one node's memory. A key that reaches its limit within its
 * window is locked for a while; hits on a locked key are refused and not counted. Personal keys (client and mail
 * addresses) are kept only as keyed hashes, see {@link #key}.
 * <p>
 * A count joins the caller's transaction through a savepoint (or runs in its own when there is none): a request never
 * needs a second connection, so a burst of requests cannot starve the pool while each waits for one more. Two first
 * hits on a new key at once both try to insert it; the loser goes back to its savepoint and counts again on the row
 * the winner made. Portable SQL only: no upsert dialect of H2 or PostgreSQL.
 */
@Component
public class Throttle {

    /** Names the derived key: another purpose of the same data protection key gets an unrelated one. */
    static final String KEY_LABEL = "certflow throttle keys v1";

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final SecretKey hashKey;

    public Throttle(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                    DataProtectionKeys dataProtection) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.hashKey = new SecretKeySpec(dataProtection.derive(KEY_LABEL), "HmacSHA256");
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * At most {@code max} hits within {@code window}; the hit that reaches {@code max} locks the key for
     * {@code lock}, or until the window ends when {@code lock} is {@code null}.
     */
    public record Limit(int max, Duration window, Duration lock) {

        public Limit {
            if (max < 1) {
                throw new IllegalArgumentException("a throttle limit must allow at least one hit");
            }
            Objects.requireNonNull(window, "window");
        }

        /** {@code max} hits per {@code window}, then nothing until the window ends. */
        public static Limit perWindow(int max, Duration window) {
            return new Limit(max, window, null);
        }
    }

    /**
     * What one hit did: {@code refused} when the key was locked already (the hit was not counted); otherwise it was
     * counted, and {@code lockedUntil} says whether it reached the limit and locked the key.
     */
    public record Outcome(boolean refused, Optional<Instant> lockedUntil) {
        public boolean locked() {
            return lockedUntil.isPresent();
        }
    }

    /** The end of the key's lock, if it is locked now. */
    public Optional<Instant> lockedUntil(String key) {
        Instant now = clock.instant();
        return jdbc.sql("select locked_until from throttle where throttle_key = :key")
                .param("key", key)
                .query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant)
                .filter(until -> until.isAfter(now));
    }

    public Outcome hit(String key, Limit limit) {
        try {
            return savepoint.execute(status -> count(key, limit));
        } catch (DuplicateKeyException firstHitElsewhere) {
            return savepoint.execute(status -> count(key, limit));
        }
    }

    public void clear(String key) {
        jdbc.sql("delete from throttle where throttle_key = :key").param("key", key).update();
    }

    /** Forgets counts whose window and lock are over; what a hit would reset anyway. */
    public int purgeExpired() {
        OffsetDateTime now = utc(clock.instant());
        return jdbc.sql("""
                        delete from throttle
                        where window_ends_at < :now and (locked_until is null or locked_until < :now)
                        """)
                .param("now", now).update();
    }

    /**
     * A key that names a person's address without storing it: the kind and 128 bits of its HMAC-SHA256. A plain hash
     * would not do: there are only 2^32 IPv4 addresses, and mail addresses can be guessed, so anybody with the table
     * could try them all. The key is derived from the current data protection key (the same on every node, kept
     * across restarts); a new current key starts the counts afresh, which only ever costs minutes of delay.
     */
    public String key(String kind, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            mac.update(kind.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            return kind + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private Outcome count(String key, Limit limit) {
        Instant now = clock.instant();
        Optional<Row> current = jdbc.sql("""
                        select hits, window_ends_at, locked_until from throttle where throttle_key = :key for update
                        """)
                .param("key", key)
                .query((rs, n) -> new Row(rs.getInt("hits"),
                        rs.getObject("window_ends_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("locked_until", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant).orElse(null)))
                .optional();
        if (current.isPresent() && current.get().lockedUntil() != null && current.get().lockedUntil().isAfter(now)) {
            return new Outcome(true, Optional.of(current.get().lockedUntil()));
        }
        boolean windowOpen = current.isPresent() && current.get().windowEndsAt().isAfter(now);
        int hits = windowOpen ? current.get().hits() + 1 : 1;
        Instant windowEndsAt = windowOpen ? current.get().windowEndsAt() : now.plus(limit.window());
        Instant lockedUntil = null;
        if (hits >= limit.max()) {
            lockedUntil = limit.lock() == null ? windowEndsAt : now.plus(limit.lock());
            // the next window starts when the lock ends
            hits = 0;
            windowEndsAt = lockedUntil;
        }
        String sql = current.isPresent()
                ? "update throttle set hits = :hits, window_ends_at = :windowEndsAt, locked_until = :lockedUntil"
                        + " where throttle_key = :key"
                : "insert into throttle (throttle_key, hits, window_ends_at, locked_until)"
                        + " values (:key, :hits, :windowEndsAt, :lockedUntil)";
        jdbc.sql(sql)
                .param("key", key)
                .param("hits", hits)
                .param("windowEndsAt", utc(windowEndsAt))
                .param("lockedUntil", lockedUntil == null ? null : utc(lockedUntil), Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
        return new Outcome(false, Optional.ofNullable(lockedUntil));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Row(int hits, Instant windowEndsAt, Instant lockedUntil) {
    }
}
