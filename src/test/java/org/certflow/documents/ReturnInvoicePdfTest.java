package org.certflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnInvoicePdfTest {

    private static ReturnInvoicePdf returnInvoices;

    @BeforeAll
    static void setUp() {
        returnInvoices = new ReturnInvoicePdf(new PdfRenderer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"髙橋 一郎", "齋藤 花子"})
    void printsEveryItemOfAQualifiedReturnInvoice(String name) {
        PdfAssertions.Extracted read = PdfAssertions.read(returnInvoices.render(new ReturnInvoiceDocument(
                "MCCI電子証明書サービス", "松本商工会議所", "〒390-8503\n長野県松本市中央1-23-1", "T1234567890123",
                "RFD-2026-000007", LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 9), "INV-2026-000123",
                LocalDate.of(2026, 11, 20), name, "PBJ10000001", "電子証明書発行手数料（一級建築士・1年）",
                9728, 10, 972, 10700)));
        String text = PdfAssertions.flat(read.text());

        assertThat(read.pages()).isEqualTo(1);
        assertThat(text)
                .contains("返還インボイス")
                .contains("適格返還請求書")
                .contains("RFD-2026-000007")
                .contains("2026年12月10日")
                .contains(name + " 様")
                .contains("松本商工会議所", "MCCI電子証明書サービス", "長野県松本市中央1-23-1")
                .contains("登録番号 T1234567890123")
                .contains("¥10,700")
                .contains("受付番号 PBJ10000001")
                .contains("返還日", "2026年12月9日")
                .contains("元の請求書番号", "INV-2026-000123")
                .contains("元の請求日", "2026年11月20日")
                .contains("返還額 10%対象（税抜）", "¥9,728")
                .contains("返還額に係る消費税（10%）", "¥972")
                .doesNotContain("注文番号")
                .doesNotContain("#");
        PdfAssertions.assertOnlyEmbeddedJapaneseFont(read);
        PdfAssertions.assertArchival(read);
        assertThat(read.title()).isEqualTo("返還インボイス（RFD-2026-000007）");
    }
}
