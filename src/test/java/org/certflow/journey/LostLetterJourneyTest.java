package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.billing.Invoices;
import org.certflow.certificate.letter.LetterReissues;
import org.certflow.privacy.PersonalDataAccess;
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

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;

/**
 * A lost distribution letter, over HTTP and SMTP: the applicant asks on the status page, ra-admins decide in the
 * REST API Tasklist uses, and the pickup login shows which password works afterwards. Also the attacks: another
 * application through one's own status session, a forged form, a reviewer completing the task, a request after
 * the pickup.
 */
@CertflowTest
class LostLetterJourneyTest {

    private static final String SERVICE = "MCCI電子証明書サービス";
    private static final String OLD_PASSWORD = "PASSWORDPASSWORD";
    private static final String REFUSED_LOGIN = "受付番号またはパスワードが正しくありません";

    @LocalServerPort int port;
    @Autowired GreenMail greenMail;
    @Autowired ProcessDriver driver;
    @Autowired TestApplications testApplications;
    @Autowired ApplicationRepository applications;
    @Autowired Invoices invoices;
    @Autowired TaskService taskService;
    @Autowired StaffApi api;
    @Autowired Throttle throttle;
    @Autowired LetterReissues letterReissues;
    @Autowired PersonalDataAccess accessTrace;

    @BeforeEach
    void forgetThisMachinesRequests() {
        throttle.clear(throttle.key("status-client", "127.0.0.1"));
    }

    @AfterEach
    void resetClock() {
        driver.resetClock();
    }

