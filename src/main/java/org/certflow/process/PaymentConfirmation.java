package org.certflow.process;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.certflow.billing.Invoice;
import org.certflow.billing.Invoices;
import org.springframework.stereotype.Component;

/**
 * Checks the payment task form on the server before the task completes: the amount received must be the
 * invoice's total and the date a real day not in the future. A refusal keeps the task open and Tasklist
 * shows the message.
 */
@Component("paymentConfirmation")
public class PaymentConfirmation {

    static final String VAR_AMOUNT_RECEIVED = "amountReceived";
    static final String VAR_RECEIVED_ON = "receivedOn";

    private final Invoices invoices;
    private final DeadlineProperties deadlines;
    private final Clock clock;

    public PaymentConfirmation(Invoices invoices, DeadlineProperties deadlines, Clock clock) {
        this.invoices = invoices;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    public void check(DelegateTask task) {
        long applicationId = ((Number) task.getVariable(ProcessConstants.VAR_APPLICATION_ID)).longValue();
        Invoice invoice = invoices.find(applicationId)
                .orElseThrow(() -> new IllegalStateException("請求書が見つかりません"));
        Object amount = task.getVariable(VAR_AMOUNT_RECEIVED);
        long received;
        try {
            received = amount instanceof Number number ? number.longValue() : Long.parseLong(String.valueOf(amount).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("入金額を半角数字で入力してください");
        }
        if (received != invoice.totalAmount()) {
            throw new IllegalArgumentException("入金額 " + received + " 円が請求額 " + invoice.totalAmount()
                    + " 円と一致しません");
        }
        LocalDate receivedOn;
        try {
            receivedOn = LocalDate.parse(String.valueOf(task.getVariable(VAR_RECEIVED_ON)).strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("入金日を YYYY-MM-DD の形式で入力してください");
        }
        if (receivedOn.isAfter(clock.instant().atZone(deadlines.zone()).toLocalDate())) {
            throw new IllegalArgumentException("入金日に未来の日付は指定できません");
        }
        invoices.markPaid(applicationId, receivedOn);
    }
}
