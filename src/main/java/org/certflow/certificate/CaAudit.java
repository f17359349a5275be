package org.certflow.certificate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log of the CA's signing operations: who, what, when. Rows are only ever added, each chained to the
 * one before by its hash ({@link CaAuditEntry}); {@link CaAuditChain} checks the chain.
 * <p>
 * A row is added under the lock of the one row of {@code ca_audit_head}, which holds the newest row's id and
 * hash: writers on every node queue there, so the chain never forks, and a removed newest row is noticed.
 * The lock is held until the caller's transaction ends, so a rolled-back operation leaves no row and no gap.
 */
@Component
public class CaAudit {

    /** What the CA signed. */
    public enum Operation {
        ISSUE_CERTIFICATE, REVOKE_CERTIFICATE, PUBLISH_CRL,
        /** The service's S/MIME signing certificate, issued at the first start or renewed. */
        ISSUE_MAIL_SIGNING_CERTIFICATE,
        /** The delegated OCSP signing certificate, issued at the first start or renewed. */
        ISSUE_OCSP_SIGNING_CERTIFICATE
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    CaAudit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public void record(Operation operation, String subject, String serial, String actor) {
        append(operation, subject, serial, actor, null, null);
    }

    /**
     * A revocation with the staff member who asked for it and the one who approved it (either unknown, for a
     * revocation no person asked for, e.g. a certificate superseded at a second pickup).
     */
    @Transactional
    public void recordRevocation(String subject, String serial, String actor, String requestedBy, String approvedBy) {
        append(Operation.REVOKE_CERTIFICATE, subject, serial, actor, requestedBy, approvedBy);
    }

    /**
     * Records one of the CA's own service certificates (mail signing, OCSP signing) unless it is recorded already:
     * each node checks the certificates it uses, and the one that issued or first sees a certificate records it.
     */
    @Transactional
    public void recordServiceCertificate(Operation operation, X509Certificate certificate) {
        lockHead();
        String serial = certificate.getSerialNumber().toString(16);
        boolean recorded = jdbc.sql("select count(*) from ca_audit where operation = :operation and serial = :serial")
                .param("operation", operation.name()).param("serial", serial)
                .query(Long.class).single() > 0;
        if (!recorded) {
            append(operation, certificate.getSubjectX500Principal().getName(), serial, "certflow", null, null);
        }
    }

    private void append(Operation operation, String subject, String serial, String actor, String requestedBy,
                        String approvedBy) {
        String previousHash = lockHead();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CaAuditEntry entry = new CaAuditEntry(operation.name(), subject, serial, actor, requestedBy, approvedBy, at);
        String hash = entry.hash(previousHash);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into ca_audit (operation, subject, serial, actor, requested_by, approved_by, at, hash)
                values (:operation, :subject, :serial, :actor, :requestedBy, :approvedBy, :at, :hash)
                """)
                .param("operation", entry.operation())
                .param("subject", subject)
                .param("serial", serial)
                .param("actor", actor)
                .param("requestedBy", requestedBy)
                .param("approvedBy", approvedBy)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("hash", hash)
                .update(key, "id");
        jdbc.sql("update ca_audit_head set last_id = :id, last_hash = :hash where id = 1")
                .param("id", key.getKeyAs(Number.class).longValue())
                .param("hash", hash)
                .update();
    }

    /** Takes the chain's lock for the rest of the transaction; returns the newest row's hash. */
    private String lockHead() {
        return jdbc.sql("select last_hash from ca_audit_head where id = 1 for update").query(String.class).single();
    }
}
