package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.TaskService;
import org.certflow.application.Application;
import org.certflow.billing.Invoices;
import org.certflow.pki.CertificateAuthority;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;

/**
 * What an applicant reads, from the first mail to the installed certificate: whom to ask is in every mail and on
 * every page, the order number has one name (受付番号) in mails, pages and PDFs, no mail claims an issuance before
 * the pickup, and the pickup page explains installing the file and trusting the root. The defaults of
 * {@code certflow.contact.*} and {@code certflow.deadlines.*} are the ones checked here.
 */
@CertflowTest
class ContactAndWordingTest {

    private static final String SERVICE = "MCCI電子証明書サービス";
    private static final String LETTER_PASSWORD = "PASSWORDPASSWORD";
    private static final String PIN = "correct-horse-9";
    private static final List<String> CONTACT = List.of("松本商工会議所 MCCI電子証明書サービス事務局", "0263-00-0000",
            "jcan-secretariat@mcci.or.jp", "平日 9:00〜17:00（土日祝日・年末年始を除く）");
    private static final Pattern INSTALL_LINK = Pattern.compile("https?://\\S+/pickup/install");

    @LocalServerPort int port;
    @Autowired GreenMail greenMail;
    @Autowired ProcessDriver driver;
    @Autowired TaskService taskService;
    @Autowired TestApplications applications;
    @Autowired Invoices invoices;
    @Autowired CertificateAuthority authority;

