package org.certflow.process;

import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.certificate.RevocationReason;
import org.certflow.review.RevocationRequests;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * The revocation start form, checked while it is submitted so that staff read a refusal at once: the order
 * number or serial number must name a valid certificate, the reason must be one of RFC 5280's that certflow
 * accepts, and the request needs an explanation for the approver. Only one request per application waits
 * for approval at a time.
 * <p>
 * The checked request is recorded in certflow's {@code revocation_request}, with the user the engine
 * authenticated for this start as its requester, and leaves the process: the approval and the revocation
 * read the record, which no task's candidate can rewrite. The instance's business key becomes the order
 * number, so Cockpit finds the request by it.
 */
@Component("checkRevocationRequest")
public class CheckRevocationRequestDelegate implements JavaDelegate {

    static final String VAR_TARGET = "revocationTarget";
    static final String VAR_COMMENT = "revocationComment";
    static final int COMMENT_MAX = 1000;

    private final ApplicationRepository applications;
    private final CertificateRegistry certificates;
    private final RevocationRequests requests;
    private final Clock clock;

    public CheckRevocationRequestDelegate(ApplicationRepository applications, CertificateRegistry certificates,
                                          RevocationRequests requests, Clock clock) {
        this.applications = applications;
        this.certificates = certificates;
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = text(execution.getVariable(VAR_TARGET));
        if (target.isEmpty()) {
            throw new IllegalArgumentException("受付番号（PBJ…）またはシリアル番号を入力してください");
        }
        Object reasonCode = execution.getVariable(ProcessConstants.VAR_REVOCATION_REASON);
        RevocationReason reason;
        try {
            reason = RevocationReason.ofCode(Integer.parseInt(text(reasonCode)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("失効理由を選択してください", e);
        }
        String comment = text(execution.getVariable(VAR_COMMENT));
        if (comment.isEmpty() || comment.length() > COMMENT_MAX) {
            throw new IllegalArgumentException("依頼の経緯を" + COMMENT_MAX + "文字以内で入力してください（承認者が確認します）");
        }
        IssuedCertificate certificate = find(target)
                // a certificate a registration authority enrolled over CMP is revoked by that RA, over CMP
                .filter(found -> found.applicationId() != null)
                .filter(found -> found.revokedAt() == null && found.notAfter().isAfter(clock.instant()))
                .orElseThrow(() -> new IllegalArgumentException((isOrderNumber(target) ? "受付番号 " : "シリアル番号 ")
                        + target + " に有効な電子証明書はありません"));
        Application application = applications.get(certificate.applicationId());
        long waiting = WithoutAuthorization.call(() -> execution.getProcessEngineServices().getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(ProcessConstants.REVOCATION_REQUEST)
                .processInstanceBusinessKey(application.orderNumber())
                .count());
        if (waiting > 0) {
            throw new IllegalArgumentException(application.orderNumber() + " の失効依頼はすでに承認待ちです");
        }
        Authentication requester = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (requester == null || requester.getUserId() == null) {
            throw new IllegalArgumentException("失効依頼は、登録局管理者としてログインして行ってください");
        }
        execution.setProcessBusinessKey(application.orderNumber());
        requests.add(execution.getProcessInstanceId(), application.id(), certificate.serialNumber(), reason, comment,
                requester.getUserId(), clock.instant());
        execution.removeVariables(List.of(VAR_TARGET, ProcessConstants.VAR_REVOCATION_REASON, VAR_COMMENT));
    }

    private Optional<IssuedCertificate> find(String target) {
        String upper = target.toUpperCase(Locale.ROOT);
        if (isOrderNumber(upper)) {
            return applications.findByOrderNumber(upper).flatMap(found -> certificates.findCurrent(found.id()));
        }
        String hex = upper.replaceAll("[\\s:]", "");
        if (hex.matches("[0-9A-F]{1,40}")) {
            return certificates.findBySerialNumber(new BigInteger(hex, 16).toString(16));
        }
        return Optional.empty();
    }

    private static boolean isOrderNumber(String target) {
        return target.toUpperCase(Locale.ROOT).matches("PBJ\\d{8}");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }
}
