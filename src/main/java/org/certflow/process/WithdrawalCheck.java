package org.certflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.certflow.billing.Payments;
import org.springframework.stereotype.Component;

/**
 * Withdrawal ends an application only while nothing has been paid: money received goes back by a refund, which
 * this path does not make. The model asks here on the withdrawal event, inside the transaction that takes it, so a
 * payment recorded between the portal's own check and the event still stops the withdrawal.
 */
@Component("withdrawalCheck")
public class WithdrawalCheck {

    private final Payments payments;
    private final ProcessApplications processApplications;

    public WithdrawalCheck(Payments payments, ProcessApplications processApplications) {
        this.payments = payments;
        this.processApplications = processApplications;
    }

    public void nothingPaid(DelegateExecution execution) {
        if (payments.totalReceived(processApplications.idOf(execution)) > 0) {
            throw new IllegalStateException("入金済みのお申込みは取り下げられません");
        }
    }
}
