package org.certflow.process;

import java.math.BigInteger;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.certificate.RevocationReason;
import org.springframework.stereotype.Component;

/**
 * The revocation start form, checked while it is submitted so that staff read a refusal at once: the order
 * number or serial number must name a valid certificate, the reason must be one of RFC 5280's that certflow
 * accepts, and the request needs an explanation for the approver. Only one request per application waits
 * for approval at a time.
 */
@Component("checkRevocationRequest")
public class CheckRevocationRequestDelegate implements JavaDelegate {

    static final String VAR_TARGET = "revocationTarget";
    static final String VAR_COMMENT = "revocationComment";
    static final String VAR_SERIAL_NUMBER = "serialNumber";
    static final int COMMENT_MAX = 1000;

    private final ApplicationRepository applications;
    private final CertificateRegistry certificates;
    private final Clock clock;

    public CheckRevocationRequestDelegate(ApplicationRepository applications, CertificateRegistry certificates,
                                          Clock clock) {
        this.applications = applications;
        this.certificates = certificates;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = text(execution.getVariable(VAR_TARGET));
        if (target.isEmpty()) {
            throw new IllegalArgumentException("受付番号（PBJ…）またはシリアル番号を入力してください");
        }
        Object reason = execution.getVariable(ProcessConstants.VAR_REVOCATION_REASON);
        try {
            RevocationReason.ofCode(Integer.parseInt(text(reason)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("失効理由を選択してください", e);
        }
        String comment = text(execution.getVariable(VAR_COMMENT));
        if (comment.isEmpty() || comment.length() > COMMENT_MAX) {
            throw new IllegalArgumentException("依頼の経緯を" + COMMENT_MAX + "文字以内で入力してください（承認者が確認します）");
        }
        IssuedCertificate certificate = find(target)
                .filter(found -> found.revokedAt() == null && found.notAfter().isAfter(clock.instant()))
                .orElseThrow(() -> new IllegalArgumentException((isOrderNumber(target) ? "受付番号 " : "シリアル番号 ")
                        + target + " に有効な電子証明書はありません"));
        Application application = applications.get(certificate.applicationId());
        long waiting = WithoutAuthorization.call(() -> execution.getProcessEngineServices().getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(ProcessConstants.REVOCATION_REQUEST)
                .variableValueEquals(RequestRevocationDelegate.VAR_ORDER_NUMBER, application.orderNumber())
                .count());
        if (waiting > 0) {
            throw new IllegalArgumentException(application.orderNumber() + " の失効依頼はすでに承認待ちです");
        }
        execution.setVariable(RequestRevocationDelegate.VAR_ORDER_NUMBER, application.orderNumber());
        execution.setVariable(VAR_SERIAL_NUMBER, certificate.serialNumber());
        execution.setVariable(ProcessConstants.VAR_REVOCATION_REASON, Integer.parseInt(text(reason)));
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
