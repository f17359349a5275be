package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;

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
        assertEnded(applicant);
        assertThat(reached(applicant, "CancelledUnpaid")).isTrue();
        assertThat(reached(applicant, "ReviewApplication")).isFalse();
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.CANCELLED_UNPAID);
        assertThat(openTasks(applicant, "ConfirmPayment")).isZero();
    }

    @Test
    void paymentOfAnotherAmountWithoutCommentOrOnAFutureDayIsRefusedAndTheTaskStaysOpen() {
        Applicant applicant = awaitingPayment();
        String taskId = task(applicant, "ConfirmPayment").getId();
        long total = invoiceTotal(applicant);

        assertThatThrownBy(() -> taskService.complete(taskId, Map.of(
                "amountReceived", total - 1, "receivedOn", today().toString())))
                .hasStackTraceContaining("が未入金額 " + String.format("%,d", total) + " 円と一致しません")
                .hasStackTraceContaining("差額の理由をコメントに入力してください");
        assertThatThrownBy(() -> taskService.complete(taskId, Map.of(
                "amountReceived", 0, "receivedOn", today().toString(), "paymentComment", "x")))
                .hasStackTraceContaining("入金額は1円から");

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

    @Test
    void partialPaymentIsRecordedAndTheTaskComesBackForTheRestWithTheSameDeadline() {
        Applicant applicant = awaitingPayment();
        long total = invoiceTotal(applicant);
        Task first = task(applicant, "ConfirmPayment");
        assertThat(first.getName()).isEqualTo("入金確認: " + applicant.orderNumber() + " 一級建築士");
        assertThat(first.getDescription()).contains("請求額 " + String.format("%,d", total) + "円");
        Date deadline = first.getDueDate();
        assertThat(deadline).isCloseTo(Date.from(first.getCreateTime().toInstant().plus(Duration.ofDays(30))), 1000);
        assertThat(first.getFollowUpDate())
                .isCloseTo(Date.from(first.getCreateTime().toInstant().plus(Duration.ofDays(14))), 1000);

        driver.travel(Duration.ofDays(3));
        taskService.complete(first.getId(), Map.of("amountReceived", 5000L, "receivedOn", today().toString(),
                "paymentComment", "振込手数料を差し引いた一部入金。残額は連絡済み"));
        runJobs(applicant);

        Task rest = task(applicant, "ConfirmPayment");
        assertThat(rest.getId()).isNotEqualTo(first.getId());
        assertThat(rest.getName()).endsWith("（残額 " + String.format("%,d", total - 5000) + "円）");
        assertThat(rest.getDueDate()).as("a partial payment does not move the deadline").isCloseTo(deadline, 1000);
        assertThat(paidOn(applicant)).isNull();
        assertThat(runtimeService.getVariables(applicant.processInstanceId()))
                .as("the form's inputs are in the payment table, not in the process")
                .doesNotContainKeys("amountReceived", "receivedOn", "paymentComment")
                .containsEntry("paidInFull", false);
        assertThat(jdbc.sql("select amount, comment from payment where application_id = :id")
                .param("id", applicant.applicationId()).query().listOfRows())
                .singleElement().satisfies(row -> assertThat(row.values()).contains(5000));

        driver.travel(Duration.ofDays(12));
        runJobs(applicant);
        assertThat(mailbox(applicant).subjects()).as("the reminder still counts from the invoice")
                .containsOnlyOnce(PAYMENT_REMINDER);

        taskService.complete(rest.getId(), Map.of("amountReceived", total - 5000, "receivedOn", today().toString()));
        runJobs(applicant);
        assertThat(paidOn(applicant)).isEqualTo(today());
        assertThat(instance(applicant)).isWaitingAt("ReviewApplication");
        assertThat(jdbc.sql("select sum(amount) from payment where application_id = :id")
                .param("id", applicant.applicationId()).query(Long.class).single()).isEqualTo(total);
    }

    @Test
    void overpaymentIsAcceptedWithACommentForTheRefund() {
        Applicant applicant = awaitingPayment();
        long total = invoiceTotal(applicant);
        taskService.complete(task(applicant, "ConfirmPayment").getId(), Map.of("amountReceived", total + 1000,
                "receivedOn", today().toString(), "paymentComment", "1,000円過入金。返金手続き中"));
        runJobs(applicant);
        assertThat(paidOn(applicant)).isEqualTo(today());
        assertThat(instance(applicant)).isWaitingAt("ReviewApplication");
    }

    /** Walked on by the test above, after the refusals: the exact amount, received today, is accepted. */
    private void confirmedPaymentStopsTheReminderAndTheDeadline(Applicant applicant) {
        confirmPayment(applicant);
        assertThat(paidOn(applicant)).isEqualTo(today());
        assertThat(instance(applicant)).isWaitingAt("ReviewApplication");
        assertThat(mailbox(applicant).only(SERVICE + " 入金確認のお知らせ").body())
                .containsPattern("領収書番号: RCP-\\d{4}-\\d{6}")
                .contains("金額: " + String.format("%,d", invoiceTotal(applicant)) + "円（税込）");
        assertThat(jdbc.sql("select count(*) from receipt where application_id = :id")
                .param("id", applicant.applicationId()).query(Integer.class).single()).isEqualTo(1);

        driver.travel(Duration.ofDays(31));
        runJobs(applicant);
        assertThat(mailbox(applicant).subjects()).doesNotContain(PAYMENT_REMINDER, PAYMENT_CANCELLED);
        assertThat(instance(applicant)).isWaitingAt("ReviewApplication");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.IN_REVIEW);
    }
}
