package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.ApplicationStatus;
import org.certflow.billing.Refund;
import org.certflow.billing.Refunds;
import org.certflow.service.ProcessConstants;
import org.certflow.support.ReceivedMails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jakarta.mail.internet.MimeMessage;

/**
 * The refund after a paid application ended: accounting's task, its checks on the server, the return invoice
 * (返還インボイス) and its signed mail.
 */
class RefundProcessTest extends ProcessTestSupport {

    static final String REFUND_MAIL = SERVICE + " 返金のお知らせ";

    @Autowired Refunds refunds;

    @Test
    void aRejectedPaidApplicationIsRefundedInFullAndTheApplicantGetsTheReturnInvoice() throws IOException {
        Applicant applicant = rejectedAfterPayment();
        Task refund = task(applicant, "RecordRefund");
        assertThat(refund.getName()).startsWith("返金: ");
        assertThat(refund.getDueDate().toInstant()).as("the refund period, 14 days by default, from the rejection")
                .isBetween(driver.now().plus(Duration.ofDays(14)).minusSeconds(60), driver.now().plus(Duration.ofDays(14)));
        assertThat(taskService.getIdentityLinksForTask(refund.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("accounting"));

        asStaff("keiri", () -> taskService.complete(refund.getId(), refundForm(invoiceTotal(applicant), null)));
        runJobs(applicant);

        assertEnded(applicant);
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.REFUNDED);
        Refund recorded = refunds.find(applicant.applicationId()).orElseThrow();
        assertThat(recorded.recordedBy()).isEqualTo("keiri");
        assertThat(recorded.amount()).isEqualTo((int) invoiceTotal(applicant));
        assertThat(recorded.returnInvoiceNumber()).matches("RFD-\\d{4}-\\d{6}");

        MimeMessage mail = ReceivedMails.withSubject(greenMail, applicant.email(), REFUND_MAIL);
        assertThat(ReceivedMails.text(mail)).contains("受付番号: " + applicant.orderNumber())
                .contains(recorded.returnInvoiceNumber()).contains(String.format("%,d", invoiceTotal(applicant)));
        assertThat(ReceivedMails.verifiedSigner(mail)).isNotNull();
        String pdf = text(ReceivedMails.attachment(mail, "pdf"));
        String invoiceNumber = invoices.find(applicant.applicationId()).orElseThrow().invoiceNumber();
        assertThat(pdf).contains("返還インボイス", "適格返還請求書", recorded.returnInvoiceNumber(), invoiceNumber,
                applicant.orderNumber(), String.format("¥%,d", invoiceTotal(applicant)));
        assertThat(mailbox(applicant).subjects()).containsOnlyOnce(REFUND_MAIL);
    }

    @Test
    void aPartialRefundNeedsAReasonAndNoRefundExceedsWhatWasReceived() {
        Applicant applicant = rejectedAfterPayment();
        Task refund = task(applicant, "RecordRefund");
        long total = invoiceTotal(applicant);

        assertThatThrownBy(() -> asStaff("keiri", () -> taskService.complete(refund.getId(),
                refundForm(total + 1, "多めに返金")))).hasMessageContaining("入金額を超える返金はできません");
        assertThatThrownBy(() -> asStaff("keiri", () -> taskService.complete(refund.getId(),
                refundForm(total - 440, null)))).hasMessageContaining("理由（振込手数料など）をコメントに入力してください");
        assertThat(instance(applicant)).isWaitingAt("RecordRefund");
        assertThat(refunds.find(applicant.applicationId())).isEmpty();

        asStaff("keiri", () -> taskService.complete(refund.getId(), refundForm(total - 440, "振込手数料440円を差し引き")));
        runJobs(applicant);

        Refund recorded = refunds.find(applicant.applicationId()).orElseThrow();
        assertThat(recorded.amount()).isEqualTo((int) total - 440);
        assertThat(recorded.taxAmount()).as("the tax within the amount returned, at 10%")
                .isEqualTo((int) ((total - 440) * 10 / 110));
        assertThat(recorded.comment()).isEqualTo("振込手数料440円を差し引き");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.REFUNDED);
    }

    @Test
    void aRefundWithoutALoggedInUserIsRefusedWhateverTheFormSays() {
        Applicant applicant = rejectedAfterPayment();
        Map<String, Object> form = refundForm(invoiceTotal(applicant), null);

        assertThatThrownBy(() -> taskService.complete(task(applicant, "RecordRefund").getId(), form))
                .hasMessageContaining("担当者を特定できません");
        assertThat(refunds.find(applicant.applicationId())).isEmpty();
    }

    private Applicant rejectedAfterPayment() {
        Applicant applicant = inReview();
        review(applicant, ProcessConstants.DECISION_REJECT, "登録番号が免許証の画像と一致しません。");
        assertThat(instance(applicant)).isWaitingAt("RecordRefund");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.REFUND_PENDING);
        return applicant;
    }

    private Map<String, Object> refundForm(long amount, String comment) {
        Map<String, Object> form = new HashMap<>();
        form.put("refundAmount", amount);
        form.put("refundedOn", today().toString());
        if (comment != null) {
            form.put("refundComment", comment);
        }
        return form;
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
