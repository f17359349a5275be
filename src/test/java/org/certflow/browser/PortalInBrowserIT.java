package org.certflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.util.GreenMail;

/**
 * The applicant's journey in a real browser (headless Chromium): the pages as they are rendered, the
 * uploads, the downloads and the focus that {@code /js/portal.js} moves. Screenshots of every step go to
 * {@code target/screenshots/}. Staff work is done through the engine, as in the HTTP journey test.
 */
@CertflowTest
class PortalInBrowserIT {

    private static final String SERVICE = "MCCI電子証明書サービス";
    private static final Pattern PASSWORD_ON_LETTER =
            Pattern.compile("\\b[A-Z2-9]{4} [A-Z2-9]{4} [A-Z2-9]{4} [A-Z2-9]{4}\\b");
    private static final Pattern ORDER_NUMBER = Pattern.compile("PBJ\\d{8}");
    private static final String PIN = "Matsumoto-Castle-1594";

    @LocalServerPort
    int port;
    @Autowired
    GreenMail greenMail;
    @Autowired
    ProcessDriver processes;
    @Autowired
    TaskService taskService;

    @TempDir
    Path files;

    @Test
    void applicantGoesThroughThePortalInABrowser() throws Exception {
        String email = "taro.browser@example.jp";
        try (HeadlessChromium browser = HeadlessChromium.start(port, 1280, 1600)) {
            // 0-1: obligations and provisional application
            browser.open("/");
            browser.screenshot("01-start");
            applyProvisionally(browser, email);
            browser.screenshot("02-provisional-sent");

            // 2: the mailed one-time link, then its button
            processes.runDueJobs();
            browser.open(local(ReceivedMails.firstLink(
                    ReceivedMails.withSubject(greenMail, email, SERVICE + " 建築士免許証画像アップロードURL"))));
            browser.waitForHeading("本申込フォームへログイン");
            browser.screenshot("03-link-landing");
            browser.clickAndWaitForHeading(browser.find("main form button[type=submit]"), "本申込フォーム");

            // 3: the main application, typed the way people type: hiragana, full-width digits
            fillMainApplication(browser, "やまだ", "たろう", "yamada", "taro", "０２６３-３２-５３５５", "３９０-０８１１");
            browser.find("#licenceImage").sendKeys(png().toString());
            browser.screenshot("04-application-form");
            browser.clickAndWaitForHeading(browser.find("main form button.primary"), "入力内容の確認");

            // 4: the confirmation shows the normalised values; the letter comes before the submit button
            String summary = browser.find("dl.summary").getText();
            assertThat(summary).contains("ヤマダ タロウ").contains("Yamada Taro").contains("BN-Yamada.Taro")
                    .contains("0263-32-5355").contains("〒390-0811").contains("123456");
            assertThat(browser.find("#submit-application").isEnabled()).isFalse();
            assertThat(naturalWidth(browser, "figure.preview img")).as("the uploaded image is shown").isEqualTo(200);
            assertThat(browser.find("#fee").getText()).as("the fee before sending").contains("消費税（10%）")
                    .contains("合計（税込）");
            assertThat(browser.find("#fee-total").getText()).isEqualTo("11,000円");
            browser.screenshot("05-confirm-before-letter");
            browser.find("#letter-download").click();
            Path letter = browser.waitForDownload(".pdf");
            String letterText = pdfText(letter);
            Matcher orderNumber = ORDER_NUMBER.matcher(letterText);
            Matcher password = PASSWORD_ON_LETTER.matcher(letterText);
            assertThat(orderNumber.find()).as("order number on the letter").isTrue();
            assertThat(password.find()).as("password in four groups on the letter").isTrue();
            assertThat(letterText).contains("山田 太郎");

            // 5: after a reload the submit button works
            browser.driver().navigate().refresh();
            browser.waitForHeading("入力内容の確認");
            assertThat(browser.find("#submit-application").isEnabled()).isTrue();
            scrollTo(browser, browser.find("#submit-application"));
            browser.screenshot("06-confirm-after-letter");
            browser.clickAndWaitForHeading(browser.find("#submit-application"), "本申込を受け付けました");
            browser.screenshot("07-submitted");

            // 6-7: payment and approval by staff (through the engine), then the mails
            processes.runDueJobs();
            ReceivedMails.withSubject(greenMail, email, SERVICE + " 請求書");
            taskService.complete(task(orderNumber.group(), "ConfirmPayment").getId(), Map.of(
                    "amountReceived", 11000L, "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
            processes.runDueJobs();
            taskService.complete(task(orderNumber.group(), "ReviewApplication").getId(),
                    Map.of("reviewDecision", "approve", "reviewComment", "",
                            "checkNumberReadable", true, "checkNameMatches", true, "checkImageLegible", true,
                            "checkQualificationMatches", true));
            processes.runDueJobs();
            String pickupLink = local(ReceivedMails.firstLink(ReceivedMails.withSubject(greenMail, email,
                    "電子証明書取得のお願い/ " + orderNumber.group() + " : BN-Yamada.Taro")));

            // 8: pickup login with the order number and the password as printed, spaces included
            browser.open(pickupLink);
            browser.waitForHeading("電子証明書のダウンロード");
            browser.type("orderNumber", orderNumber.group());
            browser.type("password", password.group());
            browser.screenshot("08-pickup-login");
            browser.clickAndWaitForHeading(browser.find("main form button.primary"), "PKCS#12PINの設定とダウンロード");

            // 9-10: the PIN twice, then the .p12 download
            browser.type("pin", PIN);
            browser.type("pinConfirmation", PIN);
            browser.screenshot("09-pickup-pin");
            browser.find("main form button.primary").click();
            Path p12 = browser.waitForDownload(".p12");
            browser.screenshot("10-after-certificate-download");
            assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA (axe-core)").isEmpty();
            assertThat(p12.getFileName().toString()).isEqualTo("BN-Yamada.Taro.p12");
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                keyStore.load(in, PIN.toCharArray());
            }
            String alias = keyStore.aliases().nextElement();
            assertThat(keyStore.getKey(alias, PIN.toCharArray())).isInstanceOf(PrivateKey.class);
            assertThat(((X509Certificate) keyStore.getCertificate(alias)).getSubjectX500Principal().getName())
                    .contains("CN=TARO YAMADA");
        }
    }

    @Test
    void rejectedInputIsShownNextToItsFieldOnAPhone() throws Exception {
        String email = "hanako.browser@example.jp";
        try (HeadlessChromium browser = HeadlessChromium.start(port, 390, 844)) {
            browser.open("/");
            assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.innerWidth;"))
                    .as("a phone's viewport").isEqualTo(390L);
            browser.screenshot("phone-01-start");
            applyProvisionally(browser, email);
            processes.runDueJobs();
            browser.open(local(ReceivedMails.firstLink(
                    ReceivedMails.withSubject(greenMail, email, SERVICE + " 建築士免許証画像アップロードURL"))));
            browser.clickAndWaitForHeading(browser.find("main form button[type=submit]"), "本申込フォーム");
            browser.screenshot("phone-02-application-form");

            // a PDF named like a photo is refused by its content; what was typed stays
            fillMainApplication(browser, "すずき", "はなこ", "Suzuki", "Hanako", "0263-32-5355", "390-0811");
            browser.find("#licenceImage").sendKeys(pdfNamedLikeAPhoto().toString());
            browser.clickAndWaitForHeading(browser.find("main form button.primary"), "本申込フォーム");
            assertThat(browser.find("#licenceImage-error").getText())
                    .isEqualTo("jpeg又はpng形式の画像を選択してください（ファイルの中身がjpeg・pngではありません）。");
            assertThat(browser.find("#licenceImage").getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.value("familyNameKana")).isEqualTo("スズキ");
            assertThat(browser.value("familyNameRomaji")).isEqualTo("Suzuki");
            assertThat(browser.value("postalCode")).isEqualTo("390-0811");
            assertThat(browser.findAll("[aria-invalid=true]")).hasSize(1);
            assertThat(activeElementId(browser)).as("focus on the refused file field").isEqualTo("licenceImage");
            browser.screenshot("phone-03-image-refused");

            // a wrong postal code: its message, aria-invalid and the focus
            browser.type("postalCode", "390-081");
            browser.find("#licenceImage").sendKeys(png().toString());
            browser.clickAndWaitForHeading(browser.find("main form button.primary"), "本申込フォーム");
            assertThat(browser.find("#postalCode-error").getText())
                    .isEqualTo("郵便番号は7桁の数字で入力してください（例: 390-0811）。");
            assertThat(browser.find("#postalCode").getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find("#postalCode").getDomAttribute("aria-describedby")).isEqualTo("postalCode-error");
            assertThat(browser.findAll("#licenceImage-error")).isEmpty();
            assertThat(browser.value("postalCode")).isEqualTo("390-081");
            assertThat(activeElementId(browser)).as("focus on the first invalid field").isEqualTo("postalCode");
            assertThat(browser.find("#error-summary").getText()).contains("入力内容に誤りがあります");
            browser.screenshot("phone-04-postal-code-refused");

            // corrected, the application reaches the confirmation page
            browser.type("postalCode", "390-0811");
            browser.find("#licenceImage").sendKeys(png().toString());
            browser.clickAndWaitForHeading(browser.find("main form button.primary"), "入力内容の確認");
            assertThat(browser.find("dl.summary").getText()).contains("スズキ ハナコ").contains("BN-Suzuki.Hanako")
                    .contains("〒390-0811");
            assertThat(browser.find("#fee-total").isDisplayed()).as("the fee on a phone").isTrue();
            browser.screenshot("phone-05-confirm");

            // the installation help: one section per platform that opens with a tap, no script needed
            browser.open("/pickup/install");
            browser.waitForHeading("電子証明書のインストール");
            WebElement android = browser.findAll("#install-heading ~ details").stream()
                    .filter(details -> details.findElement(By.tagName("summary")).getText().equals("Android"))
                    .findFirst().orElseThrow();
            assertThat(android.getDomProperty("open")).isEqualTo("false");
            android.findElement(By.tagName("summary")).click();
            assertThat(android.getDomProperty("open")).isEqualTo("true");
            assertThat(android.getText()).contains("VPN とアプリのユーザー証明書");
            scrollTo(browser, android);
            browser.screenshot("phone-06-install-help");
            assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA (axe-core)").isEmpty();
        }
    }

    private void applyProvisionally(HeadlessChromium browser, String email) {
        browser.find("input[name=obligationsAccepted]").click();
        browser.find("input[name=privacyNoticeAccepted]").click();
        browser.type("email", email);
        browser.type("emailConfirmation", email);
        new Select(browser.find("#qualification")).selectByValue("FIRST_CLASS_ARCHITECT");
        browser.clickAndWaitForHeading(browser.find("main form button.primary"), "仮申込を受け付けました");
    }

    private static void fillMainApplication(HeadlessChromium browser, String familyKana, String firstKana,
                                            String familyRomaji, String firstRomaji, String phone, String postalCode) {
        boolean yamada = familyRomaji.equalsIgnoreCase("yamada");
        browser.type("familyName", yamada ? "山田" : "鈴木");
        browser.type("firstName", yamada ? "太郎" : "花子");
        browser.type("familyNameKana", familyKana);
        browser.type("firstNameKana", firstKana);
        browser.type("familyNameRomaji", familyRomaji);
        browser.type("firstNameRomaji", firstRomaji);
        browser.type("phone", phone);
        browser.type("postalCode", postalCode);
        browser.type("address", "長野県松本市中央1-23-1");
        browser.type("registrationNumber", "第１２３４５６号");
        browser.type("dateOfBirth", "１９８０年４月１日");
        browser.type("officeName", yamada ? "山田建築設計事務所" : "");
        browser.find("input[name=validityYears][value='1']").click();
        browser.find("input[name=chamberMember][value='false']").click();
    }

    private Path png() throws IOException {
        BufferedImage image = new BufferedImage(200, 120, BufferedImage.TYPE_INT_RGB);
        Path file = files.resolve("licence.png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private Path pdfNamedLikeAPhoto() throws IOException {
        Path file = files.resolve("licence.jpg");
        try (PDDocument document = new PDDocument()) {
            document.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            document.save(file.toFile());
        }
        return file;
    }

    private static String activeElementId(HeadlessChromium browser) {
        return browser.driver().switchTo().activeElement().getDomAttribute("id");
    }

    private static long naturalWidth(HeadlessChromium browser, String cssSelector) {
        return (Long) ((JavascriptExecutor) browser.driver())
                .executeScript("return arguments[0].naturalWidth;", browser.find(cssSelector));
    }

    private static void scrollTo(HeadlessChromium browser, WebElement element) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    private Task task(String orderNumber, String taskDefinitionKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(orderNumber)
                .taskDefinitionKey(taskDefinitionKey).singleResult();
    }

    /** Mails carry the configured base URL; the test's server listens on a random port. */
    private String local(String link) {
        return link.replace("http://localhost", "http://localhost:" + port);
    }

    private static String pdfText(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document);
        }
    }
}
