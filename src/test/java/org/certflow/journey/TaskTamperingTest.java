package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.billing.Invoices;
import org.certflow.billing.Payments;
import org.certflow.certificate.CertificatePickup;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.StaffApi;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A member of staff who does not play fair, with the REST calls Tasklist makes: rewriting who requested a
 * revocation, which certificate it revokes, who made the first review or which application a payment task
 * shows. Each attempt is refused or changes nothing, and the CRL lists only the certificate that two
 * different ra-admins agreed to revoke.
 */
@CertflowTest
class TaskTamperingTest {

    @Autowired StaffApi api;
    @Autowired TestApplications applications;
    @Autowired ApplicationRepository applicationRepository;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired ProcessDriver driver;
    @Autowired Invoices invoices;
    @Autowired Payments payments;
    @Autowired CertificatePickup pickup;
    @Autowired CertificateRegistry certificates;

    @AfterEach
    void resetClock() {
        driver.resetClock();
    }

    @Test
    void aLoneRaAdminCannotRevokeByNamingSomebodyElseAsRequester() throws Exception {
        Application application = pickedUp();
        String serial = certificates.findCurrent(application.id()).orElseThrow().serialNumber();

        HttpResponse<String> forgedStart = api.call("POST",
                "/engine-rest/process-definition/key/revocation-request/submit-form", "ra-admin",
                variables(revocationForm(application), "revocationRequester", "admin", "String"));
        assertThat(forgedStart.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(forgedStart.body()).contains("開始フォームにない項目は送信できません（revocationRequester）");

        Task approval = requestRevocation(application);
        HttpResponse<String> claim = api.call("POST", "/engine-rest/task/" + approval.getId() + "/claim", "ra-admin",
                "{\"userId\":\"ra-admin\"}");
        assertThat(claim.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(claim.body()).contains("失効を依頼した本人は承認できません");

        HttpResponse<String> forged = api.call("POST", "/engine-rest/task/" + approval.getId() + "/submit-form",
                "ra-admin", variables(approve(), "revocationRequester", "admin", "String"));
        assertThat(forged.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(forged.body()).contains("このタスクのフォームにない項目は送信・変更できません（revocationRequester）");
        HttpResponse<String> plain = api.call("POST", "/engine-rest/task/" + approval.getId() + "/submit-form",
                "ra-admin", variables(approve()));
        assertThat(plain.body()).contains("失効を依頼した本人は承認できません");
        HttpResponse<String> rewrite = api.call("PUT", "/engine-rest/task/" + approval.getId()
                + "/variables/revocationRequester", "ra-admin", "{\"value\":\"admin\",\"type\":\"String\"}");
        assertThat(rewrite.statusCode()).as(rewrite.body()).isEqualTo(403);

        HttpResponse<String> message = api.call("POST", "/engine-rest/message", "ra-admin",
                "{\"messageName\":\"RevocationRequested\",\"businessKey\":\"" + application.orderNumber() + "\"}");
        assertThat(message.statusCode()).as("the application's process takes no message from staff")
                .isGreaterThanOrEqualTo(400);

        driver.runDueJobs();
        assertThat(taskService.createTaskQuery().taskId(approval.getId()).count()).as("still waiting").isOne();
        assertThat(certificates.findCurrent(application.id())).as("not revoked").isPresent();
        assertThat(crl().getRevokedCertificate(new BigInteger(serial, 16))).isNull();
    }

    @Test
    void aLoneRaAdminCannotStartAnApplicationsProcessHalfwayThroughUnderItsOrderNumber() throws Exception {
        Application unpaid = applications.awaitingPayment("支払前の事務所");
        String start = "/engine-rest/process-definition/key/certificate-application/start";

        // a review task for an application nobody has paid for, its listeners skipped: a reviewer's approval
        // would open the pickup
        HttpResponse<String> halfway = api.call("POST", start, "ra-admin", "{\"businessKey\":\"" + unpaid.orderNumber()
                + "\",\"skipCustomListeners\":true,\"startInstructions\":[{\"type\":\"startBeforeActivity\","
                + "\"activityId\":\"ReviewApplication\"}]}");
        assertThat(halfway.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(halfway.body()).contains("手続きは開始フォームから始めてください");
        HttpResponse<String> atTheStart = api.call("POST", start, "ra-admin", "{\"businessKey\":\"" + unpaid.orderNumber()
                + "\",\"skipCustomListeners\":true,\"startInstructions\":[{\"type\":\"startBeforeActivity\","
                + "\"activityId\":\"ProvisionalApplicationReceived\"}]}");
        assertThat(atTheStart.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(atTheStart.body()).contains("ビジネスキーは入力できません");
        HttpResponse<String> skipped = api.call("POST", start, "ra-admin", "{\"businessKey\":\"" + unpaid.orderNumber()
                + "\",\"skipCustomListeners\":true}");
        assertThat(skipped.statusCode()).isGreaterThanOrEqualTo(400);

        Application rejected = paid();
        String ended = applications.processInstanceId(rejected);
        taskService.complete(task(rejected, "ReviewApplication").getId(), Map.of(
                "reviewDecision", "reject", "reviewComment", "資格を確認できません"));
        driver.runDueJobs(ended);
        HttpResponse<String> refunded = api.call("POST", "/engine-rest/task/" + task(rejected, "RecordRefund").getId()
                + "/submit-form", "keiri", "{\"variables\":{\"refundAmount\":{\"value\":"
                + invoices.find(rejected.id()).orElseThrow().totalAmount() + ",\"type\":\"Long\"},"
                + "\"refundedOn\":{\"value\":\"" + LocalDate.now(ZoneId.of("Asia/Tokyo")) + "\",\"type\":\"String\"}}}");
        assertThat(refunded.statusCode()).as(refunded.body()).isEqualTo(204);
        driver.runDueJobs(ended);
        // the application has ended; its instance ends once its retention tail has deleted what it kept
        driver.runToEnd(ended);
        driver.resetClock();
        String definition = runtimeService.createProcessInstanceQuery().processInstanceId(ended).count() == 0
                ? historyService.createHistoricProcessInstanceQuery().processInstanceId(ended).singleResult()
                        .getProcessDefinitionId() : null;
        assertThat(definition).as("the rejected application's process has ended").isNotNull();
        HttpResponse<String> restarted = api.call("POST", "/engine-rest/process-definition/" + definition + "/restart",
                "ra-admin", "{\"processInstanceIds\":[\"" + ended + "\"],\"skipCustomListeners\":true,"
                        + "\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"ReviewApplication\"}]}");
        assertThat(restarted.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(restarted.body()).contains("手続きは開始フォームから始めてください");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(rejected.orderNumber())
                .count()).as("the rejected application is not reviewed again").isZero();

        driver.runDueJobs();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(unpaid.orderNumber())
                .count()).as("only the applicant's own instance").isOne();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(unpaid.orderNumber())
                .taskDefinitionKey("ReviewApplication").count()).isZero();
    }

    @Test
    void noModificationOfTheProcessApprovesAnApplicationWithoutARecordedReview() throws Exception {
        Application application = paid();
        String instanceId = applications.processInstanceId(application);
        String modification = "/engine-rest/process-instance/" + instanceId + "/modification";
        String jump = "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"ReviewDecision\","
                + "\"variables\":{\"reviewDecision\":{\"value\":\"approve\",\"type\":\"String\"},"
                + "\"reviewDoubt\":{\"value\":false,\"type\":\"Boolean\"}}},"
                + "{\"type\":\"cancel\",\"activityId\":\"ReviewApplication\"}]}";

        assertThat(api.call("POST", modification, "ra-admin", jump).statusCode()).isEqualTo(403);
        // Camunda's administrators pass every authorization check; the approval still needs a review on record
        HttpResponse<String> byAdmin = api.call("POST", modification, "admin", jump);
        assertThat(byAdmin.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(byAdmin.body()).contains("審査で承認されていない申込は発行できません");

        driver.runDueJobs(instanceId);
        assertThat(runtimeService.getActiveActivityIds(instanceId)).containsExactly("ReviewApplication");
        assertThat(applicationRepository.get(application.id()).status()).isEqualTo(ApplicationStatus.IN_REVIEW);
    }

    @Test
    void aDecisionTheReviewDoesNotKnowRejectsNothing() throws Exception {
        Application application = paid();
        String instanceId = applications.processInstanceId(application);
        // the review gateway used to send every decision it did not recognise to the rejection
        HttpResponse<String> jumped = api.call("POST", "/engine-rest/process-instance/" + instanceId + "/modification",
                "admin", "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"ReviewDecision\","
                        + "\"variables\":{\"reviewDecision\":{\"value\":\"later\",\"type\":\"String\"},"
                        + "\"reviewDoubt\":{\"value\":false,\"type\":\"Boolean\"}}},"
                        + "{\"type\":\"cancel\",\"activityId\":\"ReviewApplication\"}]}");

        assertThat(jumped.statusCode()).as(jumped.body()).isGreaterThanOrEqualTo(400);
        driver.runDueJobs(instanceId);
        assertThat(runtimeService.getActiveActivityIds(instanceId)).containsExactly("ReviewApplication");
        assertThat(applicationRepository.get(application.id()).status()).isEqualTo(ApplicationStatus.IN_REVIEW);
    }

    @Test
    void anApplicationMovedPastItsPaymentIsNotApproved() throws Exception {
        Application unpaid = applications.awaitingPayment("未入金の事務所");
        String instanceId = applications.processInstanceId(unpaid);
        // Camunda's administrators may move an instance; the review that follows must not open the pickup
        HttpResponse<String> moved = api.call("POST", "/engine-rest/process-instance/" + instanceId + "/modification",
                "admin", "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"ReviewApplication\"},"
                        + "{\"type\":\"cancel\",\"activityId\":\"PaymentPending\"}]}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(204);

        Task review = task(unpaid, "ReviewApplication");
        HttpResponse<String> approved = api.call("POST", "/engine-rest/task/" + review.getId() + "/submit-form", "shinsa",
                variables(review(false)));
        assertThat(approved.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(approved.body()).contains("入金が確認されていない申込は発行できません");
        driver.runDueJobs(instanceId);
        assertThat(runtimeService.getActiveActivityIds(instanceId)).containsExactly("ReviewApplication");
        assertThat(applicationRepository.get(unpaid.id()).status()).isNotEqualTo(ApplicationStatus.AWAITING_PICKUP);
    }

    @Test
    void theApproverRevokesTheCertificateShownNotAnotherOne() throws Exception {
        Application shown = pickedUp();
        Application other = pickedUp();
        String shownSerial = certificates.findCurrent(shown.id()).orElseThrow().serialNumber();
        String otherSerial = certificates.findCurrent(other.id()).orElseThrow().serialNumber();
        Task approval = requestRevocation(shown);

        HttpResponse<String> view = api.call("GET", "/staff/api/tasks/" + approval.getId() + "/revocation", "admin", null);
        assertThat(view.body()).contains(shown.orderNumber()).contains(shownSerial).contains("\"requester\":\"ra-admin\"");
        HttpResponse<String> redirected = api.call("POST", "/engine-rest/task/" + approval.getId() + "/submit-form",
                "admin", variables(approve(), "orderNumber", other.orderNumber(), "String"));
        assertThat(redirected.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(redirected.body()).contains("このタスクのフォームにない項目は送信・変更できません（orderNumber）");
        HttpResponse<String> bySerial = api.call("POST", "/engine-rest/task/" + approval.getId() + "/submit-form",
                "admin", variables(approve(), "serialNumber", otherSerial, "String"));
        assertThat(bySerial.statusCode()).isGreaterThanOrEqualTo(400);

        HttpResponse<String> approved = api.call("POST", "/engine-rest/task/" + approval.getId() + "/submit-form",
                "admin", variables(approve()));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        driver.runDueJobs();

        X509CRL crl = crl();
        assertThat(crl.getRevokedCertificate(new BigInteger(shownSerial, 16))).as("the one shown").isNotNull();
        assertThat(crl.getRevokedCertificate(new BigInteger(otherSerial, 16))).as("the other").isNull();
        assertThat(certificates.findCurrent(other.id())).isPresent();
    }

    @Test
    void theFirstReviewerCannotMakeThemselvesSomebodyElseForTheSecondReview() throws Exception {
        Application application = paid();
        Task first = task(application, "ReviewApplication");
        assertThat(api.call("POST", "/engine-rest/task/" + first.getId() + "/claim", "shinsa",
                "{\"userId\":\"shinsa\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> doubt = api.call("POST", "/engine-rest/task/" + first.getId() + "/submit-form", "shinsa",
                variables(review(true)));
        assertThat(doubt.statusCode()).as(doubt.body()).isEqualTo(204);
        Task second = task(application, "SecondReview");
        assertThat(api.call("GET", "/staff/api/tasks/" + first.getId() + "/application", "shinsa", null).statusCode())
                .as("a completed task opens nothing").isEqualTo(404);
        assertThat(api.call("GET", "/staff/api/tasks/" + first.getId() + "/licence-image", "admin", null).statusCode())
                .isEqualTo(404);

        String instanceId = applications.processInstanceId(application);
        assertThat(api.call("PUT", "/engine-rest/task/" + second.getId() + "/variables/firstReviewer", "shinsa",
                "{\"value\":\"admin\",\"type\":\"String\"}").statusCode()).isEqualTo(403);
        assertThat(api.call("PUT", "/engine-rest/process-instance/" + instanceId + "/variables/firstReviewer", "shinsa",
                "{\"value\":\"admin\",\"type\":\"String\"}").statusCode()).isIn(403, 404);
        HttpResponse<String> extra = api.call("POST", "/engine-rest/task/" + second.getId() + "/submit-form", "shinsa",
                variables(review(false), "firstReviewer", "admin", "String"));
        assertThat(extra.body()).contains("このタスクのフォームにない項目は送信・変更できません（firstReviewer）");
        HttpResponse<String> claim = api.call("POST", "/engine-rest/task/" + second.getId() + "/claim", "shinsa",
                "{\"userId\":\"shinsa\"}");
        assertThat(claim.body()).contains("一次審査をした担当者は二次審査できません");
        HttpResponse<String> alone = api.call("POST", "/engine-rest/task/" + second.getId() + "/submit-form", "shinsa",
                variables(review(false)));
        assertThat(alone.body()).contains("一次審査をした担当者は二次審査できません");
        driver.runDueJobs(instanceId);
        assertThat(runtimeService.getActiveActivityIds(instanceId)).contains("SecondReview");

        HttpResponse<String> byAnother = api.call("POST", "/engine-rest/task/" + second.getId() + "/submit-form", "admin",
                variables(review(false)));
        assertThat(byAnother.statusCode()).as(byAnother.body()).isEqualTo(204);
        driver.runDueJobs(instanceId);
        assertThat(runtimeService.getActiveActivityIds(instanceId)).contains("WaitForPickup");
    }

    @Test
    void anAccountantCannotPointTheirPaymentTaskAtAnotherApplicant() throws Exception {
        Application own = applications.awaitingPayment("自分の事務所");
        Application stranger = applications.awaitingPayment("他人の事務所");
        Task payment = task(own, "ConfirmPayment");
        String path = "/engine-rest/task/" + payment.getId();
        String strangerId = "{\"value\":" + stranger.id() + ",\"type\":\"Long\"}";

        assertThat(api.call("PUT", path + "/variables/applicationId", "keiri", strangerId).statusCode()).isEqualTo(403);
        assertThat(api.call("PUT", "/engine-rest/process-instance/" + applications.processInstanceId(own)
                + "/variables/applicationId", "keiri", strangerId).statusCode()).isIn(403, 404);
        HttpResponse<String> bpmnError = api.call("POST", path + "/bpmnError", "keiri", "{\"errorCode\":\"paid\","
                + "\"variables\":{\"applicationId\":" + strangerId + "}}");
        assertThat(bpmnError.statusCode()).as("the payment wait cannot be ended").isGreaterThanOrEqualTo(400);
        HttpResponse<String> escalation = api.call("POST", path + "/bpmnEscalation", "keiri",
                "{\"escalationCode\":\"paid\",\"variables\":{\"applicationId\":" + strangerId + "}}");
        assertThat(escalation.statusCode()).as(escalation.body()).isGreaterThanOrEqualTo(400);
        // resolve writes its variables without completing the task: what it writes decides nothing
        HttpResponse<String> resolved = api.call("POST", path + "/resolve", "keiri",
                "{\"variables\":{\"applicationId\":" + strangerId + "}}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(204);

        HttpResponse<String> view = api.call("GET", "/staff/api/tasks/" + payment.getId() + "/application", "keiri", null);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains(own.orderNumber()).doesNotContain(stranger.orderNumber(), "他人の事務所")
                .as("the payment form shows no personal details").doesNotContain("dateOfBirth", "address", "email");
        assertThat(api.call("GET", "/staff/api/tasks/" + payment.getId() + "/licence-image", "keiri", null).statusCode())
                .isIn(403, 404);

        int total = invoices.find(own.id()).orElseThrow().totalAmount();
        HttpResponse<String> paid = api.call("POST", path + "/submit-form", "keiri", variables(Map.of(
                "amountReceived", new Object[] {(long) total, "Long"},
                "receivedOn", new Object[] {LocalDate.now(ZoneId.of("Asia/Tokyo")).toString(), "String"})));
        assertThat(paid.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(paid.body()).as("the task cannot be completed on a rewritten application")
                .contains("このタスクのフォームにない項目は送信・変更できません（applicationId）");
        assertThat(payments.of(own.id())).isEmpty();
        assertThat(payments.of(stranger.id())).as("nothing recorded for the stranger").isEmpty();
        assertThat(task(stranger, "ConfirmPayment")).isNotNull();
    }

    @Test
    void onlyReviewersAndRaAdminsSeeTheLicenceImageAndEveryViewIsRecorded() throws Exception {
        Application application = paid();
        Task review = task(application, "ReviewApplication");
        String views = "/staff/api/applications/" + application.orderNumber() + "/licence-image-views";

        assertThat(api.call("GET", "/staff/api/tasks/" + review.getId() + "/licence-image", "keiri", null).statusCode())
                .isIn(403, 404);
        HttpResponse<byte[]> image = api.download("/staff/api/tasks/" + review.getId() + "/licence-image", "shinsa");
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");

        HttpResponse<String> record = api.call("GET", views, "ra-admin", null);
        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(record.body()).contains("\"viewedBy\":\"shinsa\"").contains(review.getId())
                .doesNotContain("keiri");
        assertThat(api.call("GET", views, "admin", null).statusCode()).isEqualTo(200);
        assertThat(api.call("GET", views, "shinsa", null).statusCode()).isEqualTo(403);
        assertThat(api.call("GET", views, "keiri", null).statusCode()).isEqualTo(403);
        assertThat(api.call("GET", views, null, null).statusCode()).isEqualTo(401);
    }

    // --- applications at the desk ---

    private Application paid() {
        Application application = applications.awaitingPayment("山田建築設計事務所");
        int total = invoices.find(application.id()).orElseThrow().totalAmount();
        taskService.complete(task(application, "ConfirmPayment").getId(), Map.of(
                "amountReceived", (long) total, "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
        driver.runDueJobs(applications.processInstanceId(application));
        return application;
    }

    private Application pickedUp() {
        Application application = paid();
        taskService.complete(task(application, "ReviewApplication").getId(), Map.of(
                "reviewDecision", "approve", "checkNumberReadable", true, "checkNameMatches", true,
                "checkImageLegible", true, "checkQualificationMatches", true));
        driver.runDueJobs(applications.processInstanceId(application));
        pickup.pickUp(application.id(), "pin-12345".toCharArray());
        driver.runDueJobs(applications.processInstanceId(application));
        return application;
    }

    /** ra-admin asks from the Tasklist start form; returns the approval task. */
    private Task requestRevocation(Application application) throws IOException, InterruptedException {
        HttpResponse<String> started = api.call("POST",
                "/engine-rest/process-definition/key/revocation-request/submit-form", "ra-admin",
                variables(revocationForm(application)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return taskService.createTaskQuery().taskDefinitionKey("ApproveRevocation")
                .processInstanceBusinessKey(application.orderNumber()).singleResult();
    }

    private Task task(Application application, String key) {
        return taskService.createTaskQuery().processInstanceId(applications.processInstanceId(application))
                .taskDefinitionKey(key).singleResult();
    }

    private X509CRL crl() throws Exception {
        HttpResponse<byte[]> crl = api.download("/pki/crl", null);
        assertThat(crl.statusCode()).isEqualTo(200);
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
    }

    // --- what the forms submit ---

    private static Map<String, Object[]> revocationForm(Application application) {
        Map<String, Object[]> form = new LinkedHashMap<>();
        form.put("revocationTarget", new Object[] {application.orderNumber(), "String"});
        form.put("revocationReason", new Object[] {1, "Integer"});
        form.put("revocationComment", new Object[] {"秘密鍵を保存したPCを紛失", "String"});
        return form;
    }

    private static Map<String, Object[]> approve() {
        Map<String, Object[]> form = new LinkedHashMap<>();
        form.put("revocationDecision", new Object[] {"approve", "String"});
        form.put("approvalComment", new Object[] {"", "String"});
        return form;
    }

    private static Map<String, Object[]> review(boolean doubt) {
        Map<String, Object[]> form = new LinkedHashMap<>();
        form.put("reviewDecision", new Object[] {"approve", "String"});
        for (String item : new String[] {"checkNumberReadable", "checkNameMatches", "checkImageLegible",
                "checkQualificationMatches"}) {
            form.put(item, new Object[] {true, "Boolean"});
        }
        form.put("reviewDoubt", new Object[] {doubt, "Boolean"});
        return form;
    }

    /** The JSON body of submit-form: each variable with its value and type, plus one more if given. */
    private static String variables(Map<String, Object[]> form, String... extra) {
        Map<String, Object[]> all = new LinkedHashMap<>(form);
        if (extra.length == 3) {
            all.put(extra[0], new Object[] {extra[1], extra[2]});
        }
        return all.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\":{\"value\":" + json(entry.getValue()[0])
                        + ",\"type\":\"" + entry.getValue()[1] + "\"}")
                .collect(Collectors.joining(",", "{\"variables\":{", "}}"));
    }

    private static String json(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
