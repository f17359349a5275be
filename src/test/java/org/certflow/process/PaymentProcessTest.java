package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Map;

import org.certflow.application.ApplicationStatus;
import org.junit.jupiter.api.Test;

/** Waiting for the payment: accounting's check, the reminder after 14 days, the cancellation after 30. */
class PaymentProcessTest extends ProcessTestSupport {

    static final String PAYMENT_REMINDER = SERVICE + " 入金のお願い";
    static final String PAYMENT_CANCELLED = SERVICE + " お申込みキャンセルのお知らせ";

    @Test
    void unpaidApplicationIsRemindedAfterFourteenDaysAndCancelledAfterThirty() {
        Applicant applicant = awaitingPayment();

        driver.travel(Duration.ofDays(14).minusMinutes(1));
        runJobs(applicant);
        assertThat(mailbox(applicant).subjects()).doesNotContain(PAYMENT_REMINDER);

        driver.travel(Duration.ofMinutes(1));
        runJobs(applicant);
        assertThat(mailbox(applicant).only(PAYMENT_REMINDER).body()).contains(applicant.orderNumber());
        assertThat(instance(applicant)).isWaitingAt("ConfirmPayment");
        assertThat(openTasks(applicant, "ConfirmPayment")).as("the reminder leaves the task open").isEqualTo(1);
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_PAYMENT);

        driver.travel(Duration.ofDays(16).minusMinutes(1));
        runJobs(applicant);
        assertThat(mailbox(applicant).subjects()).doesNotContain(PAYMENT_CANCELLED);
        assertThat(instance(applicant)).isWaitingAt("ConfirmPayment");

        driver.travel(Duration.ofMinutes(1));
        runJobs(applicant);
        assertThat(mailbox(applicant).only(PAYMENT_CANCELLED)).isNotNull();
        assertThat(mailbox(applicant).only(PAYMENT_REMINDER)).as("reminded once").isNotNull();
        assertThat(instance(applicant)).isEnded();
        assertThat(reached(applicant, "CancelledUnpaid")).isTrue();
        assertThat(reached(applicant, "ReviewApplication")).isFalse();
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.CANCELLED_UNPAID);
        assertThat(openTasks(applicant, "ConfirmPayment")).isZero();
    }

    @Test
    void paymentOfAnotherAmountOrOnAFutureDayIsRefusedAndTheTaskStaysOpen() {
        Applicant applicant = awaitingPayment();
        String taskId = task(applicant, "ConfirmPayment").getId();
        long total = invoiceTotal(applicant);

        assertThatThrownBy(() -> taskService.complete(taskId, Map.of(
                "amountReceived", total - 1, "receivedOn", today().toString())))
                .hasStackTraceContaining("が請求額 " + total + " 円と一致しません");

        assertThat(instance(applicant)).isWaitingAt("ConfirmPayment");
        assertThat(openTasks(applicant, "ConfirmPayment")).isEqualTo(1);
        assertThat(paidOn(applicant)).isNull();
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_PAYMENT);

        assertThatThrownBy(() -> taskService.complete(taskId, Map.of(
                "amountReceived", invoiceTotal(applicant), "receivedOn", today().plusDays(1).toString())))
                .hasStackTraceContaining("入金日に未来の日付は指定できません");
        assertThatThrownBy(() -> taskService.complete(taskId, Map.of(
                "amountReceived", invoiceTotal(applicant), "receivedOn", "yesterday")))
                .hasStackTraceContaining("入金日を YYYY-MM-DD の形式で入力してください");

        assertThat(instance(applicant)).isWaitingAt("ConfirmPayment");
        assertThat(paidOn(applicant)).isNull();

        confirmedPaymentStopsTheReminderAndTheDeadline(applicant);
    }

    /** Walked on by the test above, after the refusals: the exact amount, received today, is accepted. */
    private void confirmedPaymentStopsTheReminderAndTheDeadline(Applicant applicant) {
        confirmPayment(applicant);
        assertThat(paidOn(applicant)).isEqualTo(today());
        assertThat(instance(applicant)).isWaitingAt("ReviewApplication");

        driver.travel(Duration.ofDays(31));
        runJobs(applicant);
        assertThat(mailbox(applicant).subjects()).doesNotContain(PAYMENT_REMINDER, PAYMENT_CANCELLED);
        assertThat(instance(applicant)).isWaitingAt("ReviewApplication");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.IN_REVIEW);
    }
}
