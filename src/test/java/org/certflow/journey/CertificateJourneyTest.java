package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.pki.CertificateAuthority;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.StaffApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;

/**
 * One application from the provisional application to the downloaded .p12, over real HTTP and real SMTP,
 * as an applicant with a browser without JavaScript and two staff members go through it.
 */
@CertflowTest
class CertificateJourneyTest {

    private static final String SERVICE = "MCCI電子証明書サービス";
    static final Pattern PASSWORD_ON_LETTER = Pattern.compile("\\b([A-Z2-9]{4}) ([A-Z2-9]{4}) ([A-Z2-9]{4}) ([A-Z2-9]{4})\\b");
    private static final Pattern ORDER_NUMBER = Pattern.compile("PBJ\\d{8}");

    @LocalServerPort
    int port;
    @Autowired
    GreenMail greenMail;
    @Autowired
    ProcessDriver driver;
    @Autowired
    TaskService taskService;
    @Autowired
    ApplicationRepository applications;
    @Autowired
    CertificateAuthority authority;
    @Autowired
    StaffApi api;

    @Test
    void applicantGoesFromProvisionalApplicationToDownloadedCertificate() throws Exception {
        String email = "taro.journey@example.jp";
        PortalClient browser = new PortalClient(port);

        // 0-1: obligations and provisional application
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        HttpResponse<String> applied = browser.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true",
                "email", email, "emailConfirmation", email, "qualification", "FIRST_CLASS_ARCHITECT"));
        assertThat(applied.statusCode()).isEqualTo(302);
        driver.runDueJobs();
        MimeMessage uploadMail = ReceivedMails.withSubject(greenMail, email, SERVICE + " 建築士免許証画像アップロードURL");
        assertSignedByService(uploadMail);
        String link = local(ReceivedMails.firstLink(uploadMail));

        // 2: the link's page changes nothing; its button logs in
        HttpResponse<String> landing = browser.get(link);
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains("本申込フォームへ進む");
        HttpResponse<String> login = browser.post(link, Map.of());
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/application"));

        // 3: the main application with a wrong field keeps what was typed
        browser.get("/application");
        HttpResponse<String> wrong = browser.postMultipart("/application", details("Yamada", "03-1234"), "licenceImage",
                "licence.png", "image/png", png());
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("電話番号は0から始まる10桁または11桁").contains("value=\"Yamada\"");
        HttpResponse<String> saved = browser.postMultipart("/application", details("yamada", "０２６３-３２-５３５５"),
                "licenceImage", "licence.png", "image/png", png());
        assertThat(saved.statusCode()).isEqualTo(302);

        // 4: the submit button waits for the distribution letter
        HttpResponse<String> confirm = browser.get("/application/confirm");
        assertThat(confirm.body()).contains("BN-Yamada.Taro").contains("id=\"submit-application\"")
                .containsPattern("id=\"submit-application\"[^>]*disabled");
        HttpResponse<String> tooEarly = browser.post("/application/submit", Map.of());
        assertThat(tooEarly.body()).contains("送信の前に配布状をダウンロードしてください");
        HttpResponse<byte[]> letter = browser.getBytes("/application/distribution-letter.pdf");
        assertThat(letter.statusCode()).isEqualTo(200);
        String letterText = pdfText(letter.body());
        Matcher orderNumber = ORDER_NUMBER.matcher(letterText);
        assertThat(orderNumber.find()).isTrue();
        Matcher passwordGroups = PASSWORD_ON_LETTER.matcher(letterText);
        assertThat(passwordGroups.find()).as("password printed in groups on the letter").isTrue();
        String password = passwordGroups.group().replace(" ", "");
        assertThat(letterText).contains("山田 太郎").contains("/pickup").contains("30日");
        assertThat(pdfText(browser.getBytes("/application/distribution-letter.pdf").body()))
                .as("the same password for every download in the session").contains(passwordGroups.group());

        // 5: submission
        browser.get("/application/confirm");
        HttpResponse<String> submitted = browser.post("/application/submit", Map.of());
        assertThat(submitted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/application/submitted"));
        assertThat(browser.get(link).statusCode()).as("the link is dead once the application is sent").isEqualTo(410);
        driver.runDueJobs();
        MimeMessage confirmation = ReceivedMails.withSubject(greenMail, email, SERVICE + " 登録内容確認");
        assertSignedByService(confirmation);
        assertThat(ReceivedMails.text(confirmation)).contains(orderNumber.group()).contains("山田 太郎");
        MimeMessage invoiceMail = ReceivedMails.withSubject(greenMail, email, SERVICE + " 請求書");
        assertSignedByService(invoiceMail);
        assertThat(pdfText(ReceivedMails.attachment(invoiceMail, ".pdf"))).contains("請求書").contains("11,000");

        // 6-7: staff confirm the payment and approve in Tasklist (here through the engine's TaskService)
        long applicationId = applications.findByOrderNumber(orderNumber.group()).orElseThrow().id();
        Task payment = task(orderNumber.group(), "ConfirmPayment");
        taskService.complete(payment.getId(), Map.of("amountReceived", 11000L,
                "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
        driver.runDueJobs();
        assertSignedByService(ReceivedMails.withSubject(greenMail, email, SERVICE + " 入金確認のお知らせ"));
        Task review = task(orderNumber.group(), "ReviewApplication");
        assertReviewerSeesApplicationButAccountingDoesNot(review, browser);
        taskService.complete(review.getId(), Map.of("reviewDecision", "approve", "reviewComment", "",
                "checkNumberReadable", true, "checkNameMatches", true, "checkImageLegible", true,
                "checkQualificationMatches", true));
        driver.runDueJobs();
        assertSignedByService(ReceivedMails.withSubject(greenMail, email, SERVICE + " 審査完了のお知らせ"));
        MimeMessage pickupMail = ReceivedMails.withSubject(greenMail, email,
                "電子証明書取得のお願い/ " + orderNumber.group() + " : BN-Yamada.Taro");
        assertSignedByService(pickupMail);
        String pickupUrl = local(ReceivedMails.firstLink(pickupMail));

        // 8-10: pickup with the letter's password and a PIN
        PortalClient pickupBrowser = new PortalClient(port);
        pickupBrowser.get(pickupUrl);
        HttpResponse<String> refused = pickupBrowser.post("/pickup", Map.of("orderNumber", orderNumber.group(),
                "password", "WRONGWRONGWRONG2"));
        assertThat(refused.body()).contains("受付番号またはパスワードが正しくありません");
        HttpResponse<String> pickupLogin = pickupBrowser.post("/pickup", Map.of("orderNumber", orderNumber.group(),
                "password", passwordGroups.group().toLowerCase()));
        assertThat(pickupLogin.statusCode()).isEqualTo(302);
        pickupBrowser.get("/pickup/pin");
        HttpResponse<String> mismatch = pickupBrowser.post("/pickup/certificate",
                Map.of("pin", "correct-horse-9", "pinConfirmation", "correct-horse-8"));
        assertThat(mismatch.body()).contains("確認用のPKCS#12PINが一致しません");
        HttpResponse<byte[]> p12 = pickupBrowser.postForBytes("/pickup/certificate",
                Map.of("pin", "correct-horse-9", "pinConfirmation", "correct-horse-9"));
        assertThat(p12.statusCode()).isEqualTo(200);
        assertThat(p12.headers().firstValue("Content-Type")).hasValue("application/x-pkcs12");

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(new ByteArrayInputStream(p12.body()), "correct-horse-9".toCharArray());
        String alias = keyStore.aliases().nextElement();
        assertThat(keyStore.getKey(alias, "correct-horse-9".toCharArray())).isInstanceOf(PrivateKey.class);
        Certificate[] chain = keyStore.getCertificateChain(alias);
        X509Certificate leaf = (X509Certificate) chain[0];
        assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=TARO YAMADA").contains("OU=ACT1-123456");
        assertChainsToRoot(Arrays.asList(chain));
        assertThat(applications.get(applicationId).status()).isEqualTo(ApplicationStatus.CERTIFICATE_VALID);
        assertThat(password).hasSize(16);
    }

    @Test
    void madeUpAndMissingCsrfRequestsGetClearAnswers() {
        PortalClient browser = new PortalClient(port);
        HttpResponse<String> madeUp = browser.get("/link/this-link-was-never-sent-by-certflow-at-all");
        assertThat(madeUp.statusCode()).isEqualTo(410);
        assertThat(madeUp.body()).contains("このURLは使用できません");
        browser.get("/");
        HttpResponse<String> forged = browser.postWithoutCsrf("/apply", Map.of("email", "x@example.jp"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("ページの有効期限が切れました");
        browser.get("/");
        HttpResponse<String> empty = browser.post("/apply", Map.of("email", "not-an-address"));
        assertThat(empty.body()).contains("利用者の義務を確認し、同意してください")
                .contains("メールアドレスの形式が正しくありません").contains("資格を選択してください")
                .contains("value=\"not-an-address\"");
    }

    @Test
    void returnedApplicationOpensFilledInWithTheReviewersCommentAndGoesBackToReview() throws Exception {
        String email = "correction.journey@example.jp";
        PortalClient browser = new PortalClient(port);
        String link = openMainApplicationForm(browser, email);
        browser.postMultipart("/application", details("Yamada", "0263-32-5355"), "licenceImage", "licence.png",
                "image/png", png());
        browser.getBytes("/application/distribution-letter.pdf");
        browser.get("/application/confirm");
        browser.post("/application/submit", Map.of());
        driver.runDueJobs();
        String orderNumber = ORDER_NUMBER.matcher(ReceivedMails.text(
                ReceivedMails.withSubject(greenMail, email, SERVICE + " 登録内容確認"))).results().findFirst().orElseThrow().group();
        taskService.complete(task(orderNumber, "ConfirmPayment").getId(), Map.of("amountReceived", 11000L,
                "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
        driver.runDueJobs();
        taskService.complete(task(orderNumber, "ReviewApplication").getId(), Map.of("reviewDecision", "return",
                "reviewComment", "登録番号が読み取れません。<b>鮮明な画像</b>をお送りください。"));
        driver.runDueJobs();

        String correctionLink = local(ReceivedMails.firstLink(
                ReceivedMails.withSubject(greenMail, email, SERVICE + " 申込内容修正のお願い")));
        PortalClient again = new PortalClient(port);
        again.get(correctionLink);
        again.post(correctionLink, Map.of());
        HttpResponse<String> form = again.get("/application");
        assertThat(form.body()).contains("修正のお願い")
                .contains("&lt;b&gt;鮮明な画像&lt;/b&gt;").as("the comment is shown as text")
                .contains("value=\"山田\"").contains("value=\"0263-32-5355\"");
        HttpResponse<String> fixed = again.postMultipart("/application", details("Yamada", "0263-32-5355"),
                "licenceImage", "licence.png", "image/png", png());
        assertThat(fixed.statusCode()).isEqualTo(302);
        HttpResponse<String> confirm = again.get("/application/confirm");
        assertThat(confirm.body()).contains("修正内容を送信する").doesNotContain("配布状（PDF）をダウンロード");
        HttpResponse<String> resubmitted = again.post("/application/submit", Map.of());
        assertThat(resubmitted.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/application/resubmitted"));
        assertThat(task(orderNumber, "ReviewApplication")).as("the review starts again").isNotNull();
        assertThat(again.get(correctionLink).statusCode()).isEqualTo(410);
    }

    @Test
    void refusedUploadsAndExpiredLinksAreExplainedOnThePage() throws Exception {
        String email = "refusals.journey@example.jp";
        PortalClient browser = new PortalClient(port);
        String link = openMainApplicationForm(browser, email);

        byte[] pdf = "%PDF-1.7 not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        HttpResponse<String> renamed = browser.postMultipart("/application", details("Yamada", "0263-32-5355"),
                "licenceImage", "licence.jpg", "image/jpeg", pdf);
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(renamed.body()).contains("jpeg又はpng形式の画像を選択してください").contains("value=\"長野県松本市中央1-23-1\"");

        byte[] tooLarge = Arrays.copyOf(png(), 4 * 1024 * 1024 + 1);
        HttpResponse<String> large = browser.postMultipart("/application", details("Yamada", "0263-32-5355"),
                "licenceImage", "licence.png", "image/png", tooLarge);
        assertThat(large.body()).contains("画像のファイルサイズは4MB以内にしてください").contains("value=\"山田\"");
        assertThat(applications.findLicenceImage(applications.findByOrderNumber(
                ORDER_NUMBER.matcher(large.body()).results().findFirst().orElseThrow().group()).orElseThrow().id()))
                .as("nothing refused is stored").isEmpty();

        // the link's own expiry, whether or not the model's timer has fired yet
        driver.travel(java.time.Duration.ofDays(8));
        try {
            HttpResponse<String> expired = new PortalClient(port).get(link);
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(expired.body()).contains("このURLは使用できません");
        } finally {
            driver.resetClock();
        }
    }

    /** Steps 0 to 2 for an architect: applies, follows the mailed link and opens the main form; returns the link. */
    private String openMainApplicationForm(PortalClient browser, String email) {
        browser.get("/");
        browser.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true", "email", email, "emailConfirmation", email,
                "qualification", "FIRST_CLASS_ARCHITECT"));
        driver.runDueJobs();
        String link = local(ReceivedMails.firstLink(
                ReceivedMails.withSubject(greenMail, email, SERVICE + " 建築士免許証画像アップロードURL")));
        browser.get(link);
        browser.post(link, Map.of());
        browser.get("/application");
        return link;
    }

    private void assertReviewerSeesApplicationButAccountingDoesNot(Task review, PortalClient browser) {
        String path = "/staff/api/tasks/" + review.getId() + "/application";
        HttpResponse<String> anonymous = browser.get(path);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(staffGet(path, "shinsa").statusCode()).isEqualTo(200);
        assertThat(staffGet(path, "shinsa").body()).contains("\"registrationNumber\":\"123456\"");
        assertThat(staffGet(path, "keiri").statusCode()).as("accounting cannot read a review task").isEqualTo(404);
        assertThat(staffGet("/staff/api/tasks/" + review.getId() + "/licence-image", "shinsa").statusCode()).isEqualTo(200);
        assertThat(staffGet("/engine-rest/task", null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> staffGet(String path, String userId) {
        try {
            return api.call("GET", path, userId, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Task task(String orderNumber, String taskDefinitionKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(orderNumber)
                .taskDefinitionKey(taskDefinitionKey).singleResult();
    }

    private void assertSignedByService(MimeMessage message) {
        X509Certificate signer = ReceivedMails.verifiedSigner(message);
        assertThat(signer.getSubjectX500Principal().getName()).isNotBlank();
        assertChainsToRoot(List.of(signer, authority.issuingCertificate()));
    }

    private void assertChainsToRoot(List<? extends Certificate> chain) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<Certificate> path = chain.stream()
                    .filter(c -> !((X509Certificate) c).getSubjectX500Principal()
                            .equals(((X509Certificate) c).getIssuerX500Principal()))
                    .map(c -> (Certificate) c).toList();
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(authority.rootCertificate(), null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), parameters);
        } catch (Exception e) {
            throw new AssertionError("Does not chain to certflow's root CA: " + e.getMessage(), e);
        }
    }

    /** Mails carry the configured base URL; the test's server listens on a random port. */
    private String local(String link) {
        return link.replace("http://localhost", "http://localhost:" + port);
    }

    private static Map<String, String> details(String familyNameRomaji, String phone) {
        return Map.ofEntries(Map.entry("familyName", "山田"), Map.entry("firstName", "太郎"),
                Map.entry("familyNameKana", "やまだ"), Map.entry("firstNameKana", "タロウ"),
                Map.entry("familyNameRomaji", familyNameRomaji), Map.entry("firstNameRomaji", "taro"),
                Map.entry("phone", phone), Map.entry("postalCode", "３９０-０８１１"),
                Map.entry("address", "長野県松本市中央1-23-1"), Map.entry("registrationNumber", "第１２３４５６号"),
                Map.entry("validityYears", "1"), Map.entry("dateOfBirth", "１９８０年４月１日"),
                Map.entry("officeName", "山田建築設計事務所"), Map.entry("chamberMember", "false"));
    }

    static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(200, 120, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
