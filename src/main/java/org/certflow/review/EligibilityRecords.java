package org.certflow.review;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.certflow.application.Qualification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The eligibility decisions; one per application, never changed once made. */
@Component
public class EligibilityRecords {

    private final JdbcClient jdbc;

    public EligibilityRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(EligibilityRecord record) {
        jdbc.sql("""
                insert into eligibility_check (application_id, eligible, fee_category, reason, decided_by, decided_at)
                values (:applicationId, :eligible, :feeCategory, :reason, :decidedBy, :decidedAt)
                """)
                .param("applicationId", record.applicationId())
                .param("eligible", record.eligible())
                .param("feeCategory", record.feeCategory() == null ? null : record.feeCategory().name())
                .param("reason", record.reason())
                .param("decidedBy", record.decidedBy())
                .param("decidedAt", OffsetDateTime.ofInstant(record.decidedAt(), ZoneOffset.UTC))
                .update();
    }

    public Optional<EligibilityRecord> find(long applicationId) {
        return jdbc.sql("""
                select application_id, eligible, fee_category, reason, decided_by, decided_at
                from eligibility_check where application_id = :id
                """)
                .param("id", applicationId)
                .query((rs, n) -> new EligibilityRecord(rs.getLong(1), rs.getBoolean(2),
                        rs.getString(3) == null ? null : Qualification.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .optional();
    }
}
