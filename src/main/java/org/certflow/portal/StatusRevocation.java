package org.certflow.portal;

import java.time.Clock;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.review.ApplicantRevocationReason;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The applicant's revocation request from the status page: allowed while the application's certificate is valid
 * and no request for it waits, decided again on the server with the application's row locked. The
 * {@code revocation-request} model records it with the applicant as requester and gives it to {@code ra-admins}.
 */
@Component
class StatusRevocation {

    private final ApplicationRepository applications;
    private final CertificateRegistry certificates;
    private final RuntimeService runtimeService;
    private final Clock clock;

    StatusRevocation(ApplicationRepository applications, CertificateRegistry certificates,
                     RuntimeService runtimeService, Clock clock) {
        this.applications = applications;
        this.certificates = certificates;
        this.runtimeService = runtimeService;
        this.clock = clock;
    }

    @Transactional
    void request(long applicationId, ApplicantRevocationReason reason, String comment) {
        Application application = applications.lock(applicationId);
        if (!hasValidCertificate(application)) {
            throw new StatusActions.Refused("status.revoke.noCertificate");
        }
        if (pending(application)) {
            throw new StatusActions.Refused("status.revoke.pending");
        }
        runtimeService.startProcessInstanceByMessage(ProcessConstants.MESSAGE_APPLICANT_REVOCATION_REQUESTED,
                application.orderNumber(), Map.of(
                        ProcessConstants.VAR_APPLICANT_REVOCATION_REASON, reason.name(),
                        ProcessConstants.VAR_REVOCATION_COMMENT, comment));
    }

    boolean hasValidCertificate(Application application) {
        return application.status() == ApplicationStatus.CERTIFICATE_VALID
                && certificates.findCurrent(application.id())
                        .filter(current -> current.notAfter().isAfter(clock.instant())).isPresent();
    }

    /** A request for this application, the applicant's or staff's, waits for ra-admins. */
    boolean pending(Application application) {
        return runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ProcessConstants.REVOCATION_REQUEST)
                .processInstanceBusinessKey(application.orderNumber())
                .count() > 0;
    }
}
