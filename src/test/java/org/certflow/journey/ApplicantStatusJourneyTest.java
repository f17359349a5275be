package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.application.Qualification;
import org.certflow.billing.Invoices;
import org.certflow.portal.PortalSubmissions;
import org.certflow.service.ProcessConstants;
import org.certflow.support.CertflowTest;
import org.certflow.support.LoopbackBrowser;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
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
 * 申込状況の確認 over HTTP and SMTP, as an applicant without JavaScript uses it and as a stranger attacks it: the mailed
 * link, the page's step, deadlines and amount, the link sent again, the invoice, the withdrawal, and the attempts
 * to learn or change another application through it.
 */
@CertflowTest
class ApplicantStatusJourneyTest {

    private static final String SERVICE = "MCCI電子証明書サービス";
    private static final String STATUS_LINK = SERVICE + " 申込状況確認URL";
    private static final String UPLOAD_LINK = SERVICE + " 建築士免許証画像アップロードURL";
    private static final String WITHDRAWAL = SERVICE + " お申込み取下げのお知らせ";

    @LocalServerPort int port;
    @Autowired GreenMail greenMail;
    @Autowired ProcessDriver driver;
    @Autowired TestApplications testApplications;
    @Autowired PortalSubmissions portal;
    @Autowired ApplicationRepository applications;
    @Autowired Invoices invoices;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired Throttle throttle;
    @Autowired ManagementService managementService;

    /** The tests ask from this machine more often than one applicant would within the hour. */
    @BeforeEach
    void forgetThisMachinesRequests() {
        throttle.clear(throttle.key("status-client", "127.0.0.1"));
    }

    @AfterEach
    void resetClock() {
        driver.resetClock();
    }

