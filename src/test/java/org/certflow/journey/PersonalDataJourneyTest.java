package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.application.Qualification;
import org.certflow.billing.Invoices;
import org.certflow.billing.Receipts;
import org.certflow.portal.PortalSubmissions;
import org.certflow.privacy.PersonalDataAccess;
import org.certflow.privacy.PrivacyNotice;
import org.certflow.service.ProcessConstants;
import org.certflow.staff.StaffSetup;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.StaffApi;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The applicant's rights under the APPI over HTTP: the privacy notice is public and its consent is required and
 * recorded with its version; every staff view of personal data leaves a row in the access trace that ra-admins read;
 * a disclosure request is answered with one ZIP holding everything about that applicant and nothing about another;
 * nobody but ra-admins opens the trace or the export, forged posts change nothing, and no request writes the trace.
 */
@CertflowTest
class PersonalDataJourneyTest {

    private static final String TRACE = "/staff/personal-data-access";
    private static final String DISCLOSURE = "/staff/disclosure";
    private static final String EXPORT = "/staff/disclosure/export";
    private static final String ERASE = "/staff/disclosure/erase";

    @LocalServerPort
    int port;
    @Autowired StaffSetup staff;
    @Autowired StaffApi api;
    @Autowired TestApplications testApplications;
    @Autowired PortalSubmissions portal;
    @Autowired ApplicationRepository applications;
    @Autowired ProcessDriver driver;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired Invoices invoices;
    @Autowired Receipts receipts;
    @Autowired PersonalDataAccess accessTrace;
    @Autowired PrivacyNotice notice;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        driver.resetClock();
    }

    @Test
    void thePrivacyNoticeIsPublicAndAProvisionalApplicationNeedsItsConsentWhichIsRecordedWithTheVersion() {
        PortalClient browser = new PortalClient(port);
        HttpResponse<String> page = browser.get("/privacy");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("個人情報の取扱いについて", "（" + notice.version() + "版）", "利用目的", "第三者提供",
                "審査の結果が出てから90日後", "1年後に削除", "7年間保存", "jcan-secretariat@mcci.or.jp", "安全管理措置");

        HttpResponse<String> start = browser.get("/");
        assertThat(start.body()).contains("href=\"/privacy\"").contains("name=\"privacyNoticeAccepted\"")
                .contains(notice.version() + "</span>版");
        assertThat(browser.get("/pickup").body()).as("every page's footer").contains("href=\"/privacy\"");
        assertThat(browser.get("/status").body()).contains("href=\"/privacy\"");

        browser.get("/");
        String email = "privacy-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
        HttpResponse<String> refused = browser.post("/apply", Map.of("obligationsAccepted", "true", "email", email,
                "emailConfirmation", email, "qualification", "FIRST_CLASS_ARCHITECT"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"privacyNoticeAccepted-error\"")
                .contains("個人情報の取扱いを確認し、同意してください。");
        assertThat(applicationsWith(email)).as("nothing stored").isZero();

        HttpResponse<String> sent = browser.post("/apply", Map.of("obligationsAccepted", "true",
                "privacyNoticeAccepted", "true", "email", email, "emailConfirmation", email,
                "qualification", "FIRST_CLASS_ARCHITECT"));
        assertThat(sent.statusCode()).isEqualTo(302);
        Map<String, Object> consent = jdbc.sql("""
                select privacy_notice_version, privacy_notice_accepted_at, obligations_version
                from application where email = :email""").param("email", email).query().singleRow();
        assertThat(consent.values()).doesNotContainNull();
        assertThat(consent.entrySet()).anySatisfy(column -> {
            assertThat(column.getKey()).isEqualToIgnoringCase("privacy_notice_version");
            assertThat(column.getValue()).isEqualTo(notice.version());
        });
    }

    @Test
    void everyStaffViewOfPersonalDataLeavesATraceWithTheLoginThatRaAdminsRead() throws Exception {
        Application application = testApplications.awaitingPayment("閲覧記録設計事務所");
        Task payment = task(application, "ConfirmPayment");

        assertThat(api.call("GET", "/staff/api/tasks/" + payment.getId() + "/application", "keiri", null).statusCode())
                .isEqualTo(200);
        assertThat(trace(application)).containsExactly("keiri:申込内容の表示（入金・返金）");
        int total = invoices.find(application.id()).orElseThrow().totalAmount();
        taskService.complete(payment.getId(), Map.of("amountReceived", (long) total,
                "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
        driver.runDueJobs();
        String documents = "/staff/api/applications/" + application.orderNumber();
        assertThat(api.download(documents + "/invoice.pdf", "keiri").statusCode()).isEqualTo(200);
        assertThat(api.download(documents + "/receipt.pdf", "keiri").statusCode()).isEqualTo(200);
        assertThat(api.download(documents + "/receipt.pdf", "shinsa").statusCode()).as("refused: no trace").isEqualTo(403);

        Task review = task(application, "ReviewApplication");
        HttpResponse<String> view = api.call("GET", "/staff/api/tasks/" + review.getId() + "/application", "shinsa", null);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).as("staff see the versions consented to")
                .contains("\"consents\":\"利用者の義務 2026-11版、個人情報の取扱い " + notice.version() + "版\"");
        assertThat(api.download("/staff/api/tasks/" + review.getId() + "/licence-image", "shinsa").statusCode())
                .isEqualTo(200);
        assertThat(trace(application)).containsExactly("keiri:申込内容の表示（入金・返金）", "keiri:請求書PDF",
                "keiri:領収書PDF", "shinsa:申込内容の表示", "shinsa:免許画像の表示");

        long bankViews = count("keiri", PersonalDataAccess.BANK_TRANSFERS_VIEW);
        StaffBrowser keiri = new StaffBrowser(port).logIn("keiri", password("keiri"));
        assertThat(keiri.get("/staff/bank-transfers").statusCode()).isEqualTo(200);
        assertThat(count("keiri", PersonalDataAccess.BANK_TRANSFERS_VIEW)).as("remitter names shown").isEqualTo(bankViews + 1);

        StaffBrowser raAdmin = raAdmin();
        HttpResponse<String> page = raAdmin.get(TRACE + "?orderNumber=" + application.orderNumber());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("5 件").contains("免許画像の表示", "請求書PDF", "shinsa", "keiri");
        assertThat(page.body().indexOf("免許画像の表示")).as("newest first").isLessThan(page.body().indexOf("請求書PDF"));
        HttpResponse<String> byUser = raAdmin.get(TRACE + "?orderNumber=" + application.orderNumber() + "&staffUser=shinsa");
        assertThat(byUser.body()).contains("2 件").contains("免許画像の表示").doesNotContain("請求書PDF");
        assertThat(raAdmin.get(TRACE).body()).as("unfiltered").contains(application.orderNumber());

        HttpResponse<String> malformed = raAdmin.get(TRACE + "?orderNumber=ABC&staffUser=%3Cb%3E");
        assertThat(malformed.statusCode()).isEqualTo(422);
        assertThat(malformed.body()).contains("受付番号は PBJ に続く数字で入力してください")
                .contains("担当者のIDは半角英数字とハイフン").contains("value=\"&lt;b&gt;\"").doesNotContain("value=\"<b>\"");
        assertThat(raAdmin.get(TRACE + "?orderNumber=PBJ99999999").body()).contains("この受付番号の申込も記録もありません。");

        String pager = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 53; i++) {
            accessTrace.record(pager, application.id(), "申込内容の表示");
        }
        HttpResponse<String> first = raAdmin.get(TRACE + "?staffUser=" + pager);
        assertThat(first.body()).contains("53 件（1 / 2 ページ）").contains("次のページ").doesNotContain("前のページ");
        HttpResponse<String> second = raAdmin.get(TRACE + "?staffUser=" + pager + "&page=1");
        assertThat(second.body()).contains("53 件（2 / 2 ページ）").contains("前のページ").doesNotContain("次のページ");
        assertThat(second.body().split(pager + "</td>", -1)).hasSize(4);
    }

    @Test
    void aDisclosureExportHoldsEverythingAboutTheApplicantAndNothingAboutAnother() throws Exception {
        Application first = testApplications.awaitingPayment("開示太郎設計事務所");
        int total = invoices.find(first.id()).orElseThrow().totalAmount();
        taskService.complete(task(first, "ConfirmPayment").getId(), Map.of("amountReceived", (long) total,
                "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
        driver.runDueJobs();
        Application again = portal.applyProvisionally(first.email(), Qualification.REAL_ESTATE_APPRAISER);
        Application other = testApplications.awaitingPayment("別人花子設計事務所");

        StaffBrowser raAdmin = raAdmin();
        assertThat(raAdmin.get(DISCLOSURE).statusCode()).isEqualTo(200);
        HttpResponse<String> found = raAdmin.post(DISCLOSURE, Map.of("email", first.email().toUpperCase()));
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(first.orderNumber(), again.orderNumber())
                .contains("個人情報の取扱い " + notice.version() + "版").doesNotContain(other.orderNumber());
        assertThat(trace(first)).contains("ra-admin:開示請求の検索結果の表示");

        HttpResponse<byte[]> export = raAdmin.postForBytes(EXPORT, Map.of("email", first.email()));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> zip = unzip(export.body());
        String text = new String(zip.get("applicant.json"), StandardCharsets.UTF_8);
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.get("exportedBy").asText()).isEqualTo("ra-admin");
        assertThat(json.get("applications")).hasSize(2);
        JsonNode disclosed = json.get("applications").get(0);
        assertThat(disclosed.at("/application/order_number").asText()).isEqualTo(first.orderNumber());
        assertThat(disclosed.at("/application/email").asText()).isEqualTo(first.email());
        assertThat(disclosed.at("/application/family_name").asText()).isEqualTo("山田");
        assertThat(disclosed.at("/application/office_name").asText()).isEqualTo("開示太郎設計事務所");
        assertThat(disclosed.at("/application/privacy_notice_version").asText()).isEqualTo(notice.version());
        assertThat(disclosed.at("/consents/obligationsVersion").asText()).isEqualTo("2026-11");
        assertThat(disclosed.at("/invoices/0/total_amount").asInt()).isEqualTo(total);
        assertThat(disclosed.at("/payments/0/amount").asInt()).isEqualTo(total);
        assertThat(disclosed.at("/receipts")).hasSize(1);
        assertThat(disclosed.at("/licenceImage/0/width").asInt()).isEqualTo(480);
        assertThat(disclosed.at("/mails").size()).isGreaterThan(0);
        assertThat(disclosed.at("/oneTimeLinks").size()).isGreaterThan(0);
        assertThat(text).as("the export is in the trace it holds").contains("開示データの出力");
        assertThat(text).as("no secrets").doesNotContain("pickup_password_hash", "token_hash", "idempotency_key");
        String passwordHash = applications.pickupPasswordHash(first.id()).orElseThrow();
        assertThat(text).doesNotContain(passwordHash);
        for (String tokenHash : jdbc.sql("select token_hash from one_time_link where application_id = :id")
                .param("id", first.id()).query(String.class).list()) {
            assertThat(text).doesNotContain(tokenHash);
        }
        assertThat(json.get("applications").get(1).at("/application/order_number").asText())
                .isEqualTo(again.orderNumber());
        assertThat(text).as("nothing about another applicant")
                .doesNotContain(other.orderNumber(), other.email(), "別人花子設計事務所");

        String folder = first.orderNumber() + "/";
        assertThat(zip.get(folder + "licence-image.png"))
                .isEqualTo(applications.findLicenceImage(first.id()).orElseThrow().content());
        assertThat(zip.get(folder + "invoice_" + invoices.find(first.id()).orElseThrow().invoiceNumber() + ".pdf"))
                .isEqualTo(invoices.find(first.id()).orElseThrow().pdf());
        assertThat(zip.get(folder + "receipt_" + receipts.find(first.id()).orElseThrow().receiptNumber() + ".pdf"))
                .isEqualTo(receipts.find(first.id()).orElseThrow().pdf());
        assertThat(zip.keySet()).noneMatch(name -> name.startsWith(other.orderNumber()));
        assertThat(trace(first)).contains("ra-admin:開示データの出力");
        assertThat(trace(again)).contains("ra-admin:開示データの出力");
        assertThat(trace(other)).doesNotContain("ra-admin:開示データの出力");

        HttpResponse<byte[]> byOrder = raAdmin.postForBytes(EXPORT, Map.of("orderNumber", other.orderNumber()));
        String otherText = new String(unzip(byOrder.body()).get("applicant.json"), StandardCharsets.UTF_8);
        assertThat(otherText).contains(other.orderNumber()).doesNotContain(first.orderNumber(), first.email());

        raAdmin.get(DISCLOSURE);
        HttpResponse<String> unknown = raAdmin.post(DISCLOSURE, Map.of("orderNumber", "PBJ99999999"));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("id=\"orderNumber-error\"").contains("この受付番号の申込はありません。");
        HttpResponse<String> malformed = raAdmin.post(DISCLOSURE, Map.of("email", "<script>@x"));
        assertThat(malformed.body()).contains("id=\"email-error\"").contains("メールアドレスの形式が正しくありません")
                .doesNotContain("<script>@x");
        assertThat(raAdmin.post(DISCLOSURE, Map.of()).body()).contains("受付番号またはメールアドレスを入力してください。");
        HttpResponse<String> refusedExport = raAdmin.post(EXPORT, Map.of("email", "nobody-" + UUID.randomUUID() + "@example.jp"));
        assertThat(refusedExport.statusCode()).isEqualTo(422);
        assertThat(refusedExport.body()).contains("このメールアドレスの申込はありません。");
    }

    @Test
    void onlyRaAdminsOpenTheTraceAndTheExportForgedPostsChangeNothingAndNothingWritesTheTrace() throws Exception {
        Application application = testApplications.awaitingPayment("攻撃対象設計事務所");
        Map<String, String> byOrder = Map.of("orderNumber", application.orderNumber());

        StaffBrowser anonymous = new StaffBrowser(port);
        for (String path : List.of(TRACE, DISCLOSURE)) {
            HttpResponse<String> page = anonymous.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElseThrow()).contains("/camunda/app/tasklist/");
        }
        anonymous.get("/pickup");
        assertThat(anonymous.post(EXPORT, byOrder).statusCode()).as("a portal CSRF token is no login").isEqualTo(302);

        PortalClient applicant = new PortalClient(port);
        applicant.get("/");
        assertThat(applicant.get(TRACE).statusCode()).isEqualTo(302);
        applicant.get("/");
        assertThat(applicant.postForBytes(EXPORT, byOrder).statusCode()).isEqualTo(302);
        applicant.get("/");
        assertThat(applicant.post(DISCLOSURE, byOrder).statusCode()).isEqualTo(302);

        for (String userId : List.of("shinsa", "keiri")) {
            StaffBrowser outsider = new StaffBrowser(port).logIn(userId, password(userId));
            HttpResponse<String> refused = outsider.get(TRACE);
            assertThat(refused.statusCode()).as(userId).isEqualTo(403);
            assertThat(refused.body()).contains("登録局の管理者（ra-admins）だけが使えます").doesNotContain(application.orderNumber());
            assertThat(outsider.get(DISCLOSURE).statusCode()).isEqualTo(403);
            outsider.get("/pickup");
            assertThat(outsider.post(DISCLOSURE, byOrder).statusCode()).isEqualTo(403);
            outsider.get("/pickup");
            assertThat(outsider.postForBytes(EXPORT, byOrder).statusCode()).isEqualTo(403);
            assertThat(api.call("GET", TRACE, userId, null).statusCode()).as("HTTP Basic, too").isEqualTo(403);
        }
        assertThat(trace(application)).as("nothing was shown or exported").isEmpty();

        StaffBrowser raAdmin = raAdmin();
        raAdmin.get(DISCLOSURE);
        assertThat(raAdmin.postWithoutCsrf(EXPORT, byOrder).statusCode()).as("a forged export").isEqualTo(403);
        assertThat(raAdmin.postWithoutCsrf(DISCLOSURE, byOrder).statusCode()).isEqualTo(403);
        assertThat(trace(application)).isEmpty();

        long rows = jdbc.sql("select count(*) from personal_data_access").query(Long.class).single();
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            assertThat(api.call(method, TRACE, "admin", "{\"staffUser\":\"x\",\"what\":\"x\"}").statusCode())
                    .as(method).isIn(403, 404, 405);
            assertThat(api.call(method, "/staff/api/personal-data-access", "admin", "{}").statusCode())
                    .as(method).isIn(403, 404, 405);
        }
        raAdmin.get(DISCLOSURE);
        assertThat(raAdmin.post(TRACE, Map.of("staffUser", "forged", "what", "申込内容の表示")).statusCode())
                .as("the page takes no posts").isEqualTo(405);
        assertThat(jdbc.sql("select count(*) from personal_data_access").query(Long.class).single())
                .as("no request wrote or removed a trace row").isEqualTo(rows);
    }

    @Test
    void anEndedApplicationIsErasedOnRequestKeepingItsInvoiceAndOneInProgressIsRefusedWithTheReason() throws Exception {
        Application application = testApplications.awaitingPayment("削除請求設計事務所");
        Map<String, String> erase = Map.of("orderNumber", application.orderNumber(), "identityChecked", "true");
        StaffBrowser raAdmin = raAdmin();
        raAdmin.get(DISCLOSURE);
        assertThat(raAdmin.post(DISCLOSURE, Map.of("orderNumber", application.orderNumber())).body())
                .contains("お申込みが終了していないため削除できません（現在の状態: 入金待ち）。");
        HttpResponse<String> inProgress = raAdmin.post(ERASE, erase);
        assertThat(inProgress.statusCode()).isEqualTo(409);
        assertThat(inProgress.body()).contains("id=\"erasure-refused\"");
        assertThat(applications.get(application.id()).hasDetails()).isTrue();

        runtimeService.createMessageCorrelation(ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN)
                .processInstanceBusinessKey(application.orderNumber()).correlate();
        driver.runDueJobs();
        assertThat(applications.get(application.id()).status()).isEqualTo(ApplicationStatus.WITHDRAWN);

        StaffBrowser reviewer = new StaffBrowser(port).logIn("shinsa", password("shinsa"));
        reviewer.get("/pickup");
        assertThat(reviewer.post(ERASE, erase).statusCode()).as("only ra-admins").isEqualTo(403);
        raAdmin.get(DISCLOSURE);
        assertThat(raAdmin.postWithoutCsrf(ERASE, erase).statusCode()).as("a forged erasure").isEqualTo(403);
        raAdmin.get(DISCLOSURE);
        HttpResponse<String> offered = raAdmin.post(DISCLOSURE, Map.of("orderNumber", application.orderNumber()));
        assertThat(offered.body()).contains("削除した後も保存するもの", "請求書は法人税法・電子帳簿保存法による保存義務があるため");
        HttpResponse<String> unchecked = raAdmin.post(ERASE, Map.of("orderNumber", application.orderNumber()));
        assertThat(unchecked.statusCode()).isEqualTo(422);
        assertThat(unchecked.body()).contains("id=\"identityChecked-error\"");
        assertThat(applications.get(application.id()).hasDetails()).as("nothing went without the check").isTrue();
        assertThat(applications.findLicenceImage(application.id())).isPresent();

        HttpResponse<String> erased = raAdmin.post(ERASE, erase);

        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(erased.body()).contains("免許証等の画像と個人データを削除しました。")
                .contains("まで保存し、その後に自動で削除します。").doesNotContain("削除請求設計事務所");
        Application reduced = applications.get(application.id());
        assertThat(reduced.personalDataReduced()).isTrue();
        assertThat(reduced.details()).isNull();
        assertThat(applications.findLicenceImage(application.id())).isEmpty();
        assertThat(invoices.find(application.id())).as("the invoice is kept by law").isPresent();
        assertThat(trace(application)).contains("ra-admin:" + PersonalDataAccess.ERASURE);
        assertThat(raAdmin.post(ERASE, erase).body()).contains("この申込みの個人データは削除済みです。");
        JsonNode disclosed = new ObjectMapper().readTree(unzip(raAdmin.postForBytes(EXPORT,
                Map.of("orderNumber", application.orderNumber())).body()).get("applicant.json"));
        assertThat(disclosed.at("/applications/0/licenceImageDisposals/0/reason").asText())
                .as("what went, and why, is disclosed too").isEqualTo("ERASURE_REQUEST");
        assertThat(disclosed.at("/applications/0/application/family_name").isNull()).isTrue();
    }

    private List<String> trace(Application application) {
        return accessTrace.about(application.id()).stream().map(entry -> entry.staffUser() + ":" + entry.what()).toList();
    }

    private long count(String staffUser, String what) {
        return jdbc.sql("select count(*) from personal_data_access where staff_user = :user and what = :what")
                .param("user", staffUser).param("what", what).query(Long.class).single();
    }

    private long applicationsWith(String email) {
        return jdbc.sql("select count(*) from application where email = :email").param("email", email)
                .query(Long.class).single();
    }

    private StaffBrowser raAdmin() throws IOException, InterruptedException {
        return new StaffBrowser(port).logIn("ra-admin", password("ra-admin"));
    }

    private String password(String userId) {
        return staff.demoUsers().stream().filter(user -> user.id().equals(userId)).findFirst().orElseThrow().password();
    }

    private Task task(Application application, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey(key).singleResult();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
