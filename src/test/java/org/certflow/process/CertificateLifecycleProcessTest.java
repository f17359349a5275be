package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.certflow.application.ApplicationStatus;
import org.certflow.service.ProcessConstants;
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
        assertThat(mailbox(applicant).subjects()).endsWith(SERVICE + " 入金確認のお知らせ");

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
                "IssueReceipt", "ReviewApplication", "SendReviewCompletedMail", "SendPickupMail", "WaitForPickup",
                "SendCertificateIssuedMail");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.CERTIFICATE_VALID);
        assertThat(mailbox(applicant).subjects()).as("the issuance is announced").hasSize(7)
                .endsWith("電子証明書発行のお知らせ/ " + applicant.orderNumber() + " : " + PICKUP_LABEL);

        expiryNoticesGoOutAtNineInTokyoThreeMonthsAndOneMonthBeforeAndOnTheDay(applicant, notAfter);
    }

    /** The certificate's life after pickup, walked on by the test above: it costs a whole application. */
    private void expiryNoticesGoOutAtNineInTokyoThreeMonthsAndOneMonthBeforeAndOnTheDay(Applicant applicant,
                                                                                      Instant notAfter) {
        LocalDate expiryDay = notAfter.atZone(TOKYO).toLocalDate();
        int mailsBefore = mailbox(applicant).subjects().size();

        expectNoticeExactlyAt(applicant, expiryDay.minusMonths(3).atTime(9, 0), EXPIRY_THREE_MONTHS);
        assertThat(instance(applicant)).isWaitingAt("ExpirySecondNoticeDue");
        assertThat(mailbox(applicant).only(EXPIRY_THREE_MONTHS).body()).contains("3か月後")
                .contains(expiryDay.getYear() + "年" + expiryDay.getMonthValue() + "月" + expiryDay.getDayOfMonth() + "日");

        expectNoticeExactlyAt(applicant, expiryDay.minusMonths(1).atTime(9, 0), EXPIRY_ONE_MONTH);
        assertThat(instance(applicant)).isWaitingAt("ExpiryDay");

        // a certificate that expires before 09:00 is told at the start of its last day
        LocalTime dayNoticeAt = notAfter.atZone(TOKYO).toLocalTime().isAfter(LocalTime.of(9, 0))
                ? LocalTime.of(9, 0) : LocalTime.MIDNIGHT;
        expectNoticeExactlyAt(applicant, expiryDay.atTime(dayNoticeAt), EXPIRY_DAY);
        assertThat(mailbox(applicant).only(EXPIRY_DAY).body()).contains("本日");

        assertEnded(applicant);
        assertThat(endEventsReached(applicant)).containsSubsequence("PaymentCompleted", "CertificateIssuedAnnounced",
                "CertificateLifeEnded", "CertificateExpired")
                .as("the licence image went 90 days after the approval, while the certificate lived")
                .contains("ApprovedLicenceImageDeleted").hasSize(5);
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.CERTIFICATE_EXPIRED);
        assertThat(mailbox(applicant).subjects()).hasSize(mailsBefore + 3);
    }

    /** A minute before its time (Tokyo) nothing leaves; at its time the notice does, once. */
    private void expectNoticeExactlyAt(Applicant applicant, LocalDateTime at, String subject) {
        travelTo(at.minusMinutes(1));
        runJobs(applicant);
        assertThat(mailbox(applicant).subjects()).doesNotContain(subject);

        travelTo(at);
        runJobs(applicant);
        assertThat(mailbox(applicant).only(subject)).isNotNull();
    }
}
