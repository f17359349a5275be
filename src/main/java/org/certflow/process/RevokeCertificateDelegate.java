package org.certflow.process;

import java.time.Clock;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.application.ApplicationRepository;
import org.certflow.certificate.CaAudit;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.CrlPublication;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.certificate.RevocationReason;
import org.certflow.review.RevocationRequest;
import org.certflow.review.RevocationRequests;
import org.springframework.stereotype.Component;

/**
 * Marks the application's certificate revoked and publishes a new CRL that lists it; OCSP answers revoked at once.
 * Only a request that a second ra-admin approved revokes: its record gives the reason, and without one the step
 * stops as an incident instead of revoking.
 */
@Component("revokeCertificate")
public class RevokeCertificateDelegate implements JavaDelegate {

    private final CertificateRegistry registry;
    private final ApplicationRepository applications;
    private final CrlPublication crls;
    private final CaAudit audit;
    private final ProcessApplications processApplications;
    private final RevocationRequests requests;
    private final Clock clock;

    public RevokeCertificateDelegate(CertificateRegistry registry, ApplicationRepository applications,
                                     CrlPublication crls, CaAudit audit, ProcessApplications processApplications,
                                     RevocationRequests requests, Clock clock) {
        this.registry = registry;
        this.applications = applications;
        this.crls = crls;
        this.audit = audit;
        this.processApplications = processApplications;
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long applicationId = processApplications.idOf(execution);
        RevocationRequest request = requests.approvedFor(applicationId).orElseThrow(() -> new IllegalStateException(
                "No approved revocation request for application " + applicationId));
        RevocationReason revocationReason = request.reason();
        Optional<IssuedCertificate> current = registry.findCurrent(applicationId);
        registry.revokeAll(applicationId, revocationReason.code(), clock.instant());
        current.ifPresent(certificate -> audit.recordRevocation(certificate.subjectDn(),
                certificate.serialNumber(), "revocation-request (" + revocationReason.label() + ")", request.requestedBy(),
                request.approvedBy()));
        crls.publish("revocation of " + applications.get(applicationId).orderNumber(), "system");
    }
}
