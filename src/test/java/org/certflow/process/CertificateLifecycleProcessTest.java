package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.certflow.application.ApplicationStatus;
import org.junit.jupiter.api.Test;

/** From the provisional application to the picked-up certificate, and its life until it expires. */
class CertificateLifecycleProcessTest extends ProcessTestSupport {

    static final String EXPIRY_THREE_MONTHS = SERVICE + " 有効期限のお知らせ(三ヶ月前)";
    static final String EXPIRY_ONE_MONTH = SERVICE + " 有効期限のお知らせ(一ヶ月前)";
    static final String EXPIRY_DAY = SERVICE + " 有効期限のお知らせ(当日)";

    @Test
    void applicantIsMailedAtEveryStepToPickupAndIsNoticedBeforeTheCertificateExpires() {
        Applicant applicant = applyProvisionally();
        assertThat(instance(applicant)).isWaitingAt("WaitForMainApplication");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_MAIN_APPLICATION);
        assertThat(mailbox(applicant).subjects()).containsExactly(SERVICE + " 建築士免許証画像アップロードURL");
        assertThat(mailbox(applicant).only(SERVICE + " 建築士免許証画像アップロードURL").body())
                .contains(applicant.orderNumber()).containsPattern("http://localhost/link/[A-Za-z0-9_-]{40,}");

        submitMainApplication(applicant);
        assertThat(instance(applicant)).isWaitingAt("ConfirmPayment");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_PAYMENT);
        assertThat(mailbox(applicant).subjects()).containsExactly(SERVICE + " 建築士免許証画像アップロードURL",
                SERVICE + " 登録内容確認", SERVICE + " 請求書");
        assertThat(task(applicant, "ConfirmPayment").getDueDate()).isNotNull();

        confirmPayment(applicant);
        assertThat(instance(applicant)).isWaitingAt("ReviewApplication");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.IN_REVIEW);
        assertThat(paidOn(applicant)).isEqualTo(today());

        review(applicant, ProcessConstants.DECISION_APPROVE, null);
        assertThat(instance(applicant)).isWaitingAt("WaitForPickup");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_PICKUP);
        assertThat(mailbox(applicant).subjects()).endsWith(SERVICE + " 審査完了のお知らせ",
                "電子証明書取得のお願い/ " + applicant.orderNumber() + " : " + PICKUP_LABEL);
        assertThat(applicant.orderNumber()).matches("PBJ\\d{8}");

        Instant notAfter = pickUp(applicant);
        assertThat(notAfter).isAfter(driver.now().plus(Duration.ofDays(360)));
        assertThat(instance(applicant)).isWaitingAt("ExpiryFirstNoticeDue");
        assertThat(instance(applicant)).hasPassed("ProvisionalApplicationReceived", "SendUploadLinkMail",
                "WaitForMainApplication", "SendRegistrationConfirmationMail", "IssueInvoice", "ConfirmPayment",
                "ReviewApplication", "SendReviewCompletedMail", "SendPickupMail", "WaitForPickup");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.CERTIFICATE_VALID);
        assertThat(mailbox(applicant).subjects()).as("no mail at pickup").hasSize(5);

        expiryNoticesGoOutAtNineInTokyoThreeMonthsAndOneMonthBeforeAndOnTheDay(applicant, notAfter);
    }

    /** The certificate's life after pickup, walked on by the test above: it costs a whole application. */
    private void expiryNoticesGoOutAtNineInTokyoThreeMonthsAndOneMonthBeforeAndOnTheDay(Applicant applicant,
                                                                                      Instant notAfter) {
        LocalDate expiryDay = notAfter.atZone(TOKYO).toLocalDate();
        int mailsBefore = mailbox(applicant).subjects().size();

        expectNoticeExactlyAt(applicant, expiryDay.minusMonths(3), EXPIRY_THREE_MONTHS);
        assertThat(instance(applicant)).isWaitingAt("ExpirySecondNoticeDue");
        assertThat(mailbox(applicant).only(EXPIRY_THREE_MONTHS).body()).contains("三ヶ月後")
                .contains(expiryDay.getYear() + "年" + expiryDay.getMonthValue() + "月" + expiryDay.getDayOfMonth() + "日");

        expectNoticeExactlyAt(applicant, expiryDay.minusMonths(1), EXPIRY_ONE_MONTH);
        assertThat(instance(applicant)).isWaitingAt("ExpiryDay");

        expectNoticeExactlyAt(applicant, expiryDay, EXPIRY_DAY);
        assertThat(mailbox(applicant).only(EXPIRY_DAY).body()).contains("本日");

        assertThat(instance(applicant)).isEnded();
        assertThat(endEventsReached(applicant)).containsExactly("CertificateLifeEnded", "CertificateExpired");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.CERTIFICATE_EXPIRED);
        assertThat(mailbox(applicant).subjects()).hasSize(mailsBefore + 3);
    }

    /** A minute before 09:00 Tokyo on that day nothing leaves; at 09:00 the notice does, once. */
    private void expectNoticeExactlyAt(Applicant applicant, LocalDate day, String subject) {
        travelTo(day.atTime(8, 59));
        runJobs(applicant);
        assertThat(mailbox(applicant).subjects()).doesNotContain(subject);

        travelTo(day.atTime(9, 0));
        runJobs(applicant);
        assertThat(mailbox(applicant).only(subject)).isNotNull();
    }
}
