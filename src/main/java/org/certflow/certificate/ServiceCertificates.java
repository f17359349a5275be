package org.certflow.certificate;

import org.certflow.pki.CertificateAuthority;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The CA's own service certificates in the audit log: the mail-signing and the OCSP signing certificate are
 * recorded once each, when a node first uses them (the CA issues or renews them at start) and when the model
 * {@code crl-publication} renews the mail-signing certificate ({@code ${serviceCertificates.renewMailSigningIfDue()}}).
 */
@Component("serviceCertificates")
public class ServiceCertificates {

    private final CertificateAuthority authority;
    private final CaAudit audit;

    public ServiceCertificates(CertificateAuthority authority, CaAudit audit) {
        this.authority = authority;
        this.audit = audit;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void recordCertificatesInUse() {
        if (authority.issuesMailSigner()) {
            audit.recordServiceCertificate(CaAudit.Operation.ISSUE_MAIL_SIGNING_CERTIFICATE,
                    authority.mailSigningCertificate());
        }
        audit.recordServiceCertificate(CaAudit.Operation.ISSUE_OCSP_SIGNING_CERTIFICATE,
                authority.ocspSigningCertificate());
    }

    /** Renews the mail-signing certificate in its last 30 days and records the new one; whether it changed. */
    public boolean renewMailSigningIfDue() {
        boolean renewed = authority.renewMailSigningIfDue();
        if (renewed) {
            audit.recordServiceCertificate(CaAudit.Operation.ISSUE_MAIL_SIGNING_CERTIFICATE,
                    authority.mailSigningCertificate());
        }
        return renewed;
    }
}
