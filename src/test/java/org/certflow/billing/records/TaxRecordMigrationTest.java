package org.certflow.billing.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import org.certflow.billing.DocumentHash;
import org.certflow.operations.RecordsVerifyCommand;
import org.certflow.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Documents issued before the tax records existed get their PDF's SHA-256 and their counterparty from the migration,
 * and the search finds them on both databases: kind, issue dates, amounts and a name matched literally.
 */
class TaxRecordMigrationTest {

    @Test
    void documentsIssuedBeforeAreHashedAndFoundByEveryCriterion() throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                TestDatabase.freshDatabaseUrl("tax-record-migration"), TestDatabase.username(), "");
        Flyway.configure().dataSource(dataSource).target("19").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        long yamada = application(jdbc, "PBJ10000001", "山田", "太郎");
        long percent = application(jdbc, "PBJ10000002", "100%_商", "花子");
        long unissued = application(jdbc, "PBJ10000003", "南", "次郎");
        byte[] invoicePdf = pdf("invoice 1");
        byte[] receiptPdf = pdf("receipt 1");
        byte[] returnPdf = pdf("return 1");
        byte[] otherInvoicePdf = pdf("invoice 2");
        invoice(jdbc, yamada, "INV-2025-000001", 11_000, 1_000, LocalDate.of(2025, 4, 1), invoicePdf);
        invoice(jdbc, percent, "INV-2025-000002", 19_800, 1_800, LocalDate.of(2025, 5, 10), otherInvoicePdf);
        invoice(jdbc, unissued, "INV-2025-000003", 8_800, 800, LocalDate.of(2025, 6, 1), pdf("invoice 3"));
        jdbc.sql("""
                insert into receipt (application_id, receipt_number, amount, tax_amount, received_on, issued_on, pdf,
                                     created_at)
                values (:id, 'RCP-2025-000001', 11000, 1000, :on, :on, :pdf, :now)""")
                .param("id", yamada).param("on", LocalDate.of(2025, 4, 20)).param("pdf", receiptPdf)
                .param("now", now()).update();
        refund(jdbc, yamada, "RFD-2025-000001", LocalDate.of(2025, 6, 30), returnPdf);
        refund(jdbc, unissued, null, null, null);

        Flyway.configure().dataSource(dataSource).load().migrate();

        assertThat(hashAndName(jdbc, "invoice", "invoice_number = 'INV-2025-000001'"))
                .containsExactly(DocumentHash.sha256(invoicePdf), "山田 太郎");
        assertThat(hashAndName(jdbc, "receipt", "receipt_number = 'RCP-2025-000001'"))
                .containsExactly(DocumentHash.sha256(receiptPdf), "山田 太郎");
        assertThat(hashAndName(jdbc, "refund", "return_invoice_number = 'RFD-2025-000001'"))
                .containsExactly(DocumentHash.sha256(returnPdf), "山田 太郎");
        assertThat(hashAndName(jdbc, "refund", "application_id = " + unissued)).containsOnlyNulls();
        assertThatThrownBy(() -> jdbc.sql("update refund set return_invoice_number = 'RFD-2025-000002', "
                + "issued_on = :on, pdf = :pdf where application_id = :id").param("on", LocalDate.of(2025, 7, 1))
                .param("pdf", pdf("x")).param("id", unissued).update())
                .as("a return invoice without its hash and counterparty").isInstanceOf(DataIntegrityViolationException.class);

        TaxRecords records = new TaxRecords(jdbc);
        assertThat(numbers(records, new TaxRecordQuery(Set.of(), null, null, null, null, null)))
                .containsExactly("INV-2025-000001", "RCP-2025-000001", "INV-2025-000002", "INV-2025-000003",
                        "RFD-2025-000001");
        assertThat(numbers(records, new TaxRecordQuery(Set.of(), null, null, null, null, "山田")))
                .containsExactly("INV-2025-000001", "RCP-2025-000001", "RFD-2025-000001");
        assertThat(numbers(records, new TaxRecordQuery(Set.of(DocumentKind.INVOICE), LocalDate.of(2025, 4, 2),
                LocalDate.of(2025, 6, 1), 8_800L, 19_799L, null))).containsExactly("INV-2025-000003");
        assertThat(numbers(records, new TaxRecordQuery(Set.of(DocumentKind.RETURN_INVOICE, DocumentKind.RECEIPT),
                null, null, 11_000L, 11_000L, null))).containsExactly("RCP-2025-000001", "RFD-2025-000001");
        assertThat(numbers(records, new TaxRecordQuery(Set.of(), null, null, null, null, "0%_"))).containsExactly(
                "INV-2025-000002");
        assertThat(numbers(records, new TaxRecordQuery(Set.of(), null, null, null, null, "0__"))).isEmpty();
        assertThat(numbers(records, new TaxRecordQuery(Set.of(), null, null, null, null, "%"))).containsExactly(
                "INV-2025-000002");
        assertThat(numbers(records, new TaxRecordQuery(Set.of(), null, null, null, null, "' or ''='"))).isEmpty();
        assertThat(records.search(new TaxRecordQuery(Set.of(), null, null, null, null, null), 2, 2).records())
                .extracting(TaxRecord::number).containsExactly("INV-2025-000002", "INV-2025-000003");
        assertThat(records.search(new TaxRecordQuery(Set.of(), null, null, null, null, "山田"), 1, 10).records())
                .allSatisfy(record -> assertThat(record.intact()).isTrue());

        assertThat(verifyCommand(dataSource.getUrl(), new ByteArrayOutputStream())).isZero();
        jdbc.sql("update receipt set pdf = :pdf where receipt_number = 'RCP-2025-000001'").param("pdf", pdf("forged"))
                .update();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(verifyCommand(dataSource.getUrl(), err)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("tax records CHANGED: 1 of 5 documents do not match their SHA-256: RCP-2025-000001");
        assertThat(verifyCommand(TestDatabase.freshDatabaseUrl("tax-record-empty"), err))
                .as("a database without the tables").isEqualTo(2);
        assertThat(records.search(new TaxRecordQuery(Set.of(DocumentKind.RECEIPT), null, null, null, null, null), 1, 10)
                .records()).singleElement().satisfies(record -> assertThat(record.intact()).isFalse());
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        assertThat(new TaxRecordExport(records).write(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 30), zip))
                .isEqualTo(2);
    }

    private static int verifyCommand(String databaseUrl, ByteArrayOutputStream err) {
        return RecordsVerifyCommand.run(new String[] {"records", "verify", "--spring.datasource.url=" + databaseUrl,
                        "--spring.datasource.username=" + TestDatabase.username()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static long application(JdbcClient jdbc, String orderNumber, String familyName, String firstName) {
        jdbc.sql("""
                insert into application (order_number, status, qualification, email, obligations_version,
                                         obligations_accepted_at, family_name, first_name, created_at, updated_at)
                values (:order, 'REVIEW', 'FIRST_CLASS_ARCHITECT', 'a@example.jp', 'v1', :now, :family, :first, :now,
                        :now)""")
                .param("order", orderNumber).param("family", familyName).param("first", firstName).param("now", now())
                .update();
        return jdbc.sql("select id from application where order_number = :order").param("order", orderNumber)
                .query(Long.class).single();
    }

    private static void invoice(JdbcClient jdbc, long applicationId, String number, int total, int tax, LocalDate on,
                                byte[] pdf) {
        jdbc.sql("""
                insert into invoice (application_id, invoice_number, net_amount, tax_amount, total_amount, issued_on,
                                     due_on, pdf, created_at)
                values (:id, :number, :net, :tax, :total, :on, :on, :pdf, :now)""")
                .param("id", applicationId).param("number", number).param("net", total - tax).param("tax", tax)
                .param("total", total).param("on", on).param("pdf", pdf).param("now", now()).update();
    }

    private static void refund(JdbcClient jdbc, long applicationId, String number, LocalDate on, byte[] pdf) {
        jdbc.sql("""
                insert into refund (application_id, amount, tax_amount, refunded_on, recorded_by, recorded_at,
                                    return_invoice_number, issued_on, pdf)
                values (:id, 11000, 1000, :refunded, 'keiri', :now, :number, :on, :pdf)""")
                .param("id", applicationId).param("refunded", LocalDate.of(2025, 6, 28)).param("now", now())
                .param("number", number).param("on", on).param("pdf", pdf).update();
    }

    private static java.util.List<String> hashAndName(JdbcClient jdbc, String table, String where) {
        return jdbc.sql("select pdf_sha256, counterparty from " + table + " where " + where)
                .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2))).single();
    }

    private static java.util.List<String> numbers(TaxRecords records, TaxRecordQuery query) {
        return records.search(query, 1, 50).records().stream().map(TaxRecord::number).toList();
    }

    private static byte[] pdf(String text) {
        return ("%PDF-1.7 " + text).getBytes(StandardCharsets.US_ASCII);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
