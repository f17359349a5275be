package org.certflow.process;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.review.RevocationRequest;
import org.certflow.review.RevocationRequests;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * The approved revocation request passes to the application's process, which revokes and notifies. The
 * application and the certificate are those of the recorded request. Runs while the approval is completed,
 * so the approver reads a refusal at once when that certificate is no longer the valid one (revoked or
 * replaced meanwhile).
 */
@Component("requestRevocation")
public class RequestRevocationDelegate implements JavaDelegate {

    private final RuntimeService runtimeService;
    private final RevocationRequests requests;
    private final ApplicationRepository applications;
    private final CertificateRegistry certificates;

    public RequestRevocationDelegate(RuntimeService runtimeService, RevocationRequests requests,
                                     ApplicationRepository applications, CertificateRegistry certificates) {
        this.runtimeService = runtimeService;
        this.requests = requests;
        this.applications = applications;
        this.certificates = certificates;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RevocationRequest request = requests.ofProcessInstance(execution.getProcessInstanceId())
                .filter(RevocationRequest::approved)
                .orElseThrow(() -> new IllegalStateException("Revocation request " + execution.getProcessInstanceId()
                        + " is not approved"));
        Application application = applications.get(request.applicationId());
        boolean stillValid = certificates.findCurrent(application.id())
                .filter(current -> current.serialNumber().equals(request.serialNumber())).isPresent();
        if (!stillValid) {
            throw new IllegalArgumentException("シリアル番号 " + request.serialNumber() + " の電子証明書は、すでに失効または再発行されています");
        }
        try {
            // approved by a second ra-admin: the service, not that user, asks the application's process
            WithoutAuthorization.call(() -> runtimeService
                    .createMessageCorrelation(ProcessConstants.MESSAGE_REVOCATION_REQUESTED)
                    .processInstanceBusinessKey(application.orderNumber())
                    .correlateWithResult());
        } catch (MismatchingMessageCorrelationException e) {
            throw new IllegalArgumentException("受付番号 " + application.orderNumber() + " に有効な電子証明書はありません", e);
        }
    }
}
