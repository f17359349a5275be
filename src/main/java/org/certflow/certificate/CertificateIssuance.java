package org.certflow.certificate;

import java.security.cert.X509Certificate;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every certificate the issuing CA signs for a holder leaves behind, whichever way it was asked for (a pickup,
 * an enrolment over CMP): its row in the register, which the CRL, OCSP and the expiry notices read, and its entry
 * in the CA audit.
 */
@Component
public class CertificateIssuance {

    private final CertificateRegistry registry;
    private final CaAudit audit;

    CertificateIssuance(CertificateRegistry registry, CaAudit audit) {
        this.registry = registry;
        this.audit = audit;
    }

    /**
     * @param applicationId the application, or {@code null} for a certificate a registration authority enrolled
     * @param actor         who asked for it, as the audit shows it
     */
    @Transactional
    public void record(Long applicationId, X509Certificate certificate, Instant issuedAt, String actor) {
        registry.record(applicationId, certificate, issuedAt);
        audit.record(CaAudit.Operation.ISSUE_CERTIFICATE, certificate.getSubjectX500Principal().getName(),
                certificate.getSerialNumber().toString(16), actor);
    }
}