    @Test
    void theMailedLinkShowsTheStepTheDeadlineAndTheAmountAndOpensOnce() {
        Application application = testApplications.awaitingPayment("状況確認設計");
        PortalClient browser = new PortalClient(port);
        String link = requestStatusLink(browser, application);

        HttpResponse<String> landing = browser.get(link);
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains(application.orderNumber()).contains("申込状況を表示する");
        HttpResponse<String> opened = browser.post(link, Map.of());
        assertThat(opened.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/status/current"));

        String page = browser.get("/status/current").body();
        int total = invoices.find(application.id()).orElseThrow().totalAmount();
        assertThat(page).contains(application.orderNumber()).contains("6. 入金").contains("入金待ち")
                .contains("請求書の金額をお支払いください")
                .contains("お支払期限").contains(paymentDeadline(application) + "まで")
                .contains(String.format("%,d円", total))
                .contains("請求書（PDF）をダウンロードする").contains("お申込みを取り下げる")
                .doesNotContain("ワンタイムURLを再送する");
        HttpResponse<byte[]> pdf = browser.getBytes("/status/invoice.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.body()).isEqualTo(invoices.find(application.id()).orElseThrow().pdf());

        assertThat(new PortalClient(port).get(link).statusCode()).as("a used link opens nothing").isEqualTo(410);
        PortalClient other = new PortalClient(port);
        other.get("/status");
        assertThat(other.post(link, Map.of()).statusCode()).isEqualTo(410);
        assertThat(other.get("/status/current").statusCode()).isEqualTo(401);
    }

    @Test
    void aLinkSentAgainReplacesTheLostOneUnderTheSameOrderNumber() {
        String email = "resend-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
        Application application = portal.applyProvisionally(email, Qualification.FIRST_CLASS_ARCHITECT);
        driver.runDueJobs();
        String oldLink = local(ReceivedMails.firstLink(ReceivedMails.withSubject(greenMail, email, UPLOAD_LINK)));
        PortalClient browser = new PortalClient(port);
        openStatus(browser, application);
        String page = browser.get("/status/current").body();
        assertThat(page).contains("2.〜5. 本申込").contains("本申込の期限").doesNotContain("請求書（PDF）");

        HttpResponse<String> resent = browser.post("/status/resend-link", Map.of());
        assertThat(resent.statusCode()).isEqualTo(302);
        assertThat(browser.get("/status/current").body()).contains("ワンタイムURLを、登録されたメールアドレスへ再送しました");
        driver.runDueJobs();
        String newLink = local(ReceivedMails.firstLink(ReceivedMails.withSubject(greenMail, email, UPLOAD_LINK + "(再送)")));

        String unusedStatusLink = requestStatusLink(new PortalClient(port), application);
        assertThat(new PortalClient(port).get(unusedStatusLink.replace("/status/link/", "/link/")).statusCode())
                .as("a status link never opens the application form").isEqualTo(410);
        assertThat(new PortalClient(port).get(unusedStatusLink).statusCode()).isEqualTo(200);
        assertThat(newLink).isNotEqualTo(oldLink);
        assertThat(new PortalClient(port).get(oldLink).statusCode()).as("the old link is dead").isEqualTo(410);
        PortalClient form = new PortalClient(port);
        assertThat(form.get(newLink).body()).contains(application.orderNumber());
        assertThat(form.post(newLink, Map.of()).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/application"));
        assertThat(applications.findByOrderNumber(application.orderNumber())).isPresent();
        assertThat(applications.get(application.id()).status()).isEqualTo(ApplicationStatus.AWAITING_MAIN_APPLICATION);
    }

    @Test
    void aWithdrawalBeforePaymentEndsTheApplicationWithAMailAndNoPickup() {
        Application application = testApplications.awaitingPayment("取下げ設計");
        PortalClient browser = new PortalClient(port);
        openStatus(browser, application);
        browser.get("/status/current");

        HttpResponse<String> confirm = browser.get("/status/withdraw");
        assertThat(confirm.body()).contains("元に戻すことはできません").contains("取り下げる");
        assertThat(browser.post("/status/withdraw", Map.of()).statusCode()).isEqualTo(302);
        String page = browser.get("/status/current").body();
        assertThat(page).contains("お申込みを取り下げました").contains("取下げ").contains("お手続きは終了しました")
                .doesNotContain("お申込みを取り下げる").doesNotContain("請求書（PDF）");
        assertThat(browser.getBytes("/status/invoice.pdf").statusCode()).isEqualTo(404);
        driver.runDueJobs();

        MimeMessage mail = ReceivedMails.withSubject(greenMail, application.email(), WITHDRAWAL);
        assertThat(ReceivedMails.verifiedSigner(mail)).isNotNull();
        assertThat(ReceivedMails.text(mail)).contains(application.orderNumber());
        assertThat(applications.get(application.id()).status()).isEqualTo(ApplicationStatus.WITHDRAWN);
        assertThat(testApplications.inProgress(application)).as("ended").isFalse();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber()).count()).isZero();

        PortalClient pickup = new PortalClient(port);
        pickup.get("/pickup");
        HttpResponse<String> login = pickup.post("/pickup",
                Map.of("orderNumber", application.orderNumber(), "password", "PASSWORDPASSWORD"));
        assertThat(login.statusCode()).as("no pickup for a withdrawn application").isEqualTo(200);
        assertThat(login.body()).contains("現在ダウンロードできません");
    }

    @Test
    void aPaidApplicationInReviewIsWithdrawnForARefundAndTheSessionActsOnItsOwnApplicationOnly() {
        Application paid = paid(testApplications.awaitingPayment("入金済み設計"));
        Application other = testApplications.awaitingPayment("他人設計");
        PortalClient browser = new PortalClient(port);
        openStatus(browser, paid);
        String page = browser.get("/status/current").body();
        assertThat(page).contains("7. 弊所での審査").contains("お申込みを取り下げる");
        assertThat(browser.get("/status/withdraw").body()).contains("お支払いいただいた手数料を返金いたします")
                .doesNotContain("請求書のお支払いは不要になります");

        HttpResponse<String> forced = browser.post("/status/withdraw", Map.of("orderNumber", other.orderNumber(),
                "applicationId", String.valueOf(other.id())));
        assertThat(forced.statusCode()).isEqualTo(302);
        assertThat(browser.get("/status/current").body()).contains("お申込みを取り下げました");
        driver.runDueJobs();
        assertThat(applications.get(paid.id()).status()).isEqualTo(ApplicationStatus.REFUND_PENDING);
        assertThat(applications.get(other.id()).status()).as("the other application is untouched")
                .isEqualTo(ApplicationStatus.AWAITING_PAYMENT);
        assertThat(ReceivedMails.text(ReceivedMails.withSubject(greenMail, paid.email(), WITHDRAWAL)))
                .contains("お支払いいただいた手数料は返金いたします").doesNotContain("請求書のお支払いも不要です");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(paid.orderNumber())
                .taskDefinitionKey("RecordRefund").taskCandidateGroup("accounting").count())
                .as("accounting's refund task").isOne();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(paid.orderNumber())
                .taskDefinitionKey("ReviewApplication").count()).as("the review ended").isZero();
        assertThat(browser.get("/status/current").body()).contains("返金手続き中")
                .contains("お支払いいただいた手数料を返金いたします").doesNotContain("お申込みを取り下げる");

