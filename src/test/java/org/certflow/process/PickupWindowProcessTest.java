package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDateTime;

import org.certflow.application.ApplicationStatus;
import org.certflow.service.ProcessConstants;
import org.junit.jupiter.api.Test;

/** After approval the certificate can be picked up for 30 days; reminders on days 15 and 30, then cancellation. */
class PickupWindowProcessTest extends ProcessTestSupport {

    @Test
    void pickupWindowClosesAtMidnightAfterDayThirty() {
        travelTo(LocalDateTime.of(2026, 12, 1, 10, 0));
        Applicant applicant = inReview();
        travelTo(LocalDateTime.of(2026, 12, 1, 15, 30));
        review(applicant, ProcessConstants.DECISION_APPROVE, null);

        String label = applicant.orderNumber() + " : " + PICKUP_LABEL;
        String pickupMail = "電子証明書取得のお願い/ " + label;
        String firstReminder = "電子証明書取得のお願い(再送)/ " + label;
        String secondReminder = "電子証明書取得のお願い(再再送)/ " + label;
        String cancellation = "電子証明書自動キャンセルのお知らせ/ " + label;

        assertThat(mailbox(applicant).only(SERVICE + " 審査完了のお知らせ")).isNotNull();
        assertThat(mailbox(applicant).only(pickupMail).body()).contains("2026年12月31日");
        assertThat(instance(applicant)).isWaitingAt("WaitForPickup");

        expectOnlyFrom(applicant, LocalDateTime.of(2026, 12, 16, 9, 0), firstReminder);
        expectOnlyFrom(applicant, LocalDateTime.of(2026, 12, 31, 9, 0), secondReminder);
        assertThat(instance(applicant)).isWaitingAt("WaitForPickup");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_PICKUP);

        expectOnlyFrom(applicant, LocalDateTime.of(2027, 1, 1, 0, 0), cancellation);
        assertThat(instance(applicant)).as("the fee was paid: accounting refunds it").isWaitingAt("RecordRefund");
        assertThat(endEventsReached(applicant)).contains("PickupReminded", "PickupRemindedAgain")
                .doesNotContain("CancelledNotPickedUp");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.REFUND_PENDING);
        assertThat(mailbox(applicant).subjects()).endsWith(pickupMail, firstReminder, secondReminder, cancellation);
    }

    @Test
    void pickedUpCertificateIsNoLongerRemindedNorCancelled() {
        travelTo(LocalDateTime.of(2026, 12, 1, 10, 0));
        Applicant applicant = awaitingPickup();
        travelTo(LocalDateTime.of(2026, 12, 10, 12, 0));
        pickUp(applicant);

        travelTo(LocalDateTime.of(2027, 1, 2, 0, 0));
        runJobs(applicant);
        assertThat(mailbox(applicant).subjects()).noneMatch(subject -> subject.contains("(再送)")
                || subject.contains("(再再送)") || subject.contains("自動キャンセル"));
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.CERTIFICATE_VALID);
        assertThat(instance(applicant)).isWaitingAt("ExpiryFirstNoticeDue");
    }

    /** One minute before the instant nothing leaves; at the instant the mail does, once. */
    private void expectOnlyFrom(Applicant applicant, LocalDateTime tokyoTime, String subject) {
        travelTo(tokyoTime.minusMinutes(1));
        runJobs(applicant);
        assertThat(mailbox(applicant).subjects()).as("at %s", tokyoTime.minusMinutes(1)).doesNotContain(subject);
        travelTo(tokyoTime);
        runJobs(applicant);
        assertThat(mailbox(applicant).only(subject)).isNotNull();
    }
}
