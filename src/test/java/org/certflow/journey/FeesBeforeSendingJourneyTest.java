package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.billing.Invoices;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.StaffApi;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;

/**
 * 6. Fees before sending, over HTTP and SMTP as an applicant without JavaScript and staff in Tasklist meet it: the
 * confirmation page's fee is the invoice's total; a 「その他」 applicant is invoiced only once an ra-admin found them
 * eligible, or told why not; and the attempts to change the fee or to decide the check from outside.
 */
@CertflowTest
class FeesBeforeSendingJourneyTest {

    private static final String SERVICE = "MCCI電子証明書サービス";
    private static final String INVOICE = SERVICE + " 請求書";
    private static final String NOT_ELIGIBLE = SERVICE + " 資格確認結果のお知らせ";
    private static final Pattern PAGE_TOTAL = Pattern.compile("id=\"fee-total\"><strong>([0-9,]+)円</strong>");
    private static final Pattern ORDER_NUMBER = Pattern.compile("(PBJ[0-9]+)");
    private static final Pattern PDF_TOTAL = Pattern.compile("合計\\s*¥([0-9,]+)");

    @LocalServerPort int port;
    @Autowired GreenMail greenMail;
    @Autowired ProcessDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired Invoices invoices;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired StaffApi api;
    @Autowired JdbcClient jdbc;
    @Autowired TestApplications testApplications;

    @ParameterizedTest(name = "{0}年・会員={1}: 税抜{2}円")
    @CsvSource({"1, false, 10000, '11,000'", "2, false, 18000, '19,800'", "1, true, 8000, '8,800'",
            "2, true, 14000, '15,400'"})
    void theConfirmationPageShowsTheTotalTheInvoiceAsks(int years, boolean member, int net, String total)
            throws Exception {
        String email = "fee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
        PortalClient browser = new PortalClient(port);
        fillIn(browser, email, "FIRST_CLASS_ARCHITECT", years, member, "123456");

        String page = browser.get("/application/confirm").body();
        assertThat(page).contains("お支払いいただく手数料").contains(String.format("%,d円", net))
                .contains("消費税（10%）").contains("合計（税込）")
                .contains("電子証明書発行手数料（一級建築士・" + years + "年" + (member ? "・会員" : "") + "）");
        if (member) {
            assertThat(page).contains("会員割引").contains("非会員の料金から");
        } else {
            assertThat(page).doesNotContain("会員割引");
        }
        String shown = amount(PAGE_TOTAL, page);
        assertThat(shown).isEqualTo(total);

        // the amount is the server's: a total sent along with the submission changes nothing
        browser.getBytes("/application/distribution-letter.pdf");
        browser.get("/application/confirm");
        assertThat(browser.post("/application/submit", Map.of("totalAmount", "1", "netAmount", "1", "fee", "1"))
                .statusCode()).isEqualTo(302);
        driver.runDueJobs();

        MimeMessage invoiceMail = ReceivedMails.withSubject(greenMail, email, INVOICE);
        String pdf = CertificateJourneyTest.pdfText(ReceivedMails.attachment(invoiceMail, ".pdf"));
        assertThat(amount(PDF_TOTAL, pdf)).as("the invoice PDF's total").isEqualTo(shown);
        assertThat(ReceivedMails.text(invoiceMail)).contains(shown);
    }