        browser.get("/status");
        browser.post("/status/resend-link", Map.of("orderNumber", other.orderNumber()));
        assertThat(browser.get("/status/current").body()).contains("ワンタイムURLを再送できません");
        assertThat(browser.getBytes("/status/invoice.pdf?applicationId=" + other.id()).body())
                .isEqualTo(invoices.find(paid.id()).orElseThrow().pdf());
    }

    @Test
    void oncePastTheReviewsDecisionAPaidApplicationCannotBeWithdrawn() {
        Application approved = paid(testApplications.awaitingPayment("承認済み設計"));
        Map<String, Object> review = new HashMap<>(Map.of("reviewDecision", "approve", "reviewDoubt", false,
                "checkNumberReadable", true, "checkNameMatches", true, "checkImageLegible", true,
                "checkQualificationMatches", true));
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(approved.orderNumber())
                .taskDefinitionKey("ReviewApplication").singleResult().getId(), review);
        driver.runDueJobs();
        assertThat(applications.get(approved.id()).status()).isEqualTo(ApplicationStatus.AWAITING_PICKUP);
        PortalClient browser = new PortalClient(port);
        openStatus(browser, approved);
        assertThat(browser.get("/status/current").body()).doesNotContain("お申込みを取り下げる");

        browser.get("/status");
        assertThat(browser.post("/status/withdraw", Map.of()).statusCode()).isEqualTo(302);
        assertThat(browser.get("/status/current").body())
                .contains("入金済みのお申込みは、審査の結果が出る前（審査中、または申込内容の修正待ち）に限り取り下げることができます");
        driver.runDueJobs();
        assertThat(applications.get(approved.id()).status()).isEqualTo(ApplicationStatus.AWAITING_PICKUP);
    }

    @Test
    void anExpiredLinkAndFormsWithoutCsrfTokenFail() {
        Application application = testApplications.awaitingPayment("期限切れ設計");
        PortalClient browser = new PortalClient(port);
        String expired = requestStatusLink(browser, application);
        driver.travel(Duration.ofHours(24).plusMinutes(1));
        assertThat(browser.get(expired).statusCode()).isEqualTo(410);
        assertThat(browser.get(expired).body()).contains("このURLは使用できません");
        driver.resetClock();

        openStatus(browser, application);
        browser.get("/status/current");
        HttpResponse<String> forged = browser.postWithoutCsrf("/status/withdraw", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(applications.get(application.id()).status()).isEqualTo(ApplicationStatus.AWAITING_PAYMENT);
        assertThat(browser.postWithoutCsrf("/status", Map.of("orderNumber", application.orderNumber(),
                "email", application.email())).statusCode()).isEqualTo(403);
    }

    @Test
    void guessingOrderNumbersTellsNothingAndIsLimited() {
        Application application = testApplications.awaitingPayment("推測設計");
        int before = ReceivedMails.subjectsTo(greenMail, application.email()).size();
        LoopbackBrowser stranger = new LoopbackBrowser("127.0.0.71", port);
        List<Map<String, String>> guesses = List.of(
                Map.of("orderNumber", application.orderNumber(), "email", "someone-else@example.jp"),
                Map.of("orderNumber", "PBJ99999999", "email", application.email()),
                Map.of("orderNumber", "PBJ10000000", "email", "nobody@example.jp"),
                Map.of("orderNumber", application.orderNumber(), "email", application.email()),
                Map.of("orderNumber", "PBJ12345678", "email", "third@example.jp"));
        for (Map<String, String> guess : guesses) {
            stranger.get("/status");
            LoopbackBrowser.Response answer = stranger.post("/status", guess);
            assertThat(answer.status()).as("%s", guess).isEqualTo(302);
            assertThat(answer.header("Location")).as("the same answer whether the pair matches or not")
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/status/sent"));
        }
        stranger.get("/status");
        LoopbackBrowser.Response refused = stranger.post("/status",
                Map.of("orderNumber", application.orderNumber(), "email", application.email()));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(refused.body()).contains("申込状況の確認を一時停止しています").contains("メールは送信していません");

        driver.runDueJobs();
        assertThat(ReceivedMails.subjectsTo(greenMail, "someone-else@example.jp")).isEmpty();
        assertThat(ReceivedMails.subjectsTo(greenMail, application.email()).subList(before,
                ReceivedMails.subjectsTo(greenMail, application.email()).size()))
                .as("only the matching pair got a mail, once").containsExactly(STATUS_LINK);

        for (int i = 0; i < 3; i++) {
            LoopbackBrowser another = new LoopbackBrowser("127.0.0.8" + i, port);
            another.get("/status");
            assertThat(another.post("/status", Map.of("orderNumber", "PBJ1000000" + i, "email", "victim@example.jp"))
                    .status()).isEqualTo(302);
        }
        LoopbackBrowser fourth = new LoopbackBrowser("127.0.0.89", port);
        fourth.get("/status");
        assertThat(fourth.post("/status", Map.of("orderNumber", "PBJ10000009", "email", "victim@example.jp"))
                .status()).as("one mailbox gets few links, from whichever address").isEqualTo(429);
    }

    @Test
    void malformedInputGetsJapaneseMessagesNextToTheFields() {
        PortalClient browser = new PortalClient(port);
        browser.get("/");
        assertThat(browser.get("/").body()).contains("申込状況の確認");
        browser.get("/status");
        HttpResponse<String> wrong = browser.post("/status", Map.of("orderNumber", "12345<script>", "email", "x@"));
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("受付番号は PBJ に続く数字で入力してください")
                .contains("メールアドレスの形式が正しくありません").doesNotContain("<script>");
        HttpResponse<String> empty = browser.post("/status", Map.of());
        assertThat(empty.body()).contains("入力してください");
        HttpResponse<String> hostile = browser.post("/status", Map.of("orderNumber", "\u0000PBJ1\uFFFF" + "9".repeat(5000),
                "email", "a".repeat(5000) + "@example.jp\u202E"));
        assertThat(hostile.statusCode()).isEqualTo(200);
        assertThat(hostile.body()).contains("受付番号は PBJ に続く数字で入力してください");
        assertThat(browser.get("/status/link/made-up").statusCode()).isEqualTo(410);
        assertThat(browser.get("/status/link/" + "A".repeat(43)).statusCode()).isEqualTo(410);
        assertThat(browser.get("/status/current").statusCode()).as("no status without a link").isEqualTo(401);
        assertThat(browser.getBytes("/status/invoice.pdf").statusCode()).isEqualTo(404);
    }

    /** Asks for the status link, opens it and uses it: the session shows this application's status. */
    private String openStatus(PortalClient browser, Application application) {
        String link = requestStatusLink(browser, application);
        browser.get(link);
        assertThat(browser.post(link, Map.of()).statusCode()).isEqualTo(302);
        return link;
    }

    /** Asks for the status link and returns it from the mail. */
    private String requestStatusLink(PortalClient browser, Application application) {
        int before = ReceivedMails.subjectsTo(greenMail, application.email()).size();
        browser.get("/status");
        HttpResponse<String> asked = browser.post("/status",
                Map.of("orderNumber", application.orderNumber(), "email", application.email().toUpperCase()));
        assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/status/sent"));
        assertThat(browser.get("/status/sent").body()).contains("申込状況確認URL");
        driver.runDueJobs();
        List<MimeMessage> mails = ReceivedMails.to(greenMail, application.email());
        assertThat(mails).hasSizeGreaterThan(before);
        MimeMessage mail = ReceivedMails.withSubject(greenMail, application.email(), STATUS_LINK);
        assertThat(ReceivedMails.verifiedSigner(mail)).isNotNull();
        return local(ReceivedMails.firstLink(mail));
    }

    private String paymentDeadline(Application application) {
        String instance = runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(application.orderNumber())
                .processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION).singleResult().getId();
        java.util.Date due = managementService.createJobQuery().processInstanceId(instance).timers().activityId("PaymentDeadlinePassed").singleResult().getDuedate();
        return java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日 H時mm分")
                .format(due.toInstant().atZone(ZoneId.of("Asia/Tokyo")));
    }

    private Application paid(Application application) {
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey("ConfirmPayment").singleResult().getId(), Map.of(
                "amountReceived", (long) invoices.find(application.id()).orElseThrow().totalAmount(),
                "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
        driver.runDueJobs();
        return applications.get(application.id());
    }

    private String local(String link) {
        return link.replace("http://localhost", "http://localhost:" + port);
    }
}
