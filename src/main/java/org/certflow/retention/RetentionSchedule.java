package org.certflow.retention;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When each retention step of an application is due, computed from certflow's own records only (the review's
 * decision, the application's end, the certificates' end, the tax documents' days), never from a process variable a
 * task could have written. The model's retention timers read these dates.
 */
@Component
public class RetentionSchedule {

    private final JdbcClient jdbc;
    private final RetentionProperties properties;
    private final TaxRecordDisposal taxRecords;

    public RetentionSchedule(JdbcClient jdbc, RetentionProperties properties, TaxRecordDisposal taxRecords) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.taxRecords = taxRecords;
    }

    /** The application's end, recorded once, when it enters its retention tail; later calls keep the first. */
    public void recordEnding(long applicationId, Instant now) {
        jdbc.sql("update application set ended_at = :now where id = :id and ended_at is null")
                .param("now", utc(now)).param("id", applicationId).update();
    }

    public boolean licenceImageHeld(long applicationId) {
        return jdbc.sql("select count(*) from licence_image where application_id = :id")
                .param("id", applicationId).query(Long.class).single() > 0;
    }

    /**
     * The licence image goes this long after the review's decision (approval or rejection); an application that
     * ended without one (withdrawn, cancelled, not eligible, a correction never made) counts from its end.
     */
    public Instant licenceImageDeletion(long applicationId, Instant now) {
        Instant from = finalDecision(applicationId).map(Decision::decidedAt)
                .or(() -> endedAt(applicationId)).orElse(now);
        return plus(from, properties.licenceImage());
    }

    /**
     * The applicant's details go this long after the certificate's end (its revocation, or its expiry), or after
     * the end of an application that never had a certificate; never before the application ended. Data already
     * reduced at the applicant's request is due at once, so the tail forgets the rest (variables, history) then.
     */
    public Instant personalDataReduction(long applicationId, Instant now) {
        Optional<Instant> erased = reducedAt(applicationId);
        if (erased.isPresent()) {
            return erased.get();
        }
        Instant ended = endedAt(applicationId).orElse(now);
        Instant certificateEnd = jdbc.sql("""
                select coalesce(revoked_at, not_after) from issued_certificate where application_id = :id
                """).param("id", applicationId).query(OffsetDateTime.class).list().stream()
                .map(OffsetDateTime::toInstant).max(Comparator.naturalOrder()).orElse(ended);
        Instant from = certificateEnd.isAfter(ended) ? certificateEnd : ended;
        return plus(from, properties.personalData());
    }

    public boolean taxRecordsHeld(long applicationId) {
        return !taxRecords.retained(applicationId).isEmpty();
    }

    /** The first moment at which every tax record of the application may go: the day after the latest one's end. */
    public Instant taxRecordDisposal(long applicationId, Instant now) {
        return taxRecords.disposableFrom(applicationId).orElse(now);
    }

    /** The decision the licence image was checked for: the latest review record, when it approved or rejected. */
    Optional<Decision> finalDecision(long applicationId) {
        List<Decision> decisions = jdbc.sql("""
                select decision, decided_at, revision from review_record where application_id = :id
                order by decided_at desc, id desc
                """).param("id", applicationId)
                .query((rs, n) -> new Decision(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getInt(3)))
                .list();
        return decisions.stream().findFirst()
                .filter(latest -> "approve".equals(latest.decision()) || "reject".equals(latest.decision()));
    }

    /** When the application entered its retention tail; empty while it is in progress. */
    public Optional<Instant> endedAt(long applicationId) {
        return jdbc.sql("select ended_at from application where id = :id").param("id", applicationId)
                .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
    }

    /** Set when the data was reduced ahead of its period, at the applicant's request: the tail's step runs at once. */
    private Optional<Instant> reducedAt(long applicationId) {
        return jdbc.sql("select personal_data_reduced_at from application where id = :id").param("id", applicationId)
                .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
    }

    private Instant plus(Instant from, Period period) {
        return from.atZone(properties.zone()).plus(period).toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    record Decision(String decision, Instant decidedAt, int revision) {
    }
}
