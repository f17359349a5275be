package org.certflow.process;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.certificate.RevocationReason;
import org.springframework.stereotype.Component;

/**
 * The approved revocation request passes to the application's process, which revokes and notifies. Runs
 * while the approval is completed, so the approver reads a refusal at once when the certificate is no
 * longer valid (revoked or replaced meanwhile).
 */
@Component("requestRevocation")
public class RequestRevocationDelegate implements JavaDelegate {

    static final String VAR_ORDER_NUMBER = "orderNumber";

    private final RuntimeService runtimeService;

    public RequestRevocationDelegate(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderNumber = String.valueOf(execution.getVariable(VAR_ORDER_NUMBER)).strip();
        Object reasonValue = execution.getVariable(ProcessConstants.VAR_REVOCATION_REASON);
        int reason = RevocationReason.ofCode(reasonValue == null ? 0 : Integer.parseInt(reasonValue.toString())).code();
        try {
            // approved by a second ra-admin: the service, not that user, asks the application's process
            WithoutAuthorization.call(() -> runtimeService
                    .createMessageCorrelation(ProcessConstants.MESSAGE_REVOCATION_REQUESTED)
                    .processInstanceBusinessKey(orderNumber)
                    .setVariable(ProcessConstants.VAR_REVOCATION_REASON, reason)
                    .correlateWithResult());
        } catch (MismatchingMessageCorrelationException e) {
            throw new IllegalArgumentException("受付番号 " + orderNumber + " に有効な電子証明書はありません", e);
        }
    }
}
