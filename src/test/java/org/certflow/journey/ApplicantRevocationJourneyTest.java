package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.Invoices;
import org.certflow.certificate.CertificatePickup;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.pki.CertificateAuthority;
import org.certflow.service.ProcessConstants;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.StaffApi;
import org.certflow.support.TestApplications;
import org.certflow.throttle.Throttle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;

/**
 * The applicant asks for a revocation on the status page, over HTTP without JavaScript, and ra-admins decide in
 * the Tasklist API: a compromised key comes first and ends on the CRL and in OCSP with the mapped reason, a decline
 * is told with its reason; and the attempts to ask for another application, without a certificate, twice, without
 * a CSRF token, in the applicant's name from the engine's API, or to decide as a reviewer, all fail.
 */
@CertflowTest
class ApplicantRevocationJourneyTest {

    private static final String SERVICE = "MCCI電子証明書サービス";
    private static final String STATUS_LINK = SERVICE + " 申込状況確認URL";
    private static final String RECEIVED = SERVICE + " 失効のお申し出受付のお知らせ";
    private static final String DECLINED = SERVICE + " 失効のお申し出についてのお知らせ";
    private static final String REVOKED = SERVICE + " 失効のお知らせ";
    private static final String HOSTILE = "<script>alert('x')</script>{{constructor.constructor('alert(1)')()}}";

    @LocalServerPort int port;
    @Autowired GreenMail greenMail;
    @Autowired ProcessDriver driver;
    @Autowired TestApplications testApplications;
    @Autowired ApplicationRepository applications;
    @Autowired Invoices invoices;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired CertificatePickup pickup;
    @Autowired CertificateRegistry certificates;
    @Autowired CertificateAuthority ca;
    @Autowired StaffApi api;
    @Autowired Throttle throttle;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void forgetThisMachinesRequests() {
        throttle.clear(throttle.key("status-client", "127.0.0.1"));
    }

    @AfterEach
    void resetClock() {
        driver.resetClock();
    }