    @Test
    void anApprovedRequestKillsTheOldPasswordAndTheNewLetterDownloadsOnceAndPicksUp() throws Exception {
        Application application = awaitingPickup("再発行承認設計");
        PortalClient browser = new PortalClient(port);
        openStatus(browser, application);

        assertThat(browser.get("/status/current").body()).contains("配布状の再発行を依頼する");
        assertThat(browser.get("/status/letter").body()).contains("配布状の再発行の依頼").contains("name=\"note\"");
        HttpResponse<String> asked = browser.post("/status/letter", Map.of("note", "引越しの際に紛失しました。平日午後なら電話に出られます。"));
        assertThat(asked.statusCode()).isEqualTo(302);
        String page = browser.get("/status/current").body();
        assertThat(page).contains("配布状の再発行のご依頼を受け付けました").doesNotContain("id=\"letter-request\"")
                .doesNotContain("id=\"letter-download\"");
        browser.get("/status");
        browser.post("/status/letter", Map.of("note", ""));
        assertThat(browser.get("/status/current").body()).as("one open request at a time")
                .contains("すでに受け付けています");
        driver.runDueJobs();
        MimeMessage received = ReceivedMails.withSubject(greenMail, application.email(),
                SERVICE + " 配布状再発行のご依頼の受付");
        assertThat(ReceivedMails.verifiedSigner(received)).isNotNull();
        assertThat(ReceivedMails.text(received)).contains(application.orderNumber());

        Task task = letterTask(application);
        assertThat(task.getName()).startsWith("配布状再発行: " + application.orderNumber());
        assertThat(taskService.getIdentityLinksForTask(task.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("ra-admins"));
        HttpResponse<String> view = api.call("GET", "/staff/api/tasks/" + task.getId() + "/letter-reissue",
                "ra-admin", null);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("0263-12-3456").contains("引越しの際に紛失しました")
                .contains(application.orderNumber());
        HttpResponse<byte[]> image = api.download("/staff/api/tasks/" + task.getId() + "/licence-image", "ra-admin");
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/"));
        assertThat(accessTrace.about(application.id())).extracting(entry -> entry.staffUser() + ":" + entry.what())
                .containsSubsequence("ra-admin:申込内容の表示（配布状の再発行）", "ra-admin:免許画像の表示");

        HttpResponse<String> approved = api.call("POST", "/engine-rest/task/" + task.getId() + "/submit-form",
                "ra-admin", decision("approve", ""));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        driver.runDueJobs();
        assertThat(letterReissues.latest(application.id()).orElseThrow().decidedBy())
                .as("who approved, from the login").isEqualTo("ra-admin");
        MimeMessage approvedMail = ReceivedMails.withSubject(greenMail, application.email(),
                SERVICE + " 配布状再発行のお知らせ");
        assertThat(ReceivedMails.verifiedSigner(approvedMail)).isNotNull();
        assertThat(ReceivedMails.text(approvedMail)).contains("/status").contains("使用できなくなりました")
                .doesNotContain(OLD_PASSWORD);

        PortalClient pickup = new PortalClient(port);
        pickup.get("/pickup");
        assertThat(pickup.post("/pickup", Map.of("orderNumber", application.orderNumber(), "password", OLD_PASSWORD))
                .body()).as("the old password is dead").contains(REFUSED_LOGIN);

        assertThat(browser.get("/status/current").body()).contains("新しい配布状（PDF）をダウンロードする");
        HttpResponse<byte[]> letter = browser.postForBytes("/status/letter.pdf", Map.of());
        assertThat(letter.statusCode()).isEqualTo(200);
        assertThat(letter.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String letterText = CertificateJourneyTest.pdfText(letter.body());
        Matcher groups = CertificateJourneyTest.PASSWORD_ON_LETTER.matcher(letterText);
        assertThat(groups.find()).as("a password on the new letter").isTrue();
        String newPassword = groups.group().replace(" ", "");
        assertThat(newPassword).hasSize(16).isNotEqualTo(OLD_PASSWORD);
        assertThat(letterText).contains(application.orderNumber());
        assertThat(ReceivedMails.text(approvedMail)).doesNotContain(newPassword).doesNotContain(groups.group());
        assertThat(browser.get("/status/current").body()).contains("ダウンロード済み")
                .doesNotContain("id=\"letter-download\"");
        browser.get("/status");
        assertThat(browser.postForBytes("/status/letter.pdf", Map.of()).statusCode()).as("only once").isEqualTo(404);

        pickup.get("/pickup");
        HttpResponse<String> loggedIn = pickup.post("/pickup", Map.of("orderNumber", application.orderNumber(),
                "password", groups.group().toLowerCase()));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        pickup.get("/pickup/pin");
        HttpResponse<byte[]> p12 = pickup.postForBytes("/pickup/certificate",
                Map.of("pin", "correct-horse-9", "pinConfirmation", "correct-horse-9"));
        assertThat(p12.statusCode()).isEqualTo(200);
        assertThat(p12.headers().firstValue("Content-Type")).hasValue("application/x-pkcs12");
        driver.runDueJobs();

        assertThat(browser.get("/status/current").body()).doesNotContain("id=\"letter-request\"");
        browser.get("/status");
        browser.post("/status/letter", Map.of("note", "もう一度"));
        assertThat(browser.get("/status/current").body()).as("after the pickup")
                .contains("電子証明書の取得後は再発行できません");
        assertThat(browser.get("/status/letter").statusCode()).isEqualTo(302);
    }

    @Test
    void aRefusalMailsTheReasonAndTheOldPasswordStillLogsIn() throws Exception {
        Application application = awaitingPickup("再発行見送り設計");
        PortalClient browser = new PortalClient(port);
        openStatus(browser, application);
        browser.get("/status/letter");
        browser.post("/status/letter", Map.of("note", "長".repeat(501)));
        assertThat(browser.get("/status/current").body()).contains("500文字以内で入力してください");
        browser.get("/status/letter");
        browser.post("/status/letter", Map.of("note", ""));
        driver.runDueJobs();
        Task task = letterTask(application);

        HttpResponse<String> noReason = api.call("POST", "/engine-rest/task/" + task.getId() + "/submit-form",
                "ra-admin", decision("refuse", ""));
        assertThat(noReason.statusCode()).isNotEqualTo(204);
        assertThat(noReason.body()).contains("理由を入力してください");
        HttpResponse<String> tampered = api.call("POST", "/engine-rest/task/" + task.getId() + "/submit-form",
                "ra-admin", "{\"variables\":{\"letterReissueDecision\":{\"value\":\"refuse\",\"type\":\"String\"},"
                        + "\"letterReissueReason\":{\"value\":\"x\",\"type\":\"String\"},"
                        + "\"decidedBy\":{\"value\":\"someone-else\",\"type\":\"String\"}}}");
        assertThat(tampered.body()).as("no field outside the form").contains("フォームにない項目");
        HttpResponse<String> refused = api.call("POST", "/engine-rest/task/" + task.getId() + "/submit-form",
                "ra-admin", decision("refuse", "お電話でご本人であることを確認できませんでした。"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(204);
        driver.runDueJobs();

        MimeMessage mail = ReceivedMails.withSubject(greenMail, application.email(),
                SERVICE + " 配布状再発行についてのお知らせ");
        assertThat(ReceivedMails.verifiedSigner(mail)).isNotNull();
        assertThat(ReceivedMails.text(mail)).contains("お電話でご本人であることを確認できませんでした。")
                .contains(application.orderNumber());
        String page = browser.get("/status/current").body();
        assertThat(page).contains("再発行は見送られました").contains("配布状の再発行を依頼する")
                .doesNotContain("id=\"letter-download\"");
        browser.get("/status");
        assertThat(browser.postForBytes("/status/letter.pdf", Map.of()).statusCode()).isEqualTo(404);

        PortalClient pickup = new PortalClient(port);
        pickup.get("/pickup");
        assertThat(pickup.post("/pickup", Map.of("orderNumber", application.orderNumber(), "password", OLD_PASSWORD))
                .statusCode()).as("the old password still works").isEqualTo(302);
    }

    @Test
    void oneStatusSessionReachesNoOtherLetterNoForgedFormAndNoReviewerDecides() throws Exception {
        Application other = awaitingPickup("他人の配布状設計");
        PortalClient otherBrowser = new PortalClient(port);
        openStatus(otherBrowser, other);
        otherBrowser.get("/status/letter");
        otherBrowser.post("/status/letter", Map.of("note", ""));
        driver.runDueJobs();
        Task task = letterTask(other);

        HttpResponse<String> byReviewer = api.call("POST", "/engine-rest/task/" + task.getId() + "/submit-form",
                "shinsa", decision("approve", ""));
        assertThat(byReviewer.statusCode()).as(byReviewer.body()).isIn(403, 404);
        assertThat(api.call("POST", "/engine-rest/task/" + task.getId() + "/complete", "shinsa",
                decision("approve", "")).statusCode()).isIn(403, 404);
        assertThat(api.call("GET", "/staff/api/tasks/" + task.getId() + "/letter-reissue", "shinsa", null)
                .statusCode()).isEqualTo(404);
        assertThat(api.download("/staff/api/tasks/" + task.getId() + "/licence-image", "keiri").statusCode())
                .isEqualTo(404);
        assertThat(letterTask(other)).as("still open").isNotNull();
        assertThat(api.call("POST", "/engine-rest/task/" + task.getId() + "/submit-form", "admin",
                decision("approve", "")).statusCode()).isEqualTo(204);
        driver.runDueJobs();

        Application mine = testApplications.awaitingPayment("自分の申込設計");
        PortalClient browser = new PortalClient(port);
        openStatus(browser, mine);
        assertThat(browser.get("/status/current").body()).as("before the review: nothing to ask")
                .doesNotContain("id=\"letter-request\"");
        browser.get("/status");
        browser.post("/status/letter", Map.of("orderNumber", other.orderNumber(), "applicationId",
                String.valueOf(other.id())));
        assertThat(browser.get("/status/current").body()).contains("審査中または電子証明書の取得待ちのお申込みに限り");
        assertThat(letterReissues.latest(mine.id())).isEmpty();
        browser.get("/status");
        assertThat(browser.postForBytes("/status/letter.pdf?applicationId=" + other.id(),
                Map.of("orderNumber", other.orderNumber())).statusCode()).as("not the other's letter").isEqualTo(404);
        assertThat(browser.postWithoutCsrf("/status/letter", Map.of()).statusCode()).isEqualTo(403);
        assertThat(otherBrowser.postWithoutCsrf("/status/letter.pdf", Map.of()).statusCode()).isEqualTo(403);
        assertThat(new PortalClient(port).postWithoutCsrf("/status/letter.pdf", Map.of()).statusCode())
                .isEqualTo(403);

        otherBrowser.get("/status/current");
        assertThat(otherBrowser.postForBytes("/status/letter.pdf", Map.of()).statusCode())
                .as("the other's letter was still there for its owner").isEqualTo(200);
    }

    private Application awaitingPickup(String officeName) {
        Application application = testApplications.awaitingPayment(officeName);
        taskService.complete(task(application, "ConfirmPayment").getId(), Map.of(
                "amountReceived", (long) invoices.find(application.id()).orElseThrow().totalAmount(),
                "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
        driver.runDueJobs();
        taskService.complete(task(application, "ReviewApplication").getId(), Map.of("reviewDecision", "approve",
                "reviewComment", "", "checkNumberReadable", true, "checkNameMatches", true,
                "checkImageLegible", true, "checkQualificationMatches", true));
        driver.runDueJobs();
        Application found = applications.get(application.id());
        assertThat(found.status()).isEqualTo(ApplicationStatus.AWAITING_PICKUP);
        return found;
    }

    private Task letterTask(Application application) {
        return task(application, "DecideLetterReissue");
    }

    private Task task(Application application, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey(key).singleResult();
    }

    private static String decision(String decision, String reason) {
        return "{\"variables\":{\"letterReissueDecision\":{\"value\":\"" + decision + "\",\"type\":\"String\"},"
                + "\"letterReissueReason\":{\"value\":\"" + reason + "\",\"type\":\"String\"}}}";
    }

    /** Asks for the status link, opens it and uses it: the session shows this application's status. */
    private void openStatus(PortalClient browser, Application application) {
        browser.get("/status");
        browser.post("/status", Map.of("orderNumber", application.orderNumber(), "email", application.email()));
        driver.runDueJobs();
        MimeMessage mail = ReceivedMails.withSubject(greenMail, application.email(), SERVICE + " 申込状況確認URL");
        String link = ReceivedMails.firstLink(mail).replace("http://localhost", "http://localhost:" + port);
        browser.get(link);
        assertThat(browser.post(link, Map.of()).statusCode()).isEqualTo(302);
    }
}
