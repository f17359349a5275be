package org.certflow.process;

import java.time.Clock;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.certificate.CaAudit;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.CrlPublication;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.certificate.RevocationReason;
import org.springframework.stereotype.Component;

/** Marks the application's certificate revoked and publishes a new CRL that lists it; OCSP answers revoked at once. */
@Component("revokeCertificate")
public class RevokeCertificateDelegate implements JavaDelegate {

    private final CertificateRegistry registry;
    private final ApplicationRepository applications;
    private final CrlPublication crls;
    private final CaAudit audit;
    private final Clock clock;

    public RevokeCertificateDelegate(CertificateRegistry registry, ApplicationRepository applications,
                                     CrlPublication crls, CaAudit audit, Clock clock) {
        this.registry = registry;
        this.applications = applications;
        this.crls = crls;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long applicationId = ApplicationStatusListener.applicationId(execution);
        Object reason = execution.getVariable(ProcessConstants.VAR_REVOCATION_REASON);
        RevocationReason revocationReason = RevocationReason.ofCode(reason == null ? 0 : ((Number) reason).intValue());
        Optional<IssuedCertificate> current = registry.findCurrent(applicationId);
        registry.revokeAll(applicationId, revocationReason.code(), clock.instant());
        applications.updateStatus(applicationId, ApplicationStatus.REVOKED, clock.instant());
        current.ifPresent(certificate -> audit.recordRevocation(certificate.subjectDn(),
                certificate.serialNumber(), "revocation-request (" + revocationReason.label() + ")", null, null));
        crls.publish("revocation of " + applications.get(applicationId).orderNumber(), "system");
    }
}