    @Test
    void aCompromisedKeyIsRevokedFirstAndEndsOnTheCrlAndInOcsp() throws Exception {
        Application application = withValidCertificate("鍵危殆化設計");
        String serial = certificates.findCurrent(application.id()).orElseThrow().serialNumber();
        PortalClient browser = new PortalClient(port);
        openStatus(browser, application);
        assertThat(browser.get("/status/current").body()).contains("電子証明書の失効を申し出る");
        HttpResponse<String> form = browser.get("/status/revoke");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("紛失").contains("鍵の危殆化").contains("記載事項の変更")
                .contains(application.orderNumber());

        HttpResponse<String> asked = browser.post("/status/revoke",
                Map.of("reason", "KEY_COMPROMISE", "comment", "ノートPCが盗まれた " + HOSTILE));
        assertThat(asked.statusCode()).isEqualTo(302);
        String page = browser.get("/status/current").body();
        assertThat(page).contains("失効のお申し出を受け付けました").contains("登録局で確認しています")
                .doesNotContain("電子証明書の失効を申し出る");

        Task approval = approval(application);
        assertThat(taskService.getIdentityLinksForTask(approval.getId())).extracting(IdentityLink::getGroupId)
                .containsExactly("ra-admins");
        assertThat(approval.getPriority()).isEqualTo(90);
        assertThat(Duration.between(driver.now(), approval.getDueDate().toInstant()))
                .as("due within hours").isBetween(Duration.ofHours(4).minusMinutes(1), Duration.ofHours(4));
        assertThat(approval.getName()).contains(application.orderNumber()).contains("鍵の危殆化・申込者から")
                .doesNotContain("<script>");
        assertThat(approval.getDescription()).contains("申込者本人").doesNotContain("<script>");

        driver.runDueJobs();
        MimeMessage receipt = ReceivedMails.withSubject(greenMail, application.email(), RECEIVED);
        assertThat(ReceivedMails.verifiedSigner(receipt)).isNotNull();
        assertThat(ReceivedMails.text(receipt)).contains(application.orderNumber()).contains(serial)
                .contains("鍵の危殆化").contains("ノートPCが盗まれた");

        HttpResponse<String> view = api.call("GET", "/staff/api/tasks/" + approval.getId() + "/revocation", "admin", null);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(view.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(view.body()).contains("\"requester\":\"申込者本人（申込状況の確認ページから）\"")
                .contains("鍵の危殆化（失効理由: 秘密鍵の危殆化）");
        HttpResponse<String> deployedForm = api.call("GET", "/engine-rest/task/" + approval.getId()
                + "/deployed-form", "admin", null);
        assertThat(deployedForm.statusCode()).isEqualTo(200);
        assertThat(deployedForm.body()).as("the text is bound as data, never put into the form's HTML")
                .contains("{{ request.comment }}").doesNotContain("ng-bind-html").doesNotContain("ノートPC");

        HttpResponse<String> byReviewer = api.call("POST", "/engine-rest/task/" + approval.getId() + "/complete",
                "shinsa", decision("approve", ""));
        assertThat(byReviewer.statusCode()).as(byReviewer.body()).isIn(403, 404);
        assertThat(api.call("PUT", "/engine-rest/task/" + approval.getId() + "/variables/revocationDecision",
                "shinsa", "{\"value\":\"approve\",\"type\":\"String\"}").statusCode()).isIn(403, 404);
        driver.runDueJobs();
        assertThat(certificates.findCurrent(application.id())).as("a reviewer revokes nothing").isPresent();

        HttpResponse<String> approved = api.call("POST", "/engine-rest/task/" + approval.getId() + "/complete",
                "admin", decision("approve", ""));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        driver.runDueJobs();

        RevokedStatus ocsp = (RevokedStatus) ocsp(new BigInteger(serial, 16)).getResponses()[0].getCertStatus();
        assertThat(ocsp.getRevocationReason()).isEqualTo(1);
        X509CRLEntry listed = crl().getRevokedCertificate(new BigInteger(serial, 16));
        assertThat(listed).as("the CRL lists it").isNotNull();
        assertThat(listed.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        MimeMessage revoked = ReceivedMails.withSubject(greenMail, application.email(), REVOKED);
        assertThat(ReceivedMails.verifiedSigner(revoked)).isNotNull();
        assertThat(ReceivedMails.text(revoked)).contains(serial).contains("秘密鍵の危殆化");
        assertThat(jdbc.sql("select requested_by, approved_by from ca_audit where serial = :serial"
                        + " and operation = 'REVOKE_CERTIFICATE'").param("serial", serial).query().singleRow())
                .containsEntry("requested_by", "applicant:" + application.orderNumber())
                .containsEntry("approved_by", "admin");

        browser.get("/status");
        browser.post("/status/revoke", Map.of("reason", "LOSS", "comment", "もう一度"));
        assertThat(browser.get("/status/current").body()).as("an already revoked certificate")
                .contains("有効な電子証明書がないため、失効をお申し出いただけません");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(application.orderNumber())
                .processDefinitionKey(ProcessConstants.REVOCATION_REQUEST).count()).isZero();
    }

    @Test
    void changedDetailsAreDueInDaysAskedOnceAndADeclineIsToldWithItsReason() throws Exception {
        Application application = withValidCertificate("記載変更設計");
        PortalClient browser = new PortalClient(port);
        openStatus(browser, application);
        browser.get("/status/revoke");
        assertThat(browser.post("/status/revoke", Map.of("reason", "DETAILS_CHANGED", "comment", "姓が変わった"))
                .statusCode()).isEqualTo(302);
        assertThat(browser.get("/status/current").body()).contains("失効のお申し出を受け付けました");
        Task approval = approval(application);
        assertThat(approval.getPriority()).isEqualTo(50);
        assertThat(Duration.between(driver.now(), approval.getDueDate().toInstant()))
                .isBetween(Duration.ofDays(1).minusMinutes(1), Duration.ofDays(1));

        browser.get("/status");
        browser.post("/status/revoke", Map.of("reason", "LOSS", "comment", "二度目"));
        assertThat(browser.get("/status/current").body()).contains("すでに受け付けており");
        assertThat(browser.get("/status/revoke").headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).endsWith("/status/current"));
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey("ApproveRevocation").count()).as("no second task").isEqualTo(1);

        HttpResponse<String> declined = api.call("POST", "/engine-rest/task/" + approval.getId() + "/complete",
                "admin", decision("decline", "戸籍の変更を確認できる書類をお送りください"));
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(204);
        driver.runDueJobs();

