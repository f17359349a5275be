package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.ApplicantDetails;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.Qualification;
import org.certflow.billing.Invoices;
import org.certflow.billing.Payments;
import org.certflow.billing.Payments.Payment;
import org.certflow.billing.banktransfer.TransferFile;
import org.certflow.portal.PortalSubmissions;
import org.certflow.staff.StaffSetup;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.util.GreenMail;

/**
 * Accounting imports the bank's transfer notice on the staff page over HTTP: matched transfers complete the payment
 * task as a typed payment would (payment record, receipt mail), the same file again records nothing, the rest wait
 * to be assigned by a person under the payment task's own rules; nobody but accounting gets in, forged or bad
 * uploads record nothing.
 */
@CertflowTest
class BankTransferImportTest {

    private static final String PAGE = "/staff/bank-transfers";
    private static final String RECEIPT_MAIL = "MCCI電子証明書サービス 入金確認のお知らせ";
    private static final String[][] KANA = {{"ア", "ｱ"}, {"カ", "ｶ"}, {"サ", "ｻ"}, {"タ", "ﾀ"}, {"ナ", "ﾅ"}, {"ハ", "ﾊ"},
            {"マ", "ﾏ"}, {"ラ", "ﾗ"}, {"キ", "ｷ"}, {"シ", "ｼ"}, {"ミ", "ﾐ"}, {"リ", "ﾘ"}, {"ク", "ｸ"}, {"ス", "ｽ"},
            {"ム", "ﾑ"}, {"ル", "ﾙ"}, {"ケ", "ｹ"}, {"セ", "ｾ"}, {"メ", "ﾒ"}, {"レ", "ﾚ"}};
    private static final Pattern WAITING = Pattern.compile("<article[^>]*id=\"transfer-(\\d+)\">(.*?)</article>", Pattern.DOTALL);

    @LocalServerPort
    int port;
    @Autowired
    StaffSetup staff;
    @Autowired
    TestApplications testApplications;
    @Autowired
    PortalSubmissions portal;
    @Autowired
    ApplicationRepository applications;
    @Autowired
    ProcessDriver driver;
    @Autowired
    TaskService taskService;
    @Autowired
    Invoices invoices;
    @Autowired
    Payments payments;
    @Autowired
    GreenMail greenMail;

    private final Random random = new Random();

    @Test
    void matchedTransfersCompleteThePaymentTaskAndTheSameFileAgainRecordsNothing() throws Exception {
        Application byNumber = testApplications.awaitingPayment("山田建築設計事務所");
        String[] kana = uniqueKanaName();
        Application byName = awaitingPayment(kana[0], kana[1]);
        String invoiceNumber = invoices.find(byNumber.id()).orElseThrow().invoiceNumber();
        LocalDate today = today();
        String[] inquiry = inquiryNumbers(3);
        byte[] file = new TransferFile().header()
                .transfer(inquiry[0], today, 11_000, "ﾔﾏﾀﾞ ﾀﾛｳ", invoiceNumber, false)
                .transfer(inquiry[1], today, 11_000, kana[2])
                .transfer(inquiry[2], today, 12_345, "<B>ﾀﾞﾚﾃﾞｽｶ")
                .trailer().end().withCrLf();

        StaffBrowser keiri = accountant();
        assertThat(keiri.get(PAGE).statusCode()).isEqualTo(200);
        HttpResponse<String> imported = keiri.upload(PAGE, "nyukin.txt", file, true);

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("ファイルの振込 3 件のうち、入金として記録 2 件、確認待ち 1 件、取込済みのため記録しなかったもの 0 件。")
                .contains(byNumber.orderNumber()).contains(byName.orderNumber())
                .as("bank data are shown escaped").contains("&lt;B&gt;ﾀﾞﾚﾃﾞｽｶ").doesNotContain("<B>ﾀﾞﾚﾃﾞｽｶ");
        for (Application paid : new Application[] {byNumber, byName}) {
            assertThat(paymentTask(paid)).as("the payment task is completed").isNull();
            assertThat(payments.of(paid.id())).singleElement().satisfies(payment -> {
                assertThat(payment.amount()).isEqualTo(11_000);
                assertThat(payment.receivedOn()).isEqualTo(today);
                assertThat(payment.recordedBy()).isEqualTo("keiri");
                assertThat(payment.comment()).isNull();
            });
        }
        driver.runDueJobs();
        for (Application paid : new Application[] {byNumber, byName}) {
            assertThat(ReceivedMails.subjectsTo(greenMail, paid.email())).containsOnlyOnce(RECEIPT_MAIL);
            assertThat(applications.get(paid.id()).status().label()).isEqualTo("審査中");
        }

        HttpResponse<String> again = keiri.upload(PAGE, "nyukin.txt", file, true);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("ファイルの振込 3 件のうち、入金として記録 0 件、確認待ち 0 件、取込済みのため記録しなかったもの 3 件。");
        driver.runDueJobs();
        assertThat(payments.of(byNumber.id())).hasSize(1);
        assertThat(payments.of(byName.id())).hasSize(1);
        assertThat(ReceivedMails.subjectsTo(greenMail, byNumber.email())).containsOnlyOnce(RECEIPT_MAIL);
        assertThat(waitingIds(again.body(), inquiry[2])).as("listed once").hasSize(1);
    }

