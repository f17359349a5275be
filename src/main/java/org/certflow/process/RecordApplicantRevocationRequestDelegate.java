package org.certflow.process;

import java.time.Clock;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.application.Application;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.review.ApplicantRevocationReason;
import org.certflow.review.RevocationRequests;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * The revocation the applicant asked for on the status page, recorded in certflow's {@code revocation_request}
 * with the applicant as requester, like {@link CheckRevocationRequestDelegate} records a request staff enter.
 * The application is the instance's business key, which the status page set from its session; the reason and the
 * explanation leave the process once recorded, so the approval reads only the record.
 * <p>
 * Only the portal starts this path: a logged-in user who sends this message over the engine's REST API, to file a
 * request in an applicant's name, is refused by {@link TaskFormGuard} (a logged-in start begins at the start form).
 * The checks of the status page run again here, inside the start: a valid certificate, and no other request
 * waiting for it.
 */
@Component("recordApplicantRevocationRequest")
public class RecordApplicantRevocationRequestDelegate implements JavaDelegate {

    static final int COMMENT_MAX = 500;

    private final ProcessApplications processApplications;
    private final CertificateRegistry certificates;
    private final RevocationRequests requests;
    private final Clock clock;

    public RecordApplicantRevocationRequestDelegate(ProcessApplications processApplications,
                                                    CertificateRegistry certificates, RevocationRequests requests,
                                                    Clock clock) {
        this.processApplications = processApplications;
        this.certificates = certificates;
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ApplicantRevocationReason reason = ApplicantRevocationReason
                .parse(text(execution.getVariable(ProcessConstants.VAR_APPLICANT_REVOCATION_REASON)))
                .orElseThrow(() -> new IllegalArgumentException("失効の理由を選択してください"));
        String comment = text(execution.getVariable(ProcessConstants.VAR_REVOCATION_COMMENT));
        if (comment.isEmpty() || comment.length() > COMMENT_MAX) {
            throw new IllegalArgumentException("失効をお申し出になる経緯を" + COMMENT_MAX + "文字以内で入力してください");
        }
        Application application = processApplications.of(execution);
        IssuedCertificate certificate = certificates.findCurrent(application.id())
                .filter(found -> found.notAfter().isAfter(clock.instant()))
                .orElseThrow(() -> new IllegalArgumentException("受付番号 " + application.orderNumber()
                        + " に有効な電子証明書はありません"));
        long others = WithoutAuthorization.call(() -> execution.getProcessEngineServices().getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(ProcessConstants.REVOCATION_REQUEST)
                .processInstanceBusinessKey(application.orderNumber())
                .list().stream()
                .filter(instance -> !instance.getId().equals(execution.getProcessInstanceId()))
                .count());
        if (others > 0) {
            throw new IllegalArgumentException(application.orderNumber() + " の失効依頼はすでに承認待ちです");
        }
        requests.addByApplicant(execution.getProcessInstanceId(), application.id(), application.orderNumber(),
                certificate.serialNumber(), reason, comment, clock.instant());
        execution.removeVariables(List.of(ProcessConstants.VAR_APPLICANT_REVOCATION_REASON,
                ProcessConstants.VAR_REVOCATION_COMMENT));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }
}