    @Test
    void everyMailAndPageNamesTheOfficeAndNoMailIssuesBeforeThePickup() throws Exception {
        Application application = applications.awaitingPayment("問合せ先建築設計");
        String order = application.orderNumber();
        MimeMessage invoiceMail = ReceivedMails.withSubject(greenMail, application.email(), SERVICE + " 請求書");
        assertThat(CertificateJourneyTest.pdfText(ReceivedMails.attachment(invoiceMail, ".pdf")))
                .contains("受付番号").contains(order).doesNotContain("注文番号");
        assertThat(ReceivedMails.text(invoiceMail)).contains("審査には通常1週間以上要します");

        taskService.complete(task(order, "ConfirmPayment"), Map.of(
                "amountReceived", (long) invoices.find(application.id()).orElseThrow().totalAmount(),
                "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
        driver.runDueJobs();
        MimeMessage paid = ReceivedMails.withSubject(greenMail, application.email(), SERVICE + " 入金確認のお知らせ");
        assertThat(CertificateJourneyTest.pdfText(ReceivedMails.attachment(paid, ".pdf")))
                .contains("受付番号 " + order).doesNotContain("注文番号");

        taskService.complete(task(order, "ReviewApplication"), Map.of("reviewDecision", "approve",
                "reviewComment", "", "checkNumberReadable", true, "checkNameMatches", true,
                "checkImageLegible", true, "checkQualificationMatches", true));
        driver.runDueJobs();
        String reviewed = ReceivedMails.text(ReceivedMails.withSubject(greenMail, application.email(),
                SERVICE + " 審査完了のお知らせ"));
        assertThat(reviewed).as("approval issues nothing yet").doesNotContain("発行しました")
                .contains("ダウンロードした時点で発行されます").contains("審査完了後30日まで");
        String pickupMail = ReceivedMails.text(ReceivedMails.withSubject(greenMail, application.email(),
                "電子証明書取得のお願い/ " + order + " : BN-Yamada.Taro"));
        assertThat(pickupMail).doesNotContain("発行処理が完了しました").contains("審査完了後30日まで");

        PortalClient browser = new PortalClient(port);
        browser.get("/pickup");
        assertThat(browser.post("/pickup", Map.of("orderNumber", order, "password", LETTER_PASSWORD)).statusCode())
                .isEqualTo(302);
        HttpResponse<String> pinPage = browser.get("/pickup/pin");
        assertInstallHelp(pinPage.body());
        assertThat(pinPage.body()).contains("<span>8〜64</span>文字").contains("3</span>回まで");
        HttpResponse<byte[]> p12 = browser.postForBytes("/pickup/certificate", Map.of("pin", PIN,
                "pinConfirmation", PIN));
        assertThat(p12.headers().firstValue("Content-Type")).hasValue("application/x-pkcs12");
        driver.runDueJobs();

        String issued = ReceivedMails.text(ReceivedMails.withSubject(greenMail, application.email(),
                "電子証明書発行のお知らせ/ " + order + " : BN-Yamada.Taro"));
        Matcher installLink = INSTALL_LINK.matcher(issued);
        assertThat(installLink.find()).as("the issuance mail links the installation help").isTrue();
        HttpResponse<String> help = new PortalClient(port).get(local(installLink.group()));
        assertThat(help.statusCode()).as("the help needs no login").isEqualTo(200);
        assertInstallHelp(help.body());
        assertThat(INSTALL_LINK.matcher(pickupMail).find()).as("so does the pickup mail").isTrue();

        List<MimeMessage> mails = ReceivedMails.to(greenMail, application.email());
        assertThat(mails).hasSizeGreaterThanOrEqualTo(7);
        for (MimeMessage mail : mails) {
            assertThat(ReceivedMails.text(mail)).as(ReceivedMails.subject(mail)).contains(CONTACT);
        }
        for (String page : List.of("/", "/pickup", "/pickup/install")) {
            assertThat(new PortalClient(port).get(page).body()).as(page).contains(CONTACT)
                    .contains("href=\"tel:0263-00-0000\"").contains("href=\"mailto:jcan-secretariat@mcci.or.jp\"");
        }
    }

    @Test
    void theLetterAndThePagesStateTheSettingsAndOneWordForTheOrderNumber() throws Exception {
        String email = "wording.letter@example.jp";
        PortalClient browser = new PortalClient(port);
        browser.get("/");
        HttpResponse<String> sent = browser.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true", "email", email,
                "emailConfirmation", email, "qualification", "FIRST_CLASS_ARCHITECT"));
        assertThat(browser.get(sent.headers().firstValue("Location").orElseThrow()).body())
                .contains("URLの有効期限は<span>1週間</span>です");
        driver.runDueJobs();
        MimeMessage uploadMail = ReceivedMails.withSubject(greenMail, email, SERVICE + " 建築士免許証画像アップロードURL");
        assertThat(ReceivedMails.text(uploadMail)).contains("4MB以内").contains(CONTACT);
        String link = local(ReceivedMails.firstLink(uploadMail));
        browser.get(link);
        browser.post(link, Map.of());
        assertThat(browser.get("/application").body()).contains("<span>4MB</span>以内").contains("受付番号");
        browser.postMultipart("/application", Map.ofEntries(Map.entry("familyName", "山田"),
                Map.entry("firstName", "太郎"), Map.entry("familyNameKana", "ヤマダ"), Map.entry("firstNameKana", "タロウ"),
                Map.entry("familyNameRomaji", "Yamada"), Map.entry("firstNameRomaji", "Taro"),
                Map.entry("phone", "0263-12-3456"), Map.entry("postalCode", "390-0811"),
                Map.entry("address", "長野県松本市中央1-23-1"), Map.entry("registrationNumber", "123456"),
                Map.entry("validityYears", "1"), Map.entry("dateOfBirth", "1980-04-01"),
                Map.entry("officeName", ""), Map.entry("chamberMember", "false")),
                "licenceImage", "licence.png", "image/png", CertificateJourneyTest.png());
        HttpResponse<byte[]> letter = browser.getBytes("/application/distribution-letter.pdf");
        assertThat(letter.statusCode()).isEqualTo(200);
        String letterText = CertificateJourneyTest.pdfText(letter.body());
        assertThat(letterText).contains("受付番号").doesNotContain("注文番号")
                .contains("審査完了後30日以内にダウンロードしてください").doesNotContain("電子証明書発行後");

        assertThat(browser.get("/application/confirm").body())
                .contains("7. 審査（通常1週間以上）").contains("審査完了後30日以内");
    }

    private void assertInstallHelp(String page) throws Exception {
        assertThat(page).contains("<details>").contains("<summary>Windows（Windows 10・11）</summary>")
                .contains("証明書のインポート ウィザード").contains("<summary>macOS</summary>").contains("キーチェーンアクセス")
                .contains("Google Chrome・Microsoft Edge").contains("「あなたの証明書」タブ")
                .contains("iPhone・iPad（iOS・iPadOS）").contains("ダウンロード済みのプロファイル")
                .contains("<summary>Android</summary>").contains("VPN とアプリのユーザー証明書")
                .contains("href=\"/pki/root-ca.crt\"").contains("この認証局によるメールユーザーの識別を信頼する");
        String sha256 = HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-256").digest(authority.rootCertificate().getEncoded()));
        assertThat(page).as("the root's fingerprint to compare before trusting it").contains(sha256);
        assertThat(new PortalClient(port).getBytes("/pki/root-ca.crt").body())
                .isEqualTo(authority.rootCertificate().getEncoded());
    }

    private String task(String orderNumber, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(orderNumber).taskDefinitionKey(key)
                .singleResult().getId();
    }

    /** Mails carry the configured base URL; the test's server listens on a random port. */
    private String local(String link) {
        return link.replace("http://localhost", "http://localhost:" + port);
    }
}
