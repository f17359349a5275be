package org.certflow.certificate.letter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.certflow.application.ApplicationRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The requests for a new distribution letter and what became of them. Callers hold the application's row lock
 * where a rule spans requests (one open request at a time); each step changes a request only from the state
 * before it, so a retried or doubled step changes nothing twice.
 */
@Component
public class LetterReissues {

    public static final int NOTE_MAX = 500;
    public static final int REASON_MAX = 1000;

    private final JdbcClient jdbc;
    private final ApplicationRepository applications;

    public LetterReissues(JdbcClient jdbc, ApplicationRepository applications) {
        this.jdbc = jdbc;
        this.applications = applications;
    }

    /** The application's most recent request, if it ever asked. */
    public Optional<LetterReissue> latest(long applicationId) {
        return jdbc.sql("""
                select * from letter_reissue where application_id = :id
                order by requested_at desc, id desc fetch first 1 rows only
                """).param("id", applicationId).query(LetterReissues::map).optional();
    }

    public void add(long applicationId, String note, Instant now) {
        jdbc.sql("insert into letter_reissue (application_id, note, requested_at) values (:id, :note, :at)")
                .param("id", applicationId).param("note", note).param("at", utc(now)).update();
    }

    /** Records the decision on the application's undecided request. */
    public void decide(long applicationId, String decision, String decidedBy, String reason, Instant now) {
        int updated = jdbc.sql("""
                update letter_reissue set decision = :decision, decided_by = :by, decision_reason = :reason,
                    decided_at = :at
                where application_id = :id and decision is null
                """)
                .param("decision", decision).param("by", decidedBy).param("reason", reason)
                .param("at", utc(now)).param("id", applicationId).update();
        if (updated != 1) {
            throw new IllegalStateException("Application " + applicationId + " has no undecided letter request");
        }
    }

    /**
     * Approval's effect: the password of every letter issued so far stops logging in, and the new letter can be
     * downloaded. Once per request: a retry finds it done.
     */
    @Transactional
    public void retireOldPassword(long applicationId, Instant now) {
        int updated = jdbc.sql("""
                update letter_reissue set password_retired_at = :at
                where application_id = :id and decision = :approve and password_retired_at is null
                """).param("at", utc(now)).param("id", applicationId).param("approve", LetterReissue.APPROVE).update();
        if (updated == 1) {
            applications.replacePickupPasswordHash(applicationId, null, now);
        }
    }

    /** Claims the one download of the approved letter; false when there is none to claim. */
    boolean claimDownload(long applicationId, Instant now) {
        return jdbc.sql("""
                update letter_reissue set downloaded_at = :at
                where application_id = :id and decision = :approve and password_retired_at is not null
                    and downloaded_at is null
                """).param("at", utc(now)).param("id", applicationId).param("approve", LetterReissue.APPROVE)
                .update() == 1;
    }

    private static LetterReissue map(ResultSet row, int number) throws SQLException {
        return new LetterReissue(row.getLong("id"), row.getLong("application_id"), row.getString("note"),
                instant(row, "requested_at"), row.getString("decision"), row.getString("decided_by"),
                row.getString("decision_reason"), instant(row, "decided_at"), instant(row, "password_retired_at"),
                instant(row, "downloaded_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
