package org.certflow.process;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.certflow.billing.Invoice;
import org.certflow.billing.Invoices;
import org.certflow.billing.Payments.Payment;
import org.certflow.billing.Payments;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * Records the payment that accounting entered in the task form, after checking it on the server: a positive
 * amount, a real day between the invoice date and today, and a comment whenever the amount is not exactly
 * what was still due. The model loops back to the task while money is missing; a refusal keeps the task open
 * and Tasklist shows the message. The form's inputs live on in the payment table, not in the process.
 */
@Component("paymentConfirmation")
public class PaymentConfirmation {

    static final String VAR_AMOUNT_RECEIVED = "amountReceived";
    static final String VAR_RECEIVED_ON = "receivedOn";
    static final String VAR_PAYMENT_COMMENT = "paymentComment";
    static final int COMMENT_MAX = 1000;

    private final Invoices invoices;
    private final Payments payments;
    private final DeadlineProperties deadlines;
    private final ProcessApplications applications;
    private final Clock clock;

    public PaymentConfirmation(Invoices invoices, Payments payments, DeadlineProperties deadlines,
                               ProcessApplications applications, Clock clock) {
        this.invoices = invoices;
        this.payments = payments;
        this.deadlines = deadlines;
        this.applications = applications;
        this.clock = clock;
    }

    public void check(DelegateTask task) {
        long applicationId = applications.of(task).id();
        Invoice invoice = invoices.find(applicationId)
                .orElseThrow(() -> new IllegalStateException("請求書が見つかりません"));
        long outstanding = invoice.totalAmount() - payments.totalReceived(applicationId);
        int received = amount(task.getVariable(VAR_AMOUNT_RECEIVED));
        LocalDate receivedOn = receivedOn(task.getVariable(VAR_RECEIVED_ON), invoice);
        String comment = text(task.getVariable(VAR_PAYMENT_COMMENT));
        if (comment.length() > COMMENT_MAX) {
            throw new IllegalArgumentException("コメントは" + COMMENT_MAX + "文字以内で入力してください");
        }
        if (received != outstanding && comment.isEmpty()) {
            throw new IllegalArgumentException("入金額 " + yen(received) + " 円が未入金額 " + yen(outstanding)
                    + " 円と一致しません。差額の理由をコメントに入力してください");
        }
        payments.record(new Payment(applicationId, received, receivedOn, comment.isEmpty() ? null : comment,
                TaskActor.of(task), clock.instant()));
        boolean paidInFull = received >= outstanding;
        if (paidInFull) {
            invoices.markPaid(applicationId, receivedOn);
        }
        task.getExecution().setVariable(ProcessConstants.VAR_PAID_IN_FULL, paidInFull);
        task.getExecution().removeVariables(List.of(VAR_AMOUNT_RECEIVED, VAR_RECEIVED_ON, VAR_PAYMENT_COMMENT));
    }

    private static int amount(Object value) {
        long amount;
        try {
            amount = value instanceof Number number ? number.longValue() : Long.parseLong(text(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("入金額を半角数字で入力してください");
        }
        if (amount <= 0 || amount > 10_000_000) {
            throw new IllegalArgumentException("入金額は1円から10,000,000円の間で入力してください");
        }
        return (int) amount;
    }

    private LocalDate receivedOn(Object value, Invoice invoice) {
        LocalDate receivedOn;
        try {
            receivedOn = LocalDate.parse(text(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("入金日を YYYY-MM-DD の形式で入力してください");
        }
        if (receivedOn.isAfter(clock.instant().atZone(deadlines.zone()).toLocalDate())) {
            throw new IllegalArgumentException("入金日に未来の日付は指定できません");
        }
        if (receivedOn.isBefore(invoice.issuedOn())) {
            throw new IllegalArgumentException("入金日が請求日 " + invoice.issuedOn() + " より前です");
        }
        return receivedOn;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }

    private static String yen(long amount) {
        return String.format("%,d", amount);
    }
}
