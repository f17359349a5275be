package org.certflow.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.certflow.certificate.RevocationReason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Revocation requests and their decisions, the record that the approval and the revocation act on. A request
 * is added once and decided once; nothing is deleted.
 */
@Component
public class RevocationRequests {

    private final JdbcClient jdbc;

    public RevocationRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String processInstanceId, long applicationId, String serialNumber, RevocationReason reason,
                    String comment, String requestedBy, Instant requestedAt) {
        insert(processInstanceId, applicationId, serialNumber, reason, comment, requestedBy, requestedAt, null);
    }

    /**
     * Records what the applicant asked on the status page, with the RFC 5280 reason it maps to; the requester is
     * the application's applicant, named by its order number.
     */
    public void addByApplicant(String processInstanceId, long applicationId, String orderNumber, String serialNumber,
                               ApplicantRevocationReason reason, String comment, Instant requestedAt) {
        insert(processInstanceId, applicationId, serialNumber, reason.rfc5280(), comment,
                RevocationRequest.APPLICANT + orderNumber, requestedAt, reason);
    }

    private void insert(String processInstanceId, long applicationId, String serialNumber, RevocationReason reason,
                        String comment, String requestedBy, Instant requestedAt,
                        ApplicantRevocationReason applicantReason) {
        jdbc.sql("""
                insert into revocation_request (process_instance_id, application_id, serial_number, reason_code,
                    comment, requested_by, requested_at, applicant_reason)
                values (:processInstanceId, :applicationId, :serialNumber, :reason, :comment, :requestedBy, :at,
                    :applicantReason)
                """)
                .param("processInstanceId", processInstanceId)
                .param("applicationId", applicationId)
                .param("serialNumber", serialNumber)
                .param("reason", reason.code())
                .param("comment", comment)
                .param("requestedBy", requestedBy)
                .param("at", OffsetDateTime.ofInstant(requestedAt, ZoneOffset.UTC))
                .param("applicantReason", applicantReason == null ? null : applicantReason.name())
                .update();
    }

    /** The request that a {@code revocation-request} process instance carries. */
    public Optional<RevocationRequest> ofProcessInstance(String processInstanceId) {
        return jdbc.sql("select * from revocation_request where process_instance_id = :id")
                .param("id", processInstanceId).query(RevocationRequests::map).optional();
    }

    /**
     * The approved request that revokes the application's certificate, with who requested and who approved
     * it; empty if no revocation of this application was ever approved.
     */
    public Optional<RevocationRequest> approvedFor(long applicationId) {
        return jdbc.sql("""
                select * from revocation_request where application_id = :id and decision = :approve
                order by decided_at desc, id desc fetch first 1 rows only
                """)
                .param("id", applicationId).param("approve", RevocationRequest.APPROVE)
                .query(RevocationRequests::map).optional();
    }

    /** Records the decision; a request is decided only once. */
    public void decide(long id, String decision, String decidedBy, String comment, Instant decidedAt) {
        int updated = jdbc.sql("""
                update revocation_request set decision = :decision, decided_by = :decidedBy,
                    decision_comment = :comment, decided_at = :at
                where id = :id and decision is null
                """)
                .param("id", id)
                .param("decision", decision)
                .param("decidedBy", decidedBy)
                .param("comment", comment)
                .param("at", OffsetDateTime.ofInstant(decidedAt, ZoneOffset.UTC))
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Revocation request " + id + " is already decided");
        }
    }

    private static RevocationRequest map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime decidedAt = rs.getObject("decided_at", OffsetDateTime.class);
        return new RevocationRequest(rs.getLong("id"), rs.getString("process_instance_id"),
                rs.getLong("application_id"), rs.getString("serial_number"),
                RevocationReason.ofCode(rs.getInt("reason_code")), rs.getString("comment"),
                rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
                rs.getString("decision"), rs.getString("decided_by"),
                decidedAt == null ? null : decidedAt.toInstant(), rs.getString("decision_comment"),
                ApplicantRevocationReason.parse(rs.getString("applicant_reason")).orElse(null));
    }
}
