package org.certflow.billing.banktransfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.certflow.billing.banktransfer.TransferMatching.Match;
import org.junit.jupiter.api.Test;

/** Which open invoice a transfer pays: certain only without doubt, otherwise a reason for the person who decides. */
class TransferMatchingTest {

    private static final OpenInvoice YAMADA = new OpenInvoice(1, "PBJ10000001", "INV-2026-000001", 11_000, "ヤマダ", "タロウ");
    private static final OpenInvoice CANON = new OpenInvoice(2, "PBJ10000002", "INV-2026-000002", 5_500, "キャノン", "ショウコ");
    private static final OpenInvoice KODA = new OpenInvoice(3, "PBJ10000003", "INV-2026-000003", 16_500, "コーダ", "ユウ");
    private static final List<OpenInvoice> OPEN = List.of(YAMADA, CANON, KODA);

    @Test
    void foldsTheWayBanksWriteNames() {
        assertThat(RemitterNames.sameName("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ", "タロウ")).isTrue();
        assertThat(RemitterNames.sameName("ｷﾔﾉﾝ ｼﾖｳｺ", "キャノン", "ショウコ")).as("no small kana at the bank").isTrue();
        assertThat(RemitterNames.sameName("ｺｰﾀﾞ ﾕｳ", "コーダ", "ユウ")).isTrue();
        assertThat(RemitterNames.sameName("ｺ-ﾀﾞ ﾕｳ", "コーダ", "ユウ")).as("a hyphen for the long vowel").isTrue();
        assertThat(RemitterNames.sameName("ｶ)ﾔﾏﾀﾞﾀﾛｳ", "ヤマダ", "タロウ")).as("company mark before").isTrue();
        assertThat(RemitterNames.sameName("ﾔﾏﾀﾞﾀﾛｳ(ｶ", "ヤマダ", "タロウ")).as("company mark after").isTrue();
        assertThat(RemitterNames.sameName("やまだ　たろう", "ヤマダ", "タロウ")).isTrue();
        assertThat(RemitterNames.sameName("ﾔﾏﾀﾞ ｼﾞﾛｳ", "ヤマダ", "タロウ")).isFalse();
        assertThat(RemitterNames.sameName("YAMADA TARO", "", "")).as("nothing compares equal to nothing").isFalse();
    }

    @Test
    void findsInvoiceAndOrderNumbersInTheNameOrTheEdiField() {
        assertThat(RemitterNames.references("INV2026000001 ﾔﾏﾀﾞ", "")).containsExactly("INV-2026-000001");
        assertThat(RemitterNames.references("ﾔﾏﾀﾞ ﾀﾛｳ", "inv-2026-000003")).containsExactly("INV-2026-000003");
        assertThat(RemitterNames.references("PBJ10000002ｷﾔﾉﾝ", "")).containsExactly("PBJ10000002");
        assertThat(RemitterNames.references("ﾔﾏﾀﾞ ﾀﾛｳ", "")).isEmpty();
    }

    @Test
    void anInvoiceNumberAndTheAmountDueAreCertain() {
        assertThat(match("ｼﾔ)ﾄﾞｺｶﾉｶｲｼﾔ", "INV-2026-000001", 11_000)).isEqualTo(Match.certain(YAMADA));
        assertThat(match("PBJ10000002 ｼﾞﾑｼﾖ", "", 5_500)).isEqualTo(Match.certain(CANON));
    }

    @Test
    void anInvoiceNumberWithAnotherAmountIsLikelyButWaits() {
        Match match = match("ﾔﾏﾀﾞ ﾀﾛｳ", "INV-2026-000001", 10_560);
        assertThat(match.recordable()).isFalse();
        assertThat(match.invoice()).contains(YAMADA);
        assertThat(match.reason()).isEqualTo("請求書 INV-2026-000001 の未入金額 11,000 円と金額が異なります");
        assertThat(match("ﾔﾏﾀﾞ ﾀﾛｳ", "INV-2026-999999", 11_000).reason())
                .isEqualTo("振込依頼人名などの「INV-2026-999999」に当たる未入金の請求がありません");
    }

    @Test
    void theNameAndTheAmountAreCertainOnlyForOneInvoice() {
        assertThat(match("ｷﾔﾉﾝ ｼﾖｳｺ", "", 5_500)).isEqualTo(Match.certain(CANON));
        assertThat(match("ｷﾔﾉﾝ ｼﾖｳｺ", "", 5_000).invoice()).contains(CANON);
        assertThat(match("ｷﾔﾉﾝ ｼﾖｳｺ", "", 5_000).recordable()).isFalse();
        assertThat(match("ｻﾄｳ ﾊﾅｺ", "", 5_500).reason()).isEqualTo("振込依頼人名と金額が一致する未入金の請求がありません");

        OpenInvoice otherYamada = new OpenInvoice(4, "PBJ10000004", "INV-2026-000004", 11_000, "ヤマダ", "タロウ");
        Match twoYamadas = TransferMatching.match(transfer("ﾔﾏﾀﾞ ﾀﾛｳ", "", 11_000, false), List.of(YAMADA, otherYamada));
        assertThat(twoYamadas.invoice()).isEmpty();
        assertThat(twoYamadas.reason()).isEqualTo("同じ名義・同じ金額の未入金の請求が 2 件あります");
    }

    @Test
    void aCancellationIsNeverRecorded() {
        Match match = TransferMatching.match(transfer("ﾔﾏﾀﾞ ﾀﾛｳ", "INV-2026-000001", 11_000, true), OPEN);
        assertThat(match.recordable()).isFalse();
        assertThat(match.reason()).startsWith("銀行による取消の通知です");
    }

    private static Match match(String remitter, String edi, long amount) {
        return TransferMatching.match(transfer(remitter, edi, amount, false), OPEN);
    }

    private static Transfer transfer(String remitter, String edi, long amount, boolean cancellation) {
        return new Transfer("0143", "001", "1234567", "000101", LocalDate.of(2026, 11, 24), amount, "0000000000",
                remitter, "ﾔﾁｼﾞﾕｳﾆ", "ｽﾜ", cancellation, edi);
    }
}
