package org.certflow.certificate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed pickup logins per order number and per client address, in the database so that every
 * node sees the same count. After too many failures the key is locked for a while; a success clears it.
 * Client addresses are kept only as hashes.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES_PER_ORDER = 5;
    static final int MAX_FAILURES_PER_CLIENT = 10;
    static final Duration LOCK = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String orderKey(String orderNumber) {
        return "order:" + orderNumber;
    }

    static String clientKey(String clientAddress) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(clientAddress).getBytes(StandardCharsets.UTF_8));
            return "client:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isLocked(String key) {
        Instant now = clock.instant();
        return jdbc.sql("select locked_until from login_throttle where throttle_key = :key")
                .param("key", key)
                .query(OffsetDateTime.class).optional()
                .filter(lockedUntil -> lockedUntil.toInstant().isAfter(now))
                .isPresent();
    }

    /** Records a failure; returns whether the key is locked now. */
    boolean recordFailure(String key, int maxFailures) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("update login_throttle set failures = failures + 1, updated_at = :now where throttle_key = :key")
                .param("now", now).param("key", key).update();
        if (updated == 0) {
            jdbc.sql("insert into login_throttle (throttle_key, failures, updated_at) values (:key, 1, :now)")
                    .param("key", key).param("now", now).update();
        }
        int failures = jdbc.sql("select failures from login_throttle where throttle_key = :key")
                .param("key", key).query(Integer.class).single();
        if (failures >= maxFailures) {
            jdbc.sql("update login_throttle set failures = 0, locked_until = :until where throttle_key = :key")
                    .param("until", now.plus(LOCK)).param("key", key).update();
            return true;
        }
        return false;
    }

    void clear(String key) {
        jdbc.sql("delete from login_throttle where throttle_key = :key").param("key", key).update();
    }
}
