package org.certflow.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvoicePdfTest {

    private static InvoicePdf invoices;

    @BeforeAll
    static void setUp() {
        invoices = new InvoicePdf(new PdfRenderer());
    }

    static InvoiceDocument invoice(String recipientName) {
        return new InvoiceDocument("MCCI電子証明書サービス", "松本商工会議所",
                "〒390-8503\n長野県松本市中央1-23-1", "T1234567890123", "INV-2026-000123",
                LocalDate.of(2026, 11, 24), LocalDate.of(2026, 12, 24),
                recipientName, "〒390-0811 長野県松本市中央2-1-1 " + recipientName + "設計事務所",
                "PBJ10000001", "電子証明書発行手数料（一級建築士・1年）",
                12000, 10, 1200, 13200,
                "八十二銀行 松本営業部\n普通預金 1234567\n口座名義 マツモトショウコウカイギショ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"髙橋 一郎", "齋藤 花子", "渡邊 健太", "<b>&\"'"})
    void printsEveryField(String name) {
        PdfAssertions.Extracted read = PdfAssertions.read(invoices.render(invoice(name)));
        String text = PdfAssertions.flat(read.text());

        assertThat(read.pages()).isEqualTo(1);
        assertThat(text)
                .contains("請求書")
                .contains("INV-2026-000123")
                .contains("2026年11月24日")
                .contains(name + " 様")
                .contains(name + "設計事務所")
                .contains("松本商工会議所")
                .contains("長野県松本市中央1-23-1")
                .contains("登録番号 T1234567890123")
                .contains("品目", "金額")
                .contains("電子証明書発行手数料（一級建築士・1年）")
                .contains("受付番号 PBJ10000001")
                .doesNotContain("注文番号")
                .contains("小計")
                .contains("消費税（10%対象）")
                .contains("合計")
                .contains("¥12,000", "¥1,200", "¥13,200")
                .contains("税率ごとの内訳")
                .contains("10%対象")
                .contains("お支払期限")
                .contains("2026年12月24日")
                .contains("お振込先")
                .contains("八十二銀行 松本営業部", "普通預金 1234567", "口座名義 マツモトショウコウカイギショ")
                .contains("入金完了を以ってお申込みとなります")
                .doesNotContain("#");
        PdfAssertions.assertOnlyEmbeddedJapaneseFont(read);
        PdfAssertions.assertArchival(read);
        assertThat(read.title()).contains("請求書").contains("INV-2026-000123");
        assertThat(read.author()).isEqualTo("MCCI電子証明書サービス");
        assertThat(read.language()).isEqualTo("ja");
    }

    @Test
    void keepsTheBankAccountLines() {
        String text = PdfAssertions.read(invoices.render(invoice("齋藤 花子"))).text();
        assertThat(text).containsPattern("八十二銀行 松本営業部\\s*\\R\\s*普通預金 1234567");
    }

    @Test
    void refusesInconsistentAmountsAndRegistrationNumbers() {
        assertThatThrownBy(() -> new InvoiceDocument("s", "i", "a", "T123", "n",
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), "r", null, "PBJ1", "d",
                100, 10, 10, 110, "bank"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvoiceDocument("s", "i", "a", "T1234567890123", "n",
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), "r", null, "PBJ1", "d",
                100, 10, 10, 111, "bank"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leavesTheRecipientAddressOutWhenThereIsNone() {
        InvoiceDocument i = new InvoiceDocument("MCCI電子証明書サービス", "松本商工会議所", "長野県松本市",
                "T1234567890123", "INV-2", LocalDate.of(2026, 1, 5), LocalDate.of(2026, 2, 4), "渡邊 健太", null,
                "PBJ10000002", "電子証明書発行手数料（不動産鑑定士・1年）", 1234567, 10, 123456, 1358023, "口座");
        String text = PdfAssertions.flat(PdfAssertions.read(invoices.render(i)).text());
        assertThat(text).contains("渡邊 健太 様").contains("¥1,234,567", "¥123,456", "¥1,358,023")
                .contains("2026年1月5日", "2026年2月4日");
    }

    /** Writes a sample for looking at it; run with -Ddocuments.sample.dir=/some/dir. */
    @Test
    void writesSampleWhenAsked() throws IOException {
        String dir = System.getProperty("documents.sample.dir");
        if (dir != null) {
            Files.write(Path.of(dir, "invoice.pdf"), invoices.render(invoice("髙橋 一郎")));
        }
    }
}