    @Test
    void twoAccountantsImportingTheSameFileAtOnceRecordItOnce() throws Exception {
        Application application = testApplications.awaitingPayment("山田建築設計事務所");
        String invoiceNumber = invoices.find(application.id()).orElseThrow().invoiceNumber();
        byte[] file = new TransferFile().header()
                .transfer(inquiryNumbers(1)[0], today(), 11_000, "ﾔﾏﾀﾞ ﾀﾛｳ", invoiceNumber, false).trailer().end().bytes();
        StaffBrowser first = accountant();
        StaffBrowser second = accountant();
        first.get(PAGE);
        second.get(PAGE);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> one = pool.submit(() -> first.upload(PAGE, "nyukin.txt", file, true));
            Future<HttpResponse<String>> two = pool.submit(() -> second.upload(PAGE, "nyukin.txt", file, true));
            assertThat(List.of(one.get().body(), two.get().body()))
                    .filteredOn(body -> body.contains("入金として記録 1 件")).hasSize(1);
        } finally {
            pool.shutdown();
        }
        driver.runDueJobs();
        assertThat(payments.of(application.id())).hasSize(1);
        assertThat(ReceivedMails.subjectsTo(greenMail, application.email())).containsOnlyOnce(RECEIPT_MAIL);
    }

    @Test
    void anUnmatchedTransferIsAssignedByAPersonUnderThePaymentTasksRules() throws Exception {
        Application application = testApplications.awaitingPayment("山田建築設計事務所");
        String invoiceNumber = invoices.find(application.id()).orElseThrow().invoiceNumber();
        String inquiry = inquiryNumbers(1)[0];
        // the remitter's company paid and the bank kept its fee of 440 yen
        byte[] file = new TransferFile().header().transfer(inquiry, today(), 10_560, "ｶ)ﾔﾏﾀﾞｹﾝﾁｸｾﾂｹｲｼﾞﾑｼﾖ")
                .trailer().end().bytes();
        StaffBrowser keiri = accountant();
        keiri.get(PAGE);
        HttpResponse<String> imported = keiri.upload(PAGE, "nyukin.dat", file, true);
        assertThat(imported.body()).contains("入金として記録 0 件、確認待ち 1 件");
        String id = waitingIds(imported.body(), inquiry).iterator().next();
        String assign = PAGE + "/" + id + "/assign";

        HttpResponse<String> withoutComment = keiri.post(assign, Map.of("reference", invoiceNumber, "comment", ""));
        assertThat(withoutComment.statusCode()).isEqualTo(422);
        assertThat(withoutComment.body()).contains("入金額 10,560 円が未入金額 11,000 円と一致しません。差額の理由をコメントに入力してください");
        assertThat(payments.of(application.id())).isEmpty();
        HttpResponse<String> unknown = keiri.post(assign, Map.of("reference", "INV-1999-000001", "comment", "x"));
        assertThat(unknown.body()).contains("「INV-1999-000001」に当たる未入金の請求がありません");

        HttpResponse<String> assigned = keiri.post(assign, Map.of("reference", application.orderNumber().toLowerCase(),
                "comment", "振込手数料 440 円を差し引いて振り込まれたため"));
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.body()).contains("を " + application.orderNumber() + " の入金として記録しました");
        assertThat(waitingIds(assigned.body(), inquiry)).isEmpty();
        assertThat(payments.of(application.id())).extracting(Payment::amount, Payment::recordedBy, Payment::comment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10_560, "keiri", "振込手数料 440 円を差し引いて振り込まれたため"));
        assertThat(paymentTask(application)).as("a partial payment: the task is back for the rest").isNotNull();

        HttpResponse<String> twice = keiri.post(assign, Map.of("reference", invoiceNumber, "comment", "もう一度"));
        assertThat(twice.statusCode()).isEqualTo(422);
        assertThat(twice.body()).contains("この振込はすでに記録されているか、見つかりません");
        assertThat(payments.of(application.id())).hasSize(1);
    }

    @Test
    void nobodyButAccountingImportsAndAForgedUploadRecordsNothing() throws Exception {
        Application application = testApplications.awaitingPayment("山田建築設計事務所");
        String invoiceNumber = invoices.find(application.id()).orElseThrow().invoiceNumber();
        byte[] file = new TransferFile().header()
                .transfer(inquiryNumbers(1)[0], today(), 11_000, "ﾔﾏﾀﾞ ﾀﾛｳ", invoiceNumber, false).trailer().end().bytes();

        StaffBrowser anonymous = new StaffBrowser(port);
        HttpResponse<String> page = anonymous.get(PAGE);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/camunda/app/tasklist/"));
        anonymous.get("/pickup");
        HttpResponse<String> anonymousUpload = anonymous.upload(PAGE, "nyukin.txt", file, true);
        assertThat(anonymousUpload.statusCode()).as("a valid CSRF token of the portal is not a login").isEqualTo(302);

        StaffBrowser reviewer = new StaffBrowser(port).logIn("shinsa", password("shinsa"));
        HttpResponse<String> refused = reviewer.get(PAGE);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("経理（入金確認）の担当者だけが使えます");
        reviewer.get("/pickup");
        assertThat(reviewer.upload(PAGE, "nyukin.txt", file, true).statusCode()).isEqualTo(403);
        reviewer.get("/pickup");
        assertThat(reviewer.post(PAGE + "/1/assign", Map.of("reference", invoiceNumber)).statusCode()).isEqualTo(403);

        StaffBrowser keiri = accountant();
        keiri.get(PAGE);
        HttpResponse<String> forged = keiri.upload(PAGE, "nyukin.txt", file, false);
        assertThat(forged.statusCode()).as("an upload without the CSRF token").isEqualTo(403);

        assertThat(paymentTask(application)).as("still waiting for payment").isNotNull();
        assertThat(payments.of(application.id())).isEmpty();
        keiri.get(PAGE);
        HttpResponse<String> imported = keiri.upload(PAGE, "nyukin.txt", file, true);
        assertThat(imported.body()).as("nothing of the file was stored before").contains("入金として記録 1 件");
    }

    @Test
    void aBadFileIsRefusedWithAMessageAndRecordsNothing() throws Exception {
        Application application = testApplications.awaitingPayment("山田建築設計事務所");
        String invoiceNumber = invoices.find(application.id()).orElseThrow().invoiceNumber();
        String inquiry = inquiryNumbers(1)[0];
        TransferFile good = new TransferFile().header().transfer(inquiry, today(), 11_000, "ﾔﾏﾀﾞ ﾀﾛｳ", invoiceNumber, false);
        StaffBrowser keiri = accountant();
        keiri.get(PAGE);

        assertRefused(keiri, new TransferFile().header().transfer(inquiry, today(), 11_000, "ﾔﾏﾀﾞ ﾀﾛｳ", invoiceNumber, false)
                .trailer(1, 1_100, 0, 0).end().bytes(), "ファイルを取り込めませんでした。何も記録していません。3件目のレコードの"
                + "振込合計金額 1,100円 が、データ・レコードの合計 11,000円 と一致しません");
        assertRefused(keiri, good.bytes(), "トレーラ・レコード（データ区分 8）がありません");
        byte[] utf8 = new String(good.trailer().end().bytes(), java.nio.charset.Charset.forName("Shift_JIS"))
                .getBytes(StandardCharsets.UTF_8);
        assertRefused(keiri, utf8, "Shift_JIS の半角英数カナで書かれたファイルではありません");
        assertRefused(keiri, "date,amount\r\n2026-11-24,11000\r\n".getBytes(StandardCharsets.US_ASCII),
                "1件目のレコードの長さが200バイトではありません（11バイト）");
        assertRefused(keiri, new byte[1024 * 1024 + 1], "ファイルが大きすぎます（上限 1,048,576 バイト）");
        assertRefused(keiri, new byte[0], "取り込むファイルを選んでください");

        assertThat(paymentTask(application)).isNotNull();
        assertThat(payments.of(application.id())).isEmpty();
        HttpResponse<String> page = keiri.get(PAGE);
        assertThat(waitingIds(page.body(), inquiry)).isEmpty();
    }

    private void assertRefused(StaffBrowser keiri, byte[] file, String message) throws Exception {
        HttpResponse<String> refused = keiri.upload(PAGE, "nyukin.txt", file, true);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains(message);
    }

    private StaffBrowser accountant() throws Exception {
        return new StaffBrowser(port).logIn("keiri", password("keiri"));
    }

    private String password(String userId) {
        return staff.demoUsers().stream().filter(user -> user.id().equals(userId)).findFirst().orElseThrow().password();
    }

    private Task paymentTask(Application application) {
        return taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey("ConfirmPayment").singleResult();
    }

    /** The ids of the waiting transfers the page lists with this inquiry number. */
    private static List<String> waitingIds(String page, String inquiryNumber) {
        List<String> ids = new java.util.ArrayList<>();
        Matcher article = WAITING.matcher(page);
        while (article.find()) {
            if (article.group(2).contains(">" + inquiryNumber + "<")) {
                ids.add(article.group(1));
            }
        }
        return ids;
    }

    /** An application waiting for payment from an applicant whose katakana name no other test uses. */
    private Application awaitingPayment(String familyNameKana, String firstNameKana) {
        String email = "transfer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
        Application application = portal.applyProvisionally(email, Qualification.FIRST_CLASS_ARCHITECT);
        driver.runDueJobs(testApplications.processInstanceId(application));
        applications.saveDetails(application.id(), new ApplicantDetails("南", "花子", familyNameKana, firstNameKana,
                "Minami", "Hanako", LocalDate.of(1980, 4, 1), "南設計室", "0263-12-3456", "390-0811",
                "長野県松本市中央1-23-1", "123456"), 1, false, driver.now());
        applications.saveLicenceImage(application.id(), TestApplications.licenceImage(), driver.now());
        portal.submit(application.id(), "PASSWORDPASSWORD");
        driver.runDueJobs(testApplications.processInstanceId(application));
        return applications.get(application.id());
    }

    /** Family and first name in katakana, and both as the bank writes them: {family, first, "ﾊﾝｶｸ ﾊﾝｶｸ"}. */
    private String[] uniqueKanaName() {
        StringBuilder family = new StringBuilder();
        StringBuilder first = new StringBuilder();
        StringBuilder bank = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            String[] kana = KANA[random.nextInt(KANA.length)];
            (i < 4 ? family : first).append(kana[0]);
            bank.append(i == 4 ? " " : "").append(kana[1]);
        }
        return new String[] {family.toString(), first.toString(), bank.toString()};
    }

    private String[] inquiryNumbers(int count) {
        String[] numbers = new String[count];
        int start = 100_000 + random.nextInt(800_000);
        for (int i = 0; i < count; i++) {
            numbers[i] = String.format("%06d", start + i);
        }
        return numbers;
    }

    private LocalDate today() {
        return driver.now().atZone(ZoneId.of("Asia/Tokyo")).toLocalDate();
    }
}
