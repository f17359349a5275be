package org.certflow.billing.banktransfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bank's transfer notice read byte for byte, and every kind of broken file refused with a message saying where. */
class TransferFileReaderTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final LocalDate BOOKED = LocalDate.of(2026, 11, 24);

    private final TransferFileReader reader = new TransferFileReader(TODAY);

    private static TransferFile twoTransfers() {
        return new TransferFile().header()
                .transfer("000101", BOOKED, 11_000, "ﾔﾏﾀﾞ ﾀﾛｳ")
                .transfer("000102", BOOKED, 5_500, "ｶ)ﾏﾂﾓﾄｾﾂｹｲ", "INV-2026-000007", false)
                .trailer().end();
    }

    @Test
    void readsEveryFieldOfEachTransferWithOrWithoutLineBreaks() throws Exception {
        List<Transfer> plain = reader.read(twoTransfers().bytes());
        List<Transfer> lines = reader.read(twoTransfers().withCrLf());

        assertThat(lines).isEqualTo(plain);
        assertThat(plain).containsExactly(
                new Transfer("0143", "001", "1234567", "000101", BOOKED, 11_000, "0000000000", "ﾔﾏﾀﾞ ﾀﾛｳ",
                        "ﾔﾁｼﾞﾕｳﾆ", "ｽﾜ", false, ""),
                new Transfer("0143", "001", "1234567", "000102", BOOKED, 5_500, "0000000000", "ｶ)ﾏﾂﾓﾄｾﾂｹｲ",
                        "ﾔﾁｼﾞﾕｳﾆ", "ｽﾜ", false, "INV-2026-000007"));
        assertThat(plain.get(0).key()).isEqualTo("0143-001-1234567/000101/2026-11-24/11000");
    }

    @Test
    void acceptsLineFeedsAndAClosingCtrlZ() throws Exception {
        byte[] crlf = twoTransfers().withCrLf();
        byte[] lf = new String(crlf, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] ctrlZ = Arrays.copyOf(twoTransfers().bytes(), 5 * 200 + 1);
        ctrlZ[ctrlZ.length - 1] = 0x1A;

        assertThat(reader.read(lf)).hasSize(2);
        assertThat(reader.read(ctrlZ)).hasSize(2);
    }

    @Test
    void readsSeveralAccountsCancellationsAndWesternYears() throws Exception {
        byte[] western = new TransferFile().header("0143", "002", "7654321", "01")
                .transfer("000001", BOOKED, 3_000, "ｽｽﾞｷ ﾊﾅｺ")
                .transfer("000001", BOOKED, 3_000, "ｽｽﾞｷ ﾊﾅｺ", "", true)
                .trailer().bytes();
        // the same day written as the Western year 26 instead of Reiwa 08
        System.arraycopy("261124".getBytes(StandardCharsets.US_ASCII), 0, western, 200 + 7, 6);
        byte[] file = concat(new TransferFile().header().transfer("000009", BOOKED, 1_000, "ﾃｽﾄ").trailer().bytes(),
                western, TransferFile.blank('9'));

        List<Transfer> transfers = reader.read(file);

        assertThat(transfers).extracting(Transfer::accountNumber).containsExactly("1234567", "7654321", "7654321");
        assertThat(transfers).extracting(Transfer::bookedOn).containsOnly(BOOKED);
        assertThat(transfers).extracting(Transfer::cancellation).containsExactly(false, false, true);
        assertThat(transfers.get(1).key()).isNotEqualTo(transfers.get(2).key());
    }

    @Test
    void refusesARecordThatIsNot200BytesLong() {
        byte[] file = twoTransfers().withCrLf();
        byte[] cut = concat(Arrays.copyOfRange(file, 0, 202 + 150), Arrays.copyOfRange(file, 202 + 200, file.length));

        assertRefused(cut, "2件目のレコードの長さが200バイトではありません（150バイト）");
        assertRefused(Arrays.copyOf(twoTransfers().bytes(), 999), "5件目のレコードの長さが200バイトではありません（199バイト）");
        byte[] longer = concat(Arrays.copyOfRange(file, 0, 202), new byte[] {' '}, Arrays.copyOfRange(file, 202, file.length));
        assertRefused(longer, "2件目のレコードの長さが200バイトではありません（200バイトを超えています）");
        assertRefused(new byte[0], "ファイルが空です");
    }

    @Test
    void refusesAFileThatIsNotShiftJis() {
        byte[] file = twoTransfers().bytes();
        // the remitter's name written in UTF-8, as an editor saving the file again would
        byte[] utf8 = "ﾔﾏﾀﾞ".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, file, 200 + 49, utf8.length);

        assertRefused(file, "2件目のレコードの50バイト目に、振込入金通知で使えない文字（0xEF）があります。Shift_JIS の半角英数カナで書かれたファイルではありません");
        assertRefused("全角の文字".repeat(20).getBytes(java.nio.charset.Charset.forName("Shift_JIS")),
                "1件目のレコードの1バイト目に、振込入金通知で使えない文字");
    }

    @Test
    void refusesRecordsOfTheWrongTypeOrKind() {
        assertRefused(new TransferFile().header().raw(TransferFile.blank('3')).trailer().end().bytes(),
                "2件目のレコードの位置にはトレーラ・レコード（データ区分 8）が来るはずですが、データ区分「3」（振込入金通知にない区分）があります");
        assertRefused(new TransferFile().header("0143", "001", "1234567", "03").trailer().end().bytes(),
                "1件目のレコードの種別コードが「03」です。振込入金通知（種別コード 01）のファイルを選んでください");
        assertRefused(new TransferFile().raw(TransferFile.blank('2')).bytes(),
                "1件目のレコードの位置にはヘッダー・レコード（データ区分 1）が来るはずですが、データ・レコードがあります");
        byte[] ebcdic = twoTransfers().bytes();
        ebcdic[3] = '1';
        assertRefused(ebcdic, "コード区分が JIS（0）ではありません");
    }

    @Test
    void refusesAFileWithoutTrailerOrEndRecord() {
        assertRefused(new TransferFile().header().transfer("000101", BOOKED, 11_000, "ﾔﾏﾀﾞ ﾀﾛｳ").bytes(),
                "トレーラ・レコード（データ区分 8）がありません");
        assertRefused(new TransferFile().header().transfer("000101", BOOKED, 11_000, "ﾔﾏﾀﾞ ﾀﾛｳ").end().bytes(),
                "3件目のレコードの位置にはトレーラ・レコード（データ区分 8）が来るはずですが、エンド・レコードがあります");
        assertRefused(new TransferFile().header().transfer("000101", BOOKED, 11_000, "ﾔﾏﾀﾞ ﾀﾛｳ").trailer().bytes(),
                "エンド・レコード（データ区分 9）がありません");
        assertRefused(concat(twoTransfers().bytes(), TransferFile.blank('2')),
                "6件目のレコードの前にエンド・レコードがあります");
    }

    @Test
    void refusesTotalsThatDoNotMatchTheRecords() {
        assertRefused(new TransferFile().header().transfer("000101", BOOKED, 11_000, "ﾔﾏﾀﾞ ﾀﾛｳ")
                        .trailer(2, 11_000, 0, 0).end().bytes(),
                "3件目のレコードの振込合計件数 2件 が、データ・レコードの合計 1件 と一致しません");
        assertRefused(new TransferFile().header().transfer("000101", BOOKED, 11_000, "ﾔﾏﾀﾞ ﾀﾛｳ")
                        .trailer(1, 110_000, 0, 0).end().bytes(),
                "振込合計金額 110,000円 が、データ・レコードの合計 11,000円 と一致しません");
        assertRefused(new TransferFile().header().transfer("000101", BOOKED, 11_000, "ﾔﾏﾀﾞ ﾀﾛｳ", "", true)
                        .trailer(0, 0, 0, 0).end().bytes(),
                "取消合計件数 0件 が、データ・レコードの合計 1件 と一致しません");
    }

    @Test
    void refusesFieldsThatAreNotWhatTheFormatSays() {
        byte[] amount = twoTransfers().bytes();
        amount[200 + 20] = 'X';
        assertRefused(amount, "2件目のレコードの金額「0X00011000」が数字ではありません");
        byte[] date = twoTransfers().bytes();
        System.arraycopy("081340".getBytes(StandardCharsets.US_ASCII), 0, date, 200 + 7, 6);
        assertRefused(date, "2件目のレコードの勘定日「081340」が日付（和暦または西暦の年月日 YYMMDD）として読めません");
        byte[] cancellation = twoTransfers().bytes();
        cancellation[200 + 127] = '5';
        assertRefused(cancellation, "取消区分「5」が 0 でも 1 でもありません");
    }

    private void assertRefused(byte[] file, String message) {
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(TransferFileException.class)
                .hasMessageContaining(message);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] joined = new byte[length];
        int position = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, position, part.length);
            position += part.length;
        }
        return joined;
    }
}