        MimeMessage mail = ReceivedMails.withSubject(greenMail, application.email(), DECLINED);
        assertThat(ReceivedMails.verifiedSigner(mail)).isNotNull();
        assertThat(ReceivedMails.text(mail)).contains("失効しないことになりました").contains("記載事項の変更")
                .contains("戸籍の変更を確認できる書類をお送りください");
        assertThat(ReceivedMails.subjectsTo(greenMail, application.email())).doesNotContain(REVOKED);
        assertThat(certificates.findCurrent(application.id())).isPresent();
        assertThat(browser.get("/status/current").body()).contains("電子証明書の失効を申し出る");
    }

    @Test
    void aSessionAsksOnlyForItsOwnValidCertificateAndOnlyWithACsrfToken() throws Exception {
        Application awaitingPickup = awaitingPickup(testApplications.awaitingPayment("取得前設計"));
        Application other = withValidCertificate("他人の証明書設計");
        PortalClient browser = new PortalClient(port);
        openStatus(browser, awaitingPickup);
        assertThat(browser.get("/status/current").body()).doesNotContain("電子証明書の失効を申し出る");
        assertThat(browser.get("/status/revoke").headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).endsWith("/status/current"));
        assertThat(browser.get("/status/current").body()).contains("有効な電子証明書がないため");

        browser.get("/status");
        HttpResponse<String> forced = browser.post("/status/revoke", Map.of("reason", "LOSS", "comment", "他人の分",
                "orderNumber", other.orderNumber(), "applicationId", String.valueOf(other.id())));
        assertThat(forced.statusCode()).isEqualTo(302);
        assertThat(browser.get("/status/current").body()).contains("有効な電子証明書がないため");
        assertThat(revocationRequests(other)).as("the other application is untouched").isZero();
        assertThat(revocationRequests(awaitingPickup)).isZero();

        PortalClient owner = new PortalClient(port);
        openStatus(owner, other);
        owner.get("/status/revoke");
        assertThat(owner.postWithoutCsrf("/status/revoke", Map.of("reason", "LOSS", "comment", "紛失"))
                .statusCode()).isEqualTo(403);
        assertThat(revocationRequests(other)).isZero();
        assertThat(new PortalClient(port).get("/status/revoke").statusCode()).as("no session").isEqualTo(401);

        HttpResponse<String> forged = api.call("POST", "/engine-rest/message", "ra-admin",
                "{\"messageName\":\"" + ProcessConstants.MESSAGE_APPLICANT_REVOCATION_REQUESTED + "\","
                        + "\"businessKey\":\"" + other.orderNumber() + "\",\"processVariables\":{"
                        + "\"applicantRevocationReason\":{\"value\":\"LOSS\",\"type\":\"String\"},"
                        + "\"revocationComment\":{\"value\":\"本人になりすまし\",\"type\":\"String\"}}}");
        assertThat(forged.statusCode()).as("not in the applicant's name from the engine's API").isGreaterThanOrEqualTo(400);
        assertThat(forged.body()).contains("開始フォームから始めてください");
        assertThat(revocationRequests(other)).isZero();
    }

    @Test
    void malformedRequestsGetJapaneseMessagesNextToTheFields() {
        Application application = withValidCertificate("入力誤り設計");
        PortalClient browser = new PortalClient(port);
        openStatus(browser, application);
        browser.get("/status/revoke");
        HttpResponse<String> empty = browser.post("/status/revoke", Map.of());
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("失効の理由を選択してください").contains("入力してください");
        HttpResponse<String> hostile = browser.post("/status/revoke", Map.of("reason", "EVERYTHING<script>",
                "comment", "長".repeat(501)));
        assertThat(hostile.statusCode()).isEqualTo(200);
        assertThat(hostile.body()).contains("失効の理由を選択してください").contains("500文字以内で入力してください")
                .doesNotContain("EVERYTHING<script>");
        HttpResponse<String> controls = browser.post("/status/revoke", Map.of("reason", "LOSS",
                "comment", "紛失\u0000" + HOSTILE));
        assertThat(controls.statusCode()).isEqualTo(200);
        assertThat(controls.body()).contains("使用できない制御文字が含まれています").doesNotContain("<script>alert");
        assertThat(revocationRequests(application)).isZero();
    }

    private long revocationRequests(Application application) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(application.orderNumber())
                .processDefinitionKey(ProcessConstants.REVOCATION_REQUEST).count();
    }

    private Task approval(Application application) {
        return taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey("ApproveRevocation").singleResult();
    }

    private Application withValidCertificate(String office) {
        Application application = awaitingPickup(testApplications.awaitingPayment(office));
        pickup.pickUp(application.id(), "pin-12345".toCharArray());
        driver.runDueJobs(testApplications.processInstanceId(application));
        return applications.get(application.id());
    }

    private Application awaitingPickup(Application application) {
        taskService.complete(task(application, "ConfirmPayment").getId(), Map.of(
                "amountReceived", (long) invoices.find(application.id()).orElseThrow().totalAmount(),
                "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
        driver.runDueJobs();
        taskService.complete(task(application, "ReviewApplication").getId(), Map.of(
                "reviewDecision", "approve", "checkNumberReadable", true, "checkNameMatches", true,
                "checkImageLegible", true, "checkQualificationMatches", true));
        driver.runDueJobs(testApplications.processInstanceId(application));
        return applications.get(application.id());
    }

    private Task task(Application application, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey(key).singleResult();
    }

    private void openStatus(PortalClient browser, Application application) {
        browser.get("/status");
        browser.post("/status", Map.of("orderNumber", application.orderNumber(), "email", application.email()));
        driver.runDueJobs();
        MimeMessage mail = ReceivedMails.withSubject(greenMail, application.email(), STATUS_LINK);
        String link = ReceivedMails.firstLink(mail).replace("http://localhost", "http://localhost:" + port);
        browser.get(link);
        assertThat(browser.post(link, Map.of()).statusCode()).isEqualTo(302);
    }

    private BasicOCSPResp ocsp(BigInteger serial) throws Exception {
        byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder()
                .build().get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(ca.issuingCertificate()), serial))
                .build().getEncoded();
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/pki/ocsp"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return (BasicOCSPResp) new OCSPResp(answer.body()).getResponseObject();
    }

    private X509CRL crl() throws Exception {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/pki/crl")).build(), HttpResponse.BodyHandlers.ofByteArray());
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(answer.body()));
    }

    private static String decision(String decision, String comment) {
        return "{\"variables\":{\"revocationDecision\":{\"value\":\"" + decision + "\",\"type\":\"String\"},"
                + "\"approvalComment\":{\"value\":\"" + comment + "\",\"type\":\"String\"}}}";
    }
}
