package org.certflow.process;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.RevocationReason;
import org.springframework.stereotype.Component;

/** Marks the application's certificate revoked; the CRL lists it from then on. */
@Component("revokeCertificate")
public class RevokeCertificateDelegate implements JavaDelegate {

    private final CertificateRegistry registry;
    private final ApplicationRepository applications;
    private final Clock clock;

    public RevokeCertificateDelegate(CertificateRegistry registry, ApplicationRepository applications, Clock clock) {
        this.registry = registry;
        this.applications = applications;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long applicationId = ApplicationStatusListener.applicationId(execution);
        Object reason = execution.getVariable(ProcessConstants.VAR_REVOCATION_REASON);
        RevocationReason revocationReason = RevocationReason.ofCode(reason == null ? 0 : ((Number) reason).intValue());
        registry.revokeAll(applicationId, revocationReason.code(), clock.instant());
        applications.updateStatus(applicationId, ApplicationStatus.REVOKED, clock.instant());
    }
}