    @Test
    void anOtherQualificationIsInvoicedOnlyAfterAnRaAdminFoundItEligible() throws Exception {
        String email = "other-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
        Application application = sentAsOther(email);
        Task check = eligibilityTask(application);
        String path = "/engine-rest/task/" + check.getId() + "/submit-form";

        // nobody but ra-admins decides, and not through the variables
        for (String outsider : new String[] {"shinsa", "keiri"}) {
            HttpResponse<String> tried = api.call("POST", path, outsider, form("true", "OTHER", null));
            assertThat(tried.statusCode()).as(outsider + ": " + tried.body()).isGreaterThanOrEqualTo(400);
            assertThat(api.call("GET", "/staff/api/tasks/" + check.getId() + "/application", outsider, null)
                    .statusCode()).as(outsider).isIn(403, 404);
        }
        assertThat(api.call("GET", "/staff/api/tasks/" + check.getId() + "/application", "ra-admin", null).body())
                .contains(application.orderNumber()).contains("AB-12");
        Map<String, Object[]> forgedActor = formFields("true", "OTHER", null);
        forgedActor.put("decidedBy", new Object[] {"admin", "String"});
        HttpResponse<String> extra = api.call("POST", path, "ra-admin", json(forgedActor));
        assertThat(extra.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(extra.body()).contains("このタスクのフォームにない項目は送信・変更できません（decidedBy）");
        HttpResponse<String> unknownCategory = api.call("POST", path, "ra-admin", form("true", "PLATINUM", null));
        assertThat(unknownCategory.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(unknownCategory.body()).contains("適用する料金区分を、手数料表（fees.dmn）にある区分から選択してください");
        HttpResponse<String> noDecision = api.call("POST", path, "ra-admin", form("maybe", "OTHER", null));
        assertThat(noDecision.body()).contains("資格確認の結果（対象・対象外）を選択してください");
        driver.runDueJobs();
        assertThat(invoices.find(application.id())).as("no invoice while the check is open").isEmpty();
        assertThat(ReceivedMails.subjectsTo(greenMail, email)).doesNotContain(INVOICE);

        // eligible at the architects' fee: the invoice applies it
        HttpResponse<String> decided = api.call("POST", path, "ra-admin", form("true", "FIRST_CLASS_ARCHITECT", null));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(204);
        driver.runDueJobs();
        MimeMessage invoiceMail = ReceivedMails.withSubject(greenMail, email, INVOICE);
        String pdf = CertificateJourneyTest.pdfText(ReceivedMails.attachment(invoiceMail, ".pdf"));
        assertThat(amount(PDF_TOTAL, pdf)).as("10,000円 net, the architects' fee, not 12,000円").isEqualTo("11,000");
        assertThat(pdf).contains("その他の資格");
        assertThat(applications.get(application.id()).status()).isEqualTo(ApplicationStatus.AWAITING_PAYMENT);
        assertThat(jdbc.sql("select decided_by from eligibility_check where application_id = :id")
                .param("id", application.id()).query(String.class).single()).isEqualTo("ra-admin");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey("ConfirmPayment").count()).isOne();
    }

    @Test
    void anOtherQualificationFoundNotEligibleIsToldWhyAndNeverInvoiced() throws Exception {
        String email = "refused-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
        Application application = sentAsOther(email);
        Task check = eligibilityTask(application);
        String path = "/engine-rest/task/" + check.getId() + "/submit-form";

        HttpResponse<String> noReason = api.call("POST", path, "ra-admin", form("false", null, "  "));
        assertThat(noReason.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(noReason.body()).contains("対象外の場合は、申請者に伝える理由を入力してください");
        HttpResponse<String> refused = api.call("POST", path, "ra-admin",
                form("false", null, "お送りいただいた資格証明書は、本サービスの対象となる公的資格ではありません。"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(204);
        driver.runDueJobs();

        MimeMessage mail = ReceivedMails.withSubject(greenMail, email, NOT_ELIGIBLE);
        assertThat(ReceivedMails.verifiedSigner(mail)).as("signed").isNotNull();
        assertThat(ReceivedMails.text(mail)).contains(application.orderNumber())
                .contains("お送りいただいた資格証明書は、本サービスの対象となる公的資格ではありません。")
                .contains("請求書は発行されません");
        assertThat(ReceivedMails.subjectsTo(greenMail, email)).doesNotContain(INVOICE);
        assertThat(invoices.find(application.id())).isEmpty();
        assertThat(applications.get(application.id()).status()).isEqualTo(ApplicationStatus.NOT_ELIGIBLE);
        assertThat(testApplications.inProgress(application)).as("ended").isFalse();
    }

    // --- the applicant's and the staff's steps ---

    /** Provisional application and main application over HTTP, up to the confirmation page. */
    private void fillIn(PortalClient browser, String email, String qualification, int years, boolean member,
                        String registrationNumber) throws Exception {
        browser.get("/");
        assertThat(browser.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true", "email", email,
                "emailConfirmation", email, "qualification", qualification)).statusCode()).isEqualTo(302);
        driver.runDueJobs();
        MimeMessage uploadMail = ReceivedMails.to(greenMail, email).get(0);
        String link = ReceivedMails.firstLink(uploadMail).replace("http://localhost", "http://localhost:" + port);
        browser.get(link);
        browser.post(link, Map.of());
        browser.get("/application");
        Map<String, String> details = new HashMap<>(Map.ofEntries(Map.entry("familyName", "山田"),
                Map.entry("firstName", "太郎"), Map.entry("familyNameKana", "ヤマダ"), Map.entry("firstNameKana", "タロウ"),
                Map.entry("familyNameRomaji", "Yamada"), Map.entry("firstNameRomaji", "Taro"),
                Map.entry("phone", "0263-32-5355"), Map.entry("postalCode", "390-0811"),
                Map.entry("address", "長野県松本市中央1-23-1"), Map.entry("registrationNumber", registrationNumber),
                Map.entry("dateOfBirth", "1980年4月1日"), Map.entry("officeName", "山田設計"),
                Map.entry("validityYears", String.valueOf(years)), Map.entry("chamberMember", String.valueOf(member))));
        HttpResponse<String> saved = browser.postMultipart("/application", details, "licenceImage", "licence.png",
                "image/png", CertificateJourneyTest.png());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    }

    /** A 「その他」 applicant's main application, sent: the page promised no amount. */
    private Application sentAsOther(String email) throws Exception {
        PortalClient browser = new PortalClient(port);
        fillIn(browser, email, "OTHER", 1, false, "AB-12");
        String page = browser.get("/application/confirm").body();
        assertThat(page).contains("資格を確認し、手数料（料金区分）を決定します").doesNotContain("id=\"fee-total\"");
        browser.getBytes("/application/distribution-letter.pdf");
        browser.get("/application/confirm");
        assertThat(browser.post("/application/submit", Map.of()).statusCode()).isEqualTo(302);
        driver.runDueJobs();
        Application application = applications.findByOrderNumber(amount(ORDER_NUMBER, page)).orElseThrow();
        assertThat(application.status()).isEqualTo(ApplicationStatus.AWAITING_ELIGIBILITY);
        assertThat(ReceivedMails.subjectsTo(greenMail, email)).contains(SERVICE + " 登録内容確認")
                .doesNotContain(INVOICE);
        assertThat(invoices.find(application.id())).isEmpty();
        return application;
    }

    private Task eligibilityTask(Application application) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey("CheckEligibility").singleResult();
        assertThat(task).as("the eligibility check").isNotNull();
        assertThat(taskService.getIdentityLinksForTask(task.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("ra-admins"));
        assertThat(task.getName()).startsWith("資格確認: ");
        assertThat(task.getDueDate()).isNotNull();
        return task;
    }

    private static Map<String, Object[]> formFields(String eligible, String feeCategory, String reason) {
        Map<String, Object[]> fields = new HashMap<>();
        fields.put("eligible", new Object[] {eligible, "String"});
        if (feeCategory != null) {
            fields.put("feeCategory", new Object[] {feeCategory, "String"});
        }
        if (reason != null) {
            fields.put("eligibilityReason", new Object[] {reason, "String"});
        }
        return fields;
    }

    private static String form(String eligible, String feeCategory, String reason) {
        return json(formFields(eligible, feeCategory, reason));
    }

    private static String json(Map<String, Object[]> fields) {
        return fields.entrySet().stream()
                .map(field -> "\"" + field.getKey() + "\":{\"value\":\"" + field.getValue()[0] + "\",\"type\":\""
                        + field.getValue()[1] + "\"}")
                .collect(Collectors.joining(",", "{\"variables\":{", "}}"));
    }

    /** The first group of the pattern's first match: an amount, an order number. */
    private static String amount(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("an amount in%n%s", text).isTrue();
        return matcher.group(1);
    }
}
