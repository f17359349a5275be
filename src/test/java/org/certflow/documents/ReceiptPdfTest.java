package org.certflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptPdfTest {

    private static ReceiptPdf receipts;

    @BeforeAll
    static void setUp() {
        receipts = new ReceiptPdf(new PdfRenderer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"髙橋 一郎", "齋藤 花子", "渡邊 健太"})
    void printsEveryFieldOfTheReceipt(String name) {
        PdfAssertions.Extracted read = PdfAssertions.read(receipts.render(new ReceiptDocument("MCCI電子証明書サービス",
                "松本商工会議所", "〒390-8503\n長野県松本市中央1-23-1", "T1234567890123", "RCP-2026-000042",
                "INV-2026-000123", LocalDate.of(2026, 12, 3), LocalDate.of(2026, 12, 1), name, "PBJ10000001",
                "電子証明書発行手数料（一級建築士・1年）", 10000, 10, 1000, 11000)));
        String text = PdfAssertions.flat(read.text());

        assertThat(read.pages()).isEqualTo(1);
        assertThat(text)
                .contains("領収書")
                .contains("RCP-2026-000042")
                .contains("2026年12月3日")
                .contains(name + " 様")
                .contains("松本商工会議所", "MCCI電子証明書サービス", "長野県松本市中央1-23-1")
                .contains("登録番号 T1234567890123")
                .contains("¥11,000")
                .contains("但し、電子証明書発行手数料（一級建築士・1年）として（受付番号 PBJ10000001）、上記正に領収いたしました。")
                .contains("入金日", "2026年12月1日")
                .contains("請求書番号", "INV-2026-000123")
                .contains("10%対象（税抜）", "¥10,000")
                .contains("消費税（10%）", "¥1,000")
                .doesNotContain("#");
        PdfAssertions.assertOnlyEmbeddedJapaneseFont(read);
        PdfAssertions.assertArchival(read);
        assertThat(read.title()).isEqualTo("領収書（RCP-2026-000042）");
    }
}
