package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.billing.Invoice;
import org.certflow.billing.Invoices;
import org.certflow.billing.Refunds;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.StaffApi;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;

/**
 * A paid application rejected, refunded by accounting through the REST calls Tasklist makes, and the return invoice
 * mailed; on the way, the attempts of staff who do not play fair: a reviewer completing accounting's task, a forged
 * "who", a refund above what was received.
 */
@CertflowTest
class RefundJourneyTest {

    static final String REFUND_MAIL = "MCCI電子証明書サービス 返金のお知らせ";

    @Autowired StaffApi api;
    @Autowired TestApplications testApplications;
    @Autowired ApplicationRepository applications;
    @Autowired TaskService taskService;
    @Autowired ProcessDriver driver;
    @Autowired Invoices invoices;
    @Autowired Refunds refunds;
    @Autowired GreenMail greenMail;

    @AfterEach
    void resetClock() {
        driver.resetClock();
    }

    @Test
    void paidThenRejectedIsRefundedByAccountingInTasklistAndTheApplicantGetsTheReturnInvoice() throws Exception {
        Application application = rejectedAfterPayment();
        Invoice invoice = invoices.find(application.id()).orElseThrow();
        String query = "/engine-rest/task?processInstanceBusinessKey=" + application.orderNumber()
                + "&taskDefinitionKey=RecordRefund";

        HttpResponse<String> forAccounting = api.call("GET", query, "keiri", null);
        assertThat(forAccounting.body()).contains("返金: ");
        String taskId = forAccounting.body().replaceFirst("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
        assertThat(api.call("GET", query, "shinsa", null).body()).as("not in a reviewer's Tasklist").isEqualTo("[]");
        HttpResponse<String> form = api.call("GET", "/staff/api/tasks/" + taskId + "/application", "keiri", null);
        assertThat(form.body()).contains(invoice.invoiceNumber()).contains("\"received\":" + invoice.totalAmount());

        String submit = "/engine-rest/task/" + taskId + "/submit-form";
        HttpResponse<String> byReviewer = api.call("POST", submit, "shinsa", refundForm(invoice.totalAmount(), null, ""));
        assertThat(byReviewer.statusCode()).as("a reviewer cannot complete the refund").isEqualTo(403);

        HttpResponse<String> forgedWho = api.call("POST", submit, "keiri", refundForm(invoice.totalAmount(), null,
                ",\"recordedBy\":{\"value\":\"admin\",\"type\":\"String\"}"));
        assertThat(forgedWho.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(forgedWho.body()).contains("このタスクのフォームにない項目は送信・変更できません（recordedBy）");

        HttpResponse<String> tooMuch = api.call("POST", submit, "keiri",
                refundForm(invoice.totalAmount() + 1000, "手数料込みで返金", ""));
        assertThat(tooMuch.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(tooMuch.body()).contains("入金額を超える返金はできません");
        HttpResponse<String> rewrite = api.call("PUT", "/engine-rest/task/" + taskId + "/variables/refundAmount",
                "keiri", "{\"value\":1,\"type\":\"Long\"}");
        assertThat(rewrite.statusCode()).isEqualTo(403);
        assertThat(refunds.find(application.id())).as("nothing recorded yet").isEmpty();

        HttpResponse<String> done = api.call("POST", submit, "keiri", refundForm(invoice.totalAmount(), null, ""));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        driver.runDueJobs();

        assertThat(applications.get(application.id()).status()).isEqualTo(ApplicationStatus.REFUNDED);
        assertThat(refunds.find(application.id()).orElseThrow().recordedBy()).isEqualTo("keiri");
        MimeMessage mail = ReceivedMails.withSubject(greenMail, application.email(), REFUND_MAIL);
        assertThat(ReceivedMails.verifiedSigner(mail)).isNotNull();
        assertThat(ReceivedMails.text(mail)).contains("受付番号: " + application.orderNumber())
                .contains(String.format("%,d円", invoice.totalAmount()));
        String pdf = text(ReceivedMails.attachment(mail, "pdf"));
        assertThat(pdf).contains("返還インボイス", "適格返還請求書", invoice.invoiceNumber(),
                "受付番号 " + application.orderNumber(), String.format("¥%,d", invoice.totalAmount()),
                String.format("¥%,d", invoice.taxAmount()));
    }

    private Application rejectedAfterPayment() {
        Application application = testApplications.awaitingPayment("返金設計");
        taskService.complete(task(application, "ConfirmPayment").getId(), Map.of(
                "amountReceived", (long) invoices.find(application.id()).orElseThrow().totalAmount(),
                "receivedOn", today().toString()));
        driver.runDueJobs();
        taskService.complete(task(application, "ReviewApplication").getId(), Map.of(
                "reviewDecision", "reject", "reviewComment", "資格を確認できません"));
        driver.runDueJobs();
        assertThat(applications.get(application.id()).status()).isEqualTo(ApplicationStatus.REFUND_PENDING);
        return application;
    }

    private Task task(Application application, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey(key).singleResult();
    }

    /** What the refund form submits, as JSON for submit-form, with {@code extra} variables appended. */
    private static String refundForm(long amount, String comment, String extra) {
        return "{\"variables\":{\"refundAmount\":{\"value\":" + amount + ",\"type\":\"Long\"},"
                + "\"refundedOn\":{\"value\":\"" + today() + "\",\"type\":\"String\"}"
                + (comment == null ? "" : ",\"refundComment\":{\"value\":\"" + comment + "\",\"type\":\"String\"}")
                + extra + "}}";
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Tokyo"));
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
