package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.ApplicantDetails;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.Qualification;
import org.certflow.billing.DocumentHash;
import org.certflow.billing.Invoice;
import org.certflow.billing.Invoices;
import org.certflow.billing.Receipt;
import org.certflow.billing.Receipts;
import org.certflow.billing.Refund;
import org.certflow.billing.Refunds;
import org.certflow.billing.records.TaxRecordIntegrity;
import org.certflow.portal.PortalSubmissions;
import org.certflow.privacy.PersonalDataAccess;
import org.certflow.staff.StaffSetup;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.StaffApi;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accounting finds the issued invoices, receipts and return invoices again on the tax records page by kind, issue
 * date, amount and counterparty (電子帳簿保存法), downloads each stored PDF, exports a period as a ZIP of the PDFs with
 * a CSV index, and sees a PDF changed in the database as 不一致 on the page, in the CSV and in the health check.
 * Nobody but accounting gets in, forms need their CSRF token, and search text is matched literally.
 * <p>
 * Six documents of three applicants are issued through the process on five days after today (the clock moved),
 * their names sharing a token no other test uses; searches without a name are checked for the rows that meet the
 * criterion and for exactly these six.
 */
@CertflowTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaxRecordsTest {

    private static final String PAGE = "/staff/tax-records";
    private static final String SEARCH = PAGE + "/search";
    private static final String EXPORT = PAGE + "/export";
    private static final Pattern ROW = Pattern.compile(
            "<tr id=\"record-([A-Z]{3}-\\d{4}-\\d{6})\">\\s*<td>([^<]*)</td>\\s*<td>[^<]*</td>\\s*<td>([^<]*)</td>"
                    + "\\s*<td>([^<]*)</td>\\s*<td>([^<]*)</td>\\s*<td>([^<]*)</td>\\s*<td[^>]*>([^<]*)</td>");

    @LocalServerPort int port;
    @Autowired StaffSetup staff;
    @Autowired StaffApi api;
    @Autowired PortalSubmissions portal;
    @Autowired ApplicationRepository applications;
    @Autowired TestApplications testApplications;
    @Autowired ProcessDriver driver;
    @Autowired TaskService taskService;
    @Autowired Invoices invoices;
    @Autowired Receipts receipts;
    @Autowired Refunds refunds;
    @Autowired JdbcClient jdbc;
    @Autowired HealthContributorRegistry health;
    @Autowired TaxRecordIntegrity integrity;

    private String token;
    private LocalDate day0;
    /** 甲: invoice on day 0, paid on day 2 (receipt), rejected and refunded in full on day 4 (return invoice). */
    private Application kou;
    /** 乙%_: a two-year invoice (19,800 yen) on day 1, unpaid. */
    private Application otsu;
    /** TAX: invoice and receipt on day 3. */
    private Application tax;
    private final Map<String, Expected> expected = new LinkedHashMap<>();

    @BeforeAll
    void issueDocuments() throws Exception {
        token = uniqueToken();
        Instant start = driver.now().plus(Duration.ofDays(60));
        day0 = start.atZone(ZoneId.of("Asia/Tokyo")).toLocalDate();
        try {
            driver.travelTo(start);
            kou = awaitingPayment("甲" + token, "一郎", 1);
            driver.travel(Duration.ofDays(1));
            otsu = awaitingPayment("乙%_" + token, "二郎", 2);
            driver.travel(Duration.ofDays(1));
            pay(kou);
            driver.travel(Duration.ofDays(1));
            tax = awaitingPayment("TAX" + token, "三郎", 1);
            pay(tax);
            driver.travel(Duration.ofDays(1));
            rejectAndRefund(kou);
        } finally {
            driver.resetClock();
        }
        Invoice kouInvoice = invoices.find(kou.id()).orElseThrow();
        Receipt kouReceipt = receipts.find(kou.id()).orElseThrow();
        Refund kouRefund = refunds.find(kou.id()).orElseThrow();
        Invoice otsuInvoice = invoices.find(otsu.id()).orElseThrow();
        Invoice taxInvoice = invoices.find(tax.id()).orElseThrow();
        Receipt taxReceipt = receipts.find(tax.id()).orElseThrow();
        add(new Expected("請求書", kouInvoice.invoiceNumber(), kouInvoice.issuedOn(), kou, kouInvoice.totalAmount(),
                kouInvoice.taxAmount(), kouInvoice.pdf()));
        add(new Expected("領収書", kouReceipt.receiptNumber(), kouReceipt.issuedOn(), kou, kouReceipt.amount(),
                kouReceipt.taxAmount(), kouReceipt.pdf()));
        add(new Expected("返還インボイス", kouRefund.returnInvoiceNumber(), kouRefund.issuedOn(), kou, kouRefund.amount(),
                kouRefund.taxAmount(), kouRefund.pdf()));
        add(new Expected("請求書", otsuInvoice.invoiceNumber(), otsuInvoice.issuedOn(), otsu, otsuInvoice.totalAmount(),
                otsuInvoice.taxAmount(), otsuInvoice.pdf()));
        add(new Expected("請求書", taxInvoice.invoiceNumber(), taxInvoice.issuedOn(), tax, taxInvoice.totalAmount(),
                taxInvoice.taxAmount(), taxInvoice.pdf()));
        add(new Expected("領収書", taxReceipt.receiptNumber(), taxReceipt.issuedOn(), tax, taxReceipt.amount(),
                taxReceipt.taxAmount(), taxReceipt.pdf()));
        assertThat(expected.values()).extracting(Expected::issuedOn).containsExactly(day0, day0.plusDays(2),
                day0.plusDays(4), day0.plusDays(1), day0.plusDays(3), day0.plusDays(3));
        assertThat(kouInvoice.totalAmount()).isEqualTo(11_000);
        assertThat(otsuInvoice.totalAmount()).isEqualTo(19_800);
    }

    @AfterAll
    void resetClock() {
        driver.resetClock();
    }

    @Test
    void eachCriterionAndTheirCombinationFindExactlyTheDocumentsThatMeetThem() throws Exception {
        StaffBrowser keiri = accountant();
        assertThat(keiri.get(PAGE).statusCode()).isEqualTo(200);

        Map<String, Row> byName = search(keiri, Map.of("counterparty", token));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Expected document : expected.values()) {
            Row row = byName.get(document.number());
            assertThat(row.kind()).isEqualTo(document.kind());
            assertThat(row.issuedOn()).isEqualTo(document.issuedOn().toString());
            assertThat(row.counterparty()).isEqualTo(document.counterparty());
            assertThat(row.amount()).isEqualTo(String.format("%,d 円", document.amount()));
            assertThat(row.tax()).isEqualTo(String.format("%,d 円", document.tax()));
            assertThat(row.integrity()).isEqualTo("改ざんなし");
        }

        assertThat(search(keiri, Map.of("counterparty", "甲" + token)).keySet())
                .containsExactlyInAnyOrder(numbers(kou));
        assertThat(search(keiri, Map.of("kind", "receipt", "counterparty", token)).keySet())
                .containsExactlyInAnyOrder(number("領収書", kou), number("領収書", tax));
        assertThat(search(keiri, Map.of("kind", "return-invoice", "counterparty", token)).keySet())
                .containsExactly(number("返還インボイス", kou));

        Map<String, Row> byDate = search(keiri, Map.of("issuedFrom", day0.plusDays(1).toString(),
                "issuedTo", day0.plusDays(3).toString()));
        assertThat(byDate.values()).allSatisfy(row -> assertThat(LocalDate.parse(row.issuedOn()))
                .isBetween(day0.plusDays(1), day0.plusDays(3)));
        assertThat(ours(byDate)).containsExactlyInAnyOrder(number("請求書", otsu), number("領収書", kou),
                number("請求書", tax), number("領収書", tax));

        Map<String, Row> byAmount = search(keiri, Map.of("amountFrom", "11001", "amountTo", "19800"));
        assertThat(byAmount.values()).allSatisfy(row -> assertThat(yen(row.amount())).isBetween(11_001L, 19_800L));
        assertThat(ours(byAmount)).containsExactly(number("請求書", otsu));
        assertThat(search(keiri, Map.of("amountFrom", "１１，０００", "amountTo", "11000円", "counterparty", token))
                .keySet()).as("full-width digits, separators and 円 are understood").containsExactlyInAnyOrder(
                number("請求書", kou), number("領収書", kou), number("返還インボイス", kou), number("請求書", tax),
                number("領収書", tax));

        Map<String, Row> combined = search(keiri, Map.of("kind", "invoice", "issuedFrom", day0.toString(),
                "issuedTo", day0.plusDays(3).toString(), "amountTo", "11000", "counterparty", token));
        assertThat(combined.keySet()).containsExactlyInAnyOrder(number("請求書", kou), number("請求書", tax));
        assertThat(search(keiri, Map.of("kind", "invoice", "issuedFrom", day0.plusDays(1).toString(),
                "issuedTo", day0.plusDays(2).toString(), "amountTo", "11000", "counterparty", token))).isEmpty();

        assertThat(search(keiri, Map.of("counterparty", "tax" + token)).keySet()).as("case does not matter")
                .containsExactlyInAnyOrder(numbers(tax));
    }

    @Test
    void searchTextIsMatchedLiterallyAndSqlInInputIsHarmless() throws Exception {
        StaffBrowser keiri = accountant();
        keiri.get(PAGE);

        Map<String, Row> percent = search(keiri, Map.of("counterparty", "%"));
        assertThat(percent.values()).allSatisfy(row -> assertThat(row.counterparty()).contains("%"));
        assertThat(ours(percent)).containsExactly(number("請求書", otsu));
        assertThat(search(keiri, Map.of("counterparty", "乙%_" + token)).keySet()).containsExactly(number("請求書", otsu));
        assertThat(search(keiri, Map.of("counterparty", "乙__" + token))).as("_ is no wildcard").isEmpty();
        assertThat(search(keiri, Map.of("counterparty", "乙%" + token))).as("% is no wildcard").isEmpty();
        assertThat(search(keiri, Map.of("counterparty", "_")).values())
                .allSatisfy(row -> assertThat(row.counterparty()).contains("_"));
        assertThat(search(keiri, Map.of("counterparty", "\\"))).isEmpty();

        for (String sql : List.of("' or '1'='1", "%' or 1=1 --", "'); delete from invoice; --", token + "' --")) {
            HttpResponse<String> response = keiri.post(SEARCH, Map.of("counterparty", sql));
            assertThat(response.statusCode()).as(sql).isEqualTo(200);
            assertThat(response.body()).as(sql).contains("条件に合う書類はありません");
            keiri.get(PAGE);
        }
        HttpResponse<String> sqlAmount = keiri.post(SEARCH, Map.of("amountFrom", "0 or 1=1"));
        assertThat(sqlAmount.statusCode()).isEqualTo(422);
        assertThat(sqlAmount.body()).contains("金額は 11000 のように、0以上の整数（円、10桁まで）で入力してください。");
        keiri.get(PAGE);
        HttpResponse<String> sqlKind = keiri.post(SEARCH, Map.of("kind", "invoice' or '1'='1"));
        assertThat(sqlKind.statusCode()).isEqualTo(422);
        assertThat(sqlKind.body()).contains("種別は一覧から選んでください。");
        assertThat(search(keiri, Map.of("counterparty", token))).as("nothing was deleted").hasSize(6);

        keiri.get(PAGE);
        HttpResponse<String> markup = keiri.post(SEARCH, Map.of("counterparty", "<script>alert(1)</script>"));
        assertThat(markup.body()).as("the search text comes back escaped")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void badInputGetsAJapaneseMessageNextToTheField() throws Exception {
        StaffBrowser keiri = accountant();
        keiri.get(PAGE);
        assertRefused(keiri, SEARCH, Map.of("issuedFrom", day0.plusDays(3).toString(), "issuedTo", day0.toString()),
                "issuedTo-error", "終了日は開始日と同じか、それより後の日付にしてください。");
        assertRefused(keiri, SEARCH, Map.of("issuedFrom", "2026-02-30"), "issuedFrom-error",
                "日付は 2026-04-01 のように、年-月-日で入力してください。");
        assertRefused(keiri, SEARCH, Map.of("amountFrom", "abc"), "amountFrom-error",
                "金額は 11000 のように、0以上の整数（円、10桁まで）で入力してください。");
        assertRefused(keiri, SEARCH, Map.of("amountTo", "-5"), "amountTo-error",
                "金額は 11000 のように、0以上の整数（円、10桁まで）で入力してください。");
        assertRefused(keiri, SEARCH, Map.of("amountFrom", "99999999999"), "amountFrom-error",
                "金額は 11000 のように、0以上の整数（円、10桁まで）で入力してください。");
        assertRefused(keiri, SEARCH, Map.of("amountFrom", "20000", "amountTo", "10000"), "amountTo-error",
                "上限は下限と同じか、それより大きい金額にしてください。");
        assertRefused(keiri, SEARCH, Map.of("counterparty", "あ".repeat(101)), "counterparty-error",
                "取引先は100文字以内で入力してください。");
        assertRefused(keiri, EXPORT, Map.of("exportFrom", "2026-04-01", "exportTo", "2027-04-01"), "exportTo-error",
                "一度に出力できる期間は1年以内です（開始日 2026-04-01 からなら 2027-03-31 まで）。期間を分けて出力してください。");
        assertRefused(keiri, EXPORT, Map.of("exportFrom", "", "exportTo", "2027-04-01"), "exportFrom-error",
                "開始日を入力してください。");
        assertRefused(keiri, EXPORT, Map.of("exportFrom", "2027-04-01", "exportTo", "2027-03-01"), "exportTo-error",
                "終了日は開始日と同じか、それより後の日付にしてください。");
        assertRefused(keiri, EXPORT, Map.of("exportFrom", "四月一日", "exportTo", "2027-03-01"), "exportFrom-error",
                "日付は 2026-04-01 のように、年-月-日で入力してください。");

        HttpResponse<String> page = keiri.post(SEARCH, Map.of("counterparty", token, "page", "x"));
        assertThat(page.statusCode()).as("a page that is no number shows the first").isEqualTo(200);
        keiri.get(PAGE);
        assertThat(keiri.post(SEARCH, Map.of("counterparty", token, "page", "99999")).body())
                .as("a page beyond the last shows the last").contains("6 件中 1〜6 件目");
        assertThat(keiri.download(PAGE + "/invoice/INV-1999-000001.pdf").statusCode()).isEqualTo(404);
        assertThat(keiri.download(PAGE + "/letter/" + number("請求書", kou) + ".pdf").statusCode()).isEqualTo(404);
        assertThat(keiri.download(PAGE + "/receipt/" + number("請求書", kou) + ".pdf").statusCode())
                .as("the number of another kind").isEqualTo(404);
    }

    @Test
    void eachPdfIsDownloadedAsStoredAndThePeriodIsExportedAsAZipWithItsIndex() throws Exception {
        StaffBrowser keiri = accountant();
        keiri.get(PAGE);
        for (Expected document : expected.values()) {
            HttpResponse<byte[]> pdf = keiri.download(PAGE + "/" + slug(document.kind()) + "/" + document.number() + ".pdf");
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(pdf.body()).as(document.number()).isEqualTo(document.pdf());
        }

        keiri.get(PAGE);
        HttpResponse<byte[]> zip = keiri.downloadPosting(EXPORT, Map.of("exportFrom", day0.toString(),
                "exportTo", day0.plusDays(4).toString()));
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(URLDecoder.decode(zip.headers().firstValue("Content-Disposition").orElseThrow(), StandardCharsets.UTF_8))
                .contains("電子取引データ_" + day0 + "_" + day0.plusDays(4) + ".zip");
        Map<String, byte[]> entries = unzip(zip.body());
        assertThat(entries).containsKey("index.csv");
        byte[] csv = entries.get("index.csv");
        assertThat(Arrays.copyOf(csv, 3)).as("UTF-8 BOM").containsExactly(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = csv(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8));
        assertThat(rows.get(0)).containsExactly("種別", "番号", "発行日", "取引先", "金額(税込)", "うち消費税", "SHA-256",
                "検証結果", "ファイル名");
        Map<String, List<String>> byNumber = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            byNumber.put(row.get(1), row);
            assertThat(LocalDate.parse(row.get(2))).isBetween(day0, day0.plusDays(4));
            assertThat(entries).as("each listed file is in the ZIP").containsKey(row.get(8));
            assertThat(DocumentHash.sha256(entries.get(row.get(8)))).isEqualTo(row.get(6));
        }
        assertThat(entries).hasSize(rows.size());
        for (Expected document : expected.values()) {
            assertThat(byNumber.get(document.number())).containsExactly(document.kind(), document.number(),
                    document.issuedOn().toString(), document.counterparty(), Long.toString(document.amount()),
                    Long.toString(document.tax()), DocumentHash.sha256(document.pdf()), "改ざんなし",
                    document.number() + ".pdf");
            assertThat(entries.get(document.number() + ".pdf")).isEqualTo(document.pdf());
        }

        keiri.get(PAGE);
        HttpResponse<byte[]> empty = keiri.downloadPosting(EXPORT, Map.of("exportFrom", "1999-01-01", "exportTo", "1999-12-31"));
        assertThat(unzip(empty.body())).containsOnlyKeys("index.csv");

        List<String> traced = jdbc.sql("select what from personal_data_access where staff_user = 'keiri'")
                .query(String.class).list();
        assertThat(traced).as("counterparties are applicants' names: each download and export is traced")
                .contains(PersonalDataAccess.TAX_RECORD_PDF + " " + expected.values().iterator().next().number(),
                        PersonalDataAccess.TAX_RECORD_EXPORT + " " + day0 + "〜" + day0.plusDays(4));
    }

    @Test
    void aPdfChangedInTheDatabaseShowsAsMismatchOnThePageInTheCsvAndInTheHealthCheck() throws Exception {
        Expected changed = expected.get(number("請求書", otsu));
        byte[] forged = changed.pdf().clone();
        forged[forged.length / 2] ^= 0x01;
        try {
            jdbc.sql("update invoice set pdf = :pdf where invoice_number = :number")
                    .param("pdf", forged).param("number", changed.number()).update();
            StaffBrowser keiri = accountant();
            keiri.get(PAGE);
            Map<String, Row> rows = search(keiri, Map.of("counterparty", token));
            assertThat(rows.get(changed.number()).integrity()).isEqualTo("不一致");
            assertThat(rows.values()).filteredOn(row -> row.integrity().equals("不一致")).hasSize(1);

            keiri.get(PAGE);
            HttpResponse<byte[]> zip = keiri.downloadPosting(EXPORT, Map.of("exportFrom", changed.issuedOn().toString(),
                    "exportTo", changed.issuedOn().toString()));
            Map<String, byte[]> entries = unzip(zip.body());
            assertThat(entries.get(changed.number() + ".pdf")).as("exported all the same, as it is now")
                    .isEqualTo(forged);
            byte[] csv = entries.get("index.csv");
            List<List<String>> index = csv(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8));
            assertThat(index).filteredOn(row -> row.get(1).equals(changed.number())).singleElement()
                    .satisfies(row -> assertThat(row.get(6)).isEqualTo(DocumentHash.sha256(changed.pdf())))
                    .satisfies(row -> assertThat(row.get(7)).isEqualTo("不一致"));

            keiri.get(PAGE);
            HttpResponse<String> checked = keiri.post(PAGE + "/verify", Map.of());
            assertThat(checked.statusCode()).isEqualTo(200);
            assertThat(checked.body()).containsPattern("件中 1 件が不一致です").contains("不一致の書類: " + changed.number());
            Health down = ((HealthIndicator) health.getContributor("taxRecords")).health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("mismatches", 1L)
                    .containsEntry("mismatchingDocuments", List.of(changed.number()));
        } finally {
            jdbc.sql("update invoice set pdf = :pdf where invoice_number = :number")
                    .param("pdf", changed.pdf()).param("number", changed.number()).update();
            integrity.verifyAll();
        }
        Health up = ((HealthIndicator) health.getContributor("taxRecords")).health();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("mismatches", 0L);
        StaffBrowser keiri = accountant();
        keiri.get(PAGE);
        assertThat(keiri.post(PAGE + "/verify", Map.of()).body()).contains("件すべて改ざんなし");
    }

    @Test
    void nobodyButAccountingGetsThePageThePdfsOrTheZip() throws Exception {
        String pdf = PAGE + "/invoice/" + number("請求書", kou) + ".pdf";
        Map<String, String> period = Map.of("exportFrom", day0.toString(), "exportTo", day0.plusDays(4).toString());

        StaffBrowser anonymous = new StaffBrowser(port);
        for (HttpResponse<?> response : List.of(anonymous.get(PAGE), anonymous.download(pdf))) {
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).contains("/camunda/app/tasklist/"));
        }
        // an applicant's session on the portal, with a valid CSRF token of the portal: still no login of staff
        anonymous.get("/pickup");
        HttpResponse<byte[]> applicantZip = anonymous.downloadPosting(EXPORT, period);
        assertThat(applicantZip.statusCode()).isEqualTo(302);
        assertThat(new String(applicantZip.body(), StandardCharsets.UTF_8)).doesNotContain("PK");
        anonymous.get("/pickup");
        assertThat(anonymous.post(SEARCH, Map.of("counterparty", token)).statusCode()).isEqualTo(302);
        assertThat(api.download(pdf, null).statusCode()).isEqualTo(302);

        StaffBrowser reviewer = new StaffBrowser(port).logIn("shinsa", password("shinsa"));
        HttpResponse<String> refused = reviewer.get(PAGE);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("経理の担当者だけが使えます").doesNotContain(token);
        HttpResponse<byte[]> reviewerPdf = reviewer.download(pdf);
        assertThat(reviewerPdf.statusCode()).isEqualTo(403);
        assertThat(reviewerPdf.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(api.download(pdf, "shinsa").statusCode()).as("HTTP Basic as a reviewer").isEqualTo(403);
        reviewer.get("/pickup");
        HttpResponse<String> reviewerSearch = reviewer.post(SEARCH, Map.of("counterparty", token));
        assertThat(reviewerSearch.statusCode()).isEqualTo(403);
        assertThat(reviewerSearch.body()).doesNotContain(token);
        reviewer.get("/pickup");
        assertThat(reviewer.downloadPosting(EXPORT, period).statusCode()).isEqualTo(403);
        reviewer.get("/pickup");
        assertThat(reviewer.post(PAGE + "/verify", Map.of()).statusCode()).isEqualTo(403);

        StaffBrowser keiri = accountant();
        keiri.get(PAGE);
        for (String form : List.of(SEARCH, EXPORT, PAGE + "/verify")) {
            HttpResponse<String> forged = keiri.postWithoutCsrf(form, form.equals(EXPORT) ? period
                    : Map.of("counterparty", token));
            assertThat(forged.statusCode()).as(form + " without the CSRF token").isEqualTo(403);
            assertThat(forged.body()).doesNotContain(token).doesNotContain("PK");
        }
        assertThat(keiri.download(pdf).statusCode()).as("the accountant gets it").isEqualTo(200);
        assertThat(api.download(pdf, "keiri").statusCode()).as("HTTP Basic as accounting").isEqualTo(200);
    }

    private void assertRefused(StaffBrowser keiri, String path, Map<String, String> fields, String errorId,
                               String message) throws Exception {
        HttpResponse<String> refused = keiri.post(path, fields);
        assertThat(refused.statusCode()).as(fields.toString()).isEqualTo(422);
        assertThat(refused.body()).as(fields.toString())
                .containsPattern("id=\"" + errorId + "\"[^>]*>" + Pattern.quote(message) + "<");
        keiri.get(PAGE);
    }

    /** The rows the search shows, by number, over all its pages (following 「次のページ」 as a person would). */
    private static Map<String, Row> search(StaffBrowser keiri, Map<String, String> criteria) throws Exception {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int page = 1; ; page++) {
            Map<String, String> fields = new LinkedHashMap<>(criteria);
            fields.put("page", Integer.toString(page));
            HttpResponse<String> response = keiri.post(SEARCH, fields);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Matcher row = ROW.matcher(response.body());
            while (row.find()) {
                assertThat(rows).as("each document on one page only").doesNotContainKey(row.group(1));
                rows.put(row.group(1), new Row(row.group(2), row.group(3), unescape(row.group(4)), row.group(5),
                        row.group(6), row.group(7)));
            }
            if (!response.body().contains("次のページ")) {
                assertThat(response.body()).contains(rows.isEmpty() ? "条件に合う書類はありません"
                        : rows.size() + " 件中 ");
                return rows;
            }
        }
    }

    private List<String> ours(Map<String, Row> rows) {
        return rows.keySet().stream().filter(expected::containsKey).toList();
    }

    private String number(String kind, Application application) {
        return expected.values().stream().filter(d -> d.kind().equals(kind) && d.applicationId() == application.id())
                .findFirst().orElseThrow().number();
    }

    private String[] numbers(Application application) {
        return expected.values().stream().filter(d -> d.applicationId() == application.id()).map(Expected::number)
                .toArray(String[]::new);
    }

    private void add(Expected document) {
        expected.put(document.number(), document);
    }

    private static String slug(String kind) {
        return switch (kind) {
            case "請求書" -> "invoice";
            case "領収書" -> "receipt";
            default -> "return-invoice";
        };
    }

    private static long yen(String shown) {
        return Long.parseLong(shown.replace(",", "").replace(" 円", ""));
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** RFC 4180 records (quoted fields, doubled quotes, CRLF). */
    private static List<List<String>> csv(String text) {
        assertThat(text).endsWith("\r\n");
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return records;
    }

    private StaffBrowser accountant() throws Exception {
        return new StaffBrowser(port).logIn("keiri", password("keiri"));
    }

    private String password(String userId) {
        return staff.demoUsers().stream().filter(user -> user.id().equals(userId)).findFirst().orElseThrow().password();
    }

    /** An application with the invoice issued today (as the clock says), from an applicant with this name. */
    private Application awaitingPayment(String familyName, String firstName, int validityYears) {
        String email = "records-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
        Application application = portal.applyProvisionally(email, Qualification.FIRST_CLASS_ARCHITECT);
        driver.runDueJobs(testApplications.processInstanceId(application));
        applications.saveDetails(application.id(), new ApplicantDetails(familyName, firstName, "ゼイム", "タロウ",
                "Zeimu", "Taro", LocalDate.of(1980, 4, 1), "税務設計室", "0263-12-3456", "390-0811",
                "長野県松本市中央1-23-1", "123456"), validityYears, false, driver.now());
        applications.saveLicenceImage(application.id(), TestApplications.licenceImage(), driver.now());
        portal.submit(application.id(), "PASSWORDPASSWORD");
        driver.runDueJobs(testApplications.processInstanceId(application));
        return applications.get(application.id());
    }

    private void pay(Application application) {
        taskService.complete(task(application, "ConfirmPayment").getId(), Map.of(
                "amountReceived", (long) invoices.find(application.id()).orElseThrow().totalAmount(),
                "receivedOn", today().toString()));
        driver.runDueJobs(testApplications.processInstanceId(application));
    }

    private void rejectAndRefund(Application application) throws Exception {
        taskService.complete(task(application, "ReviewApplication").getId(), Map.of(
                "reviewDecision", "reject", "reviewComment", "資格を確認できません"));
        driver.runDueJobs(testApplications.processInstanceId(application));
        String taskId = task(application, "RecordRefund").getId();
        HttpResponse<String> done = api.call("POST", "/engine-rest/task/" + taskId + "/submit-form", "keiri",
                "{\"variables\":{\"refundAmount\":{\"value\":" + invoices.find(application.id()).orElseThrow().totalAmount()
                        + ",\"type\":\"Long\"},\"refundedOn\":{\"value\":\"" + today() + "\",\"type\":\"String\"}}}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        driver.runDueJobs(testApplications.processInstanceId(application));
    }

    private Task task(Application application, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey(key).singleResult();
    }

    private LocalDate today() {
        return driver.now().atZone(ZoneId.of("Asia/Tokyo")).toLocalDate();
    }

    /** Katakana no other test writes, so the name search finds only this class's documents. */
    private static String uniqueToken() {
        String kana = "アイウエオカキクケコサシスセソタチツテトナニヌネノ";
        Random random = new Random();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            token.append(kana.charAt(random.nextInt(kana.length())));
        }
        return token.toString();
    }

    private record Row(String kind, String issuedOn, String counterparty, String amount, String tax, String integrity) {
    }

    private record Expected(String kind, String number, LocalDate issuedOn, Application application, long amount,
                            long tax, byte[] pdf) {

        long applicationId() {
            return application.id();
        }

        String counterparty() {
            return application.details().familyName() + " " + application.details().firstName();
        }
    }
}
