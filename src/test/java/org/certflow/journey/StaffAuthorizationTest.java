package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.Application;
import org.certflow.billing.Invoices;
import org.certflow.billing.Receipts;
import org.certflow.certificate.CertificatePickup;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.privacy.PersonalDataAccess;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.StaffApi;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each group sees and does only its own work, over the same REST API Tasklist uses: a reviewer can neither
 * read nor complete a payment task, accounting cannot read a review, nobody anonymous gets in, and the saved
 * filters show each group its tasks.
 */
@CertflowTest
class StaffAuthorizationTest {

    @Autowired StaffApi api;
    @Autowired TestApplications applications;
    @Autowired TaskService taskService;
    @Autowired FilterService filterService;
    @Autowired ProcessDriver driver;
    @Autowired Invoices invoices;
    @Autowired Receipts receipts;
    @Autowired CertificatePickup pickup;
    @Autowired CertificateRegistry certificates;
    @Autowired PersonalDataAccess accessTrace;

    @AfterEach
    void resetClock() {
        driver.resetClock();
    }

    @Test
    void reviewerCannotReadOrCompleteAPaymentTaskAndAccountingCannotReadAReview() throws Exception {
        Application application = applications.awaitingPayment("山田建築設計事務所");
        Task payment = task(application, "ConfirmPayment");

        assertThat(api.call("GET", "/engine-rest/task/" + payment.getId(), "shinsa", null).statusCode())
                .isIn(403, 404);
        HttpResponse<String> completeByReviewer = api.call("POST", "/engine-rest/task/" + payment.getId() + "/complete",
                "shinsa", "{}");
        assertThat(completeByReviewer.statusCode()).as(completeByReviewer.body()).isIn(403, 404);
        assertThat(api.call("GET", "/staff/api/tasks/" + payment.getId() + "/application", "shinsa", null).statusCode())
                .isEqualTo(404);
        assertThat(task(application, "ConfirmPayment")).as("still open").isNotNull();
        assertThat(api.call("GET", "/engine-rest/task", null, null).statusCode()).isEqualTo(401);

        int total = invoices.find(application.id()).orElseThrow().totalAmount();
        HttpResponse<String> wrongAmount = api.call("POST", "/engine-rest/task/" + payment.getId() + "/complete", "keiri",
                completion("amountReceived", total - 1000, "Long", "receivedOn", today(), "String"));
        assertThat(wrongAmount.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(wrongAmount.body()).as("Tasklist shows this message").contains("差額の理由をコメントに入力してください");
        HttpResponse<String> paid = api.call("POST", "/engine-rest/task/" + payment.getId() + "/complete", "keiri",
                completion("amountReceived", total, "Long", "receivedOn", today(), "String"));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(204);
        driver.runDueJobs();

        // accounting downloads the invoice and the receipt again, byte for byte as issued; nobody else can
        String documents = "/staff/api/applications/" + application.orderNumber();
        HttpResponse<byte[]> invoicePdf = api.download(documents + "/invoice.pdf", "keiri");
        assertThat(invoicePdf.statusCode()).isEqualTo(200);
        assertThat(invoicePdf.body()).isEqualTo(invoices.find(application.id()).orElseThrow().pdf());
        HttpResponse<byte[]> receiptPdf = api.download(documents + "/receipt.pdf", "keiri");
        assertThat(receiptPdf.statusCode()).isEqualTo(200);
        assertThat(receiptPdf.body()).isEqualTo(receipts.find(application.id()).orElseThrow().pdf());
        assertThat(receiptPdf.headers().firstValue("Content-Disposition").orElseThrow()).contains("RCP-");
        assertThat(api.download(documents + "/invoice.pdf", "shinsa").statusCode()).isEqualTo(403);
        assertThat(api.download(documents + "/receipt.pdf", null).statusCode()).isEqualTo(401);

        Task review = task(application, "ReviewApplication");
        assertThat(api.call("GET", "/staff/api/tasks/" + review.getId() + "/application", "keiri", null).statusCode())
                .isEqualTo(404);
        assertThat(api.call("GET", "/staff/api/tasks/" + review.getId() + "/licence-image", "keiri", null).statusCode())
                .isEqualTo(404);
        HttpResponse<String> reviewerView = api.call("GET", "/staff/api/tasks/" + review.getId() + "/application",
                "shinsa", null);
        assertThat(reviewerView.statusCode()).isEqualTo(200);
        assertThat(reviewerView.body()).contains("\"dateOfBirth\"").contains("\"secondReview\":false")
                .as("the review form shows no money").doesNotContain("outstanding", "invoiceTotal", "recordedBy");
    }

    @Test
    void savedFiltersShowEachGroupItsOwnTasksAndThoseDueSoon() throws Exception {
        Application application = applications.awaitingPayment("山田建築設計事務所");
        Task payment = task(application, "ConfirmPayment");

        String accountingFilters = api.call("GET", "/engine-rest/filter?resourceType=Task", "keiri", null).body();
        assertThat(accountingFilters).contains("自分の担当", "期限切れ間近", "入金確認待ち").doesNotContain("審査待ち");
        String reviewerFilters = api.call("GET", "/engine-rest/filter?resourceType=Task", "shinsa", null).body();
        assertThat(reviewerFilters).contains("自分の担当", "期限切れ間近", "審査待ち").doesNotContain("入金確認待ち");

        assertThat(list("入金確認待ち", "keiri")).contains(payment.getId());
        assertThat(list("期限切れ間近", "keiri")).as("due in 30 days").doesNotContain(payment.getId());
        driver.travel(Duration.ofDays(28));
        assertThat(list("期限切れ間近", "keiri")).as("due in 2 days").contains(payment.getId());
        assertThat(list("期限切れ間近", "shinsa")).as("not a reviewer's task").doesNotContain(payment.getId());

        assertThat(list("自分の担当", "keiri")).doesNotContain(payment.getId());
        assertThat(api.call("POST", "/engine-rest/task/" + payment.getId() + "/claim", "keiri",
                "{\"userId\":\"keiri\"}").statusCode()).isEqualTo(204);
        assertThat(list("自分の担当", "keiri")).contains(payment.getId());
    }

    @Test
    void revocationIsRequestedByOneRaAdminAndApprovedByAnotherOverTheTasklistApi() throws Exception {
        Application application = applications.awaitingPayment("山田建築設計事務所");
        int total = invoices.find(application.id()).orElseThrow().totalAmount();
        taskService.complete(task(application, "ConfirmPayment").getId(), Map.of(
                "amountReceived", (long) total, "receivedOn", today()));
        driver.runDueJobs();
        taskService.complete(task(application, "ReviewApplication").getId(), Map.of(
                "reviewDecision", "approve", "checkNumberReadable", true, "checkNameMatches", true,
                "checkImageLegible", true, "checkQualificationMatches", true));
        driver.runDueJobs(applications.processInstanceId(application));
        pickup.pickUp(application.id(), "pin-12345".toCharArray());
        driver.runDueJobs(applications.processInstanceId(application));

        HttpResponse<String> started = api.call("POST",
                "/engine-rest/process-definition/key/revocation-request/submit-form", "ra-admin",
                "{\"variables\":{\"revocationTarget\":{\"value\":\"" + application.orderNumber() + "\",\"type\":\"String\"},"
                        + "\"revocationReason\":{\"value\":1,\"type\":\"Integer\"},"
                        + "\"revocationComment\":{\"value\":\"秘密鍵を保存したPCを紛失\",\"type\":\"String\"}}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        Task approval = taskService.createTaskQuery().taskDefinitionKey("ApproveRevocation")
                .processInstanceBusinessKey(application.orderNumber()).singleResult();

        String path = "/staff/api/tasks/" + approval.getId() + "/revocation";
        assertThat(api.call("GET", path, "keiri", null).statusCode()).isEqualTo(404);
        HttpResponse<String> view = api.call("GET", path, "admin", null);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("\"requester\":\"ra-admin\"").contains("秘密鍵の危殆化")
                .contains("秘密鍵を保存したPCを紛失").contains("\"serialNumber\"");
        assertThat(accessTrace.about(application.id())).extracting(entry -> entry.staffUser() + ":" + entry.what())
                .as("the refused look left no trace").containsExactly("admin:申込内容の表示（失効の承認）");

        HttpResponse<String> bySelf = api.call("POST", "/engine-rest/task/" + approval.getId() + "/complete", "ra-admin",
                completion("revocationDecision", "approve", "String", "approvalComment", "", "String"));
        assertThat(bySelf.body()).contains("失効を依頼した本人は承認できません");
        HttpResponse<String> approved = api.call("POST", "/engine-rest/task/" + approval.getId() + "/complete", "admin",
                completion("revocationDecision", "approve", "String", "approvalComment", "", "String"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        driver.runDueJobs(applications.processInstanceId(application));
        assertThat(certificates.findCurrent(application.id())).as("revoked").isEmpty();
    }

    private String list(String filterName, String userId) throws IOException, InterruptedException {
        String filterId = filterService.createFilterQuery().filterName(filterName).singleResult().getId();
        HttpResponse<String> response = api.call("GET", "/engine-rest/filter/" + filterId + "/list", userId, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private Task task(Application application, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey(key).singleResult();
    }

    private String today() {
        return LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
    }

    private static String completion(String name1, Object value1, String type1, String name2, Object value2,
                                     String type2) {
        return "{\"variables\":{"
                + "\"" + name1 + "\":{\"value\":" + json(value1) + ",\"type\":\"" + type1 + "\"},"
                + "\"" + name2 + "\":{\"value\":" + json(value2) + ",\"type\":\"" + type2 + "\"}}}";
    }

    private static String json(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
