package org.certflow.retention;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.certflow.application.ApplicationRepository;
import org.certflow.application.LicenceImage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes an application's licence image for good, and keeps what shows afterwards which image was checked: its
 * SHA-256, type and size, who checked it (the reviewers of the decision, or the ra-admin of the eligibility check),
 * the decision and why the image went. Running it again finds nothing to delete and changes nothing.
 */
@Component
public class LicenceImageDisposal {

    /** Why the image went. */
    public enum Reason {
        /** Its retention period ({@code certflow.retention.licence-image}) ended. */
        RETENTION,
        /** The applicant asked for it to be deleted. */
        ERASURE_REQUEST
    }

    /** What is kept of a deleted image. */
    public record Disposal(long applicationId, String sha256, String contentType, int sizeBytes, String checkedBy,
                           String decision, Reason reason, Instant disposedAt) {
    }

    private final ApplicationRepository applications;
    private final JdbcClient jdbc;
    private final RetentionSchedule schedule;

    public LicenceImageDisposal(ApplicationRepository applications, JdbcClient jdbc, RetentionSchedule schedule) {
        this.applications = applications;
        this.jdbc = jdbc;
        this.schedule = schedule;
    }

    /** Deletes the image and records it; false when there was none (never uploaded, or already deleted). */
    @Transactional
    public boolean dispose(long applicationId, Reason reason, Instant now) {
        Optional<LicenceImage> image = applications.findLicenceImage(applicationId);
        if (image.isEmpty()) {
            return false;
        }
        int deleted = jdbc.sql("delete from licence_image where application_id = :id").param("id", applicationId)
                .update();
        if (deleted == 0) {
            return false;
        }
        Optional<RetentionSchedule.Decision> decision = schedule.finalDecision(applicationId);
        jdbc.sql("""
                insert into licence_image_disposal (application_id, sha256, content_type, size_bytes, checked_by,
                    decision, reason, disposed_at)
                values (:id, :sha256, :contentType, :size, :checkedBy, :decision, :reason, :now)
                """)
                .param("id", applicationId)
                .param("sha256", sha256(image.get().content()))
                .param("contentType", image.get().contentType())
                .param("size", image.get().content().length)
                .param("checkedBy", checkedBy(applicationId, decision))
                .param("decision", decision.map(RetentionSchedule.Decision::decision).orElse(null))
                .param("reason", reason.name())
                .param("now", RetentionSchedule.utc(now))
                .update();
        return true;
    }

    public Optional<Disposal> of(long applicationId) {
        return jdbc.sql("""
                select application_id, sha256, content_type, size_bytes, checked_by, decision, reason, disposed_at
                from licence_image_disposal where application_id = :id
                """).param("id", applicationId)
                .query((rs, n) -> new Disposal(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6), Reason.valueOf(rs.getString(7)),
                        rs.getObject(8, OffsetDateTime.class).toInstant()))
                .optional();
    }

    public boolean disposed(long applicationId) {
        return jdbc.sql("select count(*) from licence_image_disposal where application_id = :id")
                .param("id", applicationId).query(Long.class).single() > 0;
    }

    /** The staff who looked at the image for a decision: the reviewers of the decided revision, the eligibility check. */
    private String checkedBy(long applicationId, Optional<RetentionSchedule.Decision> decision) {
        Set<String> staff = new LinkedHashSet<>(jdbc.sql("""
                select decided_by from eligibility_check where application_id = :id
                """).param("id", applicationId).query(String.class).list());
        if (decision.isPresent()) {
            staff.addAll(jdbc.sql("""
                    select reviewer from review_record where application_id = :id and revision = :revision
                    and reviewer is not null order by decided_at, id
                    """).param("id", applicationId).param("revision", decision.get().revision())
                    .query(String.class).list());
        }
        String joined = String.join(",", staff);
        return joined.isEmpty() ? null : joined.substring(0, Math.min(joined.length(), 200));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
