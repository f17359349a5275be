package org.certflow.billing.banktransfer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the bank's transfer notice (全銀協 振込入金通知): fixed-length records of 200 bytes in Shift_JIS, with or
 * without CR LF after each: a header record (1) for an account, its data records (2), a trailer (8) with the
 * totals, more such groups, and the end record (9). The whole file is checked before anything is taken from it:
 * a file cut off, of another kind or another encoding, or whose totals disagree with its records is refused with
 * a message that names the record, and none of its transfers counts.
 */
public final class TransferFileReader {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    /** DOS tools still end a text file with Ctrl-Z. */
    private static final byte EOF_MARK = 0x1A;
    private static final String TRANSFER_NOTICE = "01";
    private static final String JIS = "0";

    private final LocalDate today;

    /** @param today the office's date, which places the file's two-digit years */
    public TransferFileReader(LocalDate today) {
        this.today = today;
    }

    public List<Transfer> read(byte[] file) throws TransferFileException {
        List<FixedRecord> records = records(file);
        if (records.isEmpty()) {
            throw new TransferFileException("ファイルが空です。銀行からダウンロードした振込入金通知のファイルを選んでください。");
        }
        List<Transfer> transfers = new ArrayList<>();
        int next = 0;
        while (true) {
            FixedRecord header = records.get(next++);
            requireType(header, '1', "ヘッダー・レコード");
            Account account = account(header);
            Totals counted = new Totals();
            while (next < records.size() && records.get(next).type() == '2') {
                Transfer transfer = transfer(records.get(next++), account);
                counted.add(transfer);
                transfers.add(transfer);
            }
            if (next == records.size()) {
                throw new TransferFileException("トレーラ・レコード（データ区分 8）がありません。ファイルが途中で切れていないか確認してください。");
            }
            FixedRecord trailer = records.get(next++);
            requireType(trailer, '8', "トレーラ・レコード");
            checkTotals(trailer, counted);
            if (next == records.size()) {
                throw new TransferFileException("エンド・レコード（データ区分 9）がありません。ファイルが途中で切れていないか確認してください。");
            }
            if (records.get(next).type() == '9') {
                if (next + 1 < records.size()) {
                    throw records.get(next + 1).wrong("前にエンド・レコードがあります。ファイルの終わりにはエンド・レコードだけが来ます");
                }
                return transfers;
            }
        }
    }

    /** Cuts the file into records, each exactly 200 bytes of the characters the format allows. */
    private static List<FixedRecord> records(byte[] file) throws TransferFileException {
        List<FixedRecord> records = new ArrayList<>();
        Boolean separated = null;
        int position = 0;
        while (position < file.length && !(position == file.length - 1 && file[position] == EOF_MARK)) {
            int number = records.size() + 1;
            int end = Math.min(position + FixedRecord.LENGTH, file.length);
            for (int i = position; i < end; i++) {
                if (file[i] == CR || file[i] == LF) {
                    throw lengthError(number, i - position);
                }
                if (!allowed(file[i])) {
                    throw new TransferFileException(String.format("%d件目のレコードの%dバイト目に、振込入金通知で使えない文字"
                            + "（0x%02X）があります。Shift_JIS の半角英数カナで書かれたファイルではありません（UTF-8 に変換した"
                            + "ファイルや全角文字を含むファイルは読めません）。", number, i - position + 1, file[i] & 0xFF));
                }
            }
            if (end - position < FixedRecord.LENGTH) {
                throw lengthError(number, end - position);
            }
            records.add(new FixedRecord(Arrays.copyOfRange(file, position, end), number));
            position = end;
            int separator = separatorAt(file, position);
            if (separated == null) {
                separated = separator > 0;
            } else if (separated && separator == 0 && position < file.length && file[position] != EOF_MARK) {
                throw lengthError(number, FixedRecord.LENGTH + 1);
            }
            position += separator;
        }
        return records;
    }

    private static int separatorAt(byte[] file, int position) {
        if (position < file.length && file[position] == LF) {
            return 1;
        }
        if (position + 1 < file.length && file[position] == CR && file[position + 1] == LF) {
            return 2;
        }
        return 0;
    }

    private static TransferFileException lengthError(int number, int length) {
        return new TransferFileException(number + "件目のレコードの長さが200バイトではありません（"
                + (length > FixedRecord.LENGTH ? "200バイトを超えています" : length + "バイト")
                + "）。振込入金通知（全銀協フォーマット、1レコード200バイト）のファイルか確認してください。");
    }

    /** Half-width letters, digits and signs, and half-width katakana: one byte each in Shift_JIS. */
    private static boolean allowed(byte b) {
        int value = b & 0xFF;
        return value >= 0x20 && value <= 0x7E || value >= 0xA1 && value <= 0xDF;
    }

    private static void requireType(FixedRecord record, char type, String name) throws TransferFileException {
        if (record.type() != type) {
            String found = switch (record.type()) {
                case '1' -> "ヘッダー・レコード";
                case '2' -> "データ・レコード";
                case '8' -> "トレーラ・レコード";
                case '9' -> "エンド・レコード";
                default -> "データ区分「" + record.type() + "」（振込入金通知にない区分）";
            };
            throw record.wrong("位置には" + name + "（データ区分 " + type + "）が来るはずですが、" + found + "があります");
        }
    }

    private record Account(String bankCode, String branchCode, String accountNumber) {
    }

    private static Account account(FixedRecord header) throws TransferFileException {
        String kind = header.text(1, 2);
        if (!TRANSFER_NOTICE.equals(kind)) {
            throw header.wrong("種別コードが「" + kind + "」です。振込入金通知（種別コード 01）のファイルを選んでください"
                    + "（入出金取引明細は 03 です）");
        }
        if (!JIS.equals(header.text(3, 1))) {
            throw header.wrong("コード区分が JIS（0）ではありません。EBCDIC のファイルは読めません");
        }
        return new Account(header.digits(22, 4, "銀行コード"), header.digits(41, 3, "支店コード"),
                header.digits(60, 7, "口座番号"));
    }

    private Transfer transfer(FixedRecord data, Account account) throws TransferFileException {
        String inquiryNumber = data.digits(1, 6, "照会番号");
        LocalDate bookedOn = data.date(7, "勘定日", today);
        long amount = data.number(19, 10, "金額");
        String cancellation = data.text(127, 1);
        if (!cancellation.isEmpty() && !"0".equals(cancellation) && !"1".equals(cancellation)) {
            throw data.wrong("取消区分「" + cancellation + "」が 0 でも 1 でもありません");
        }
        return new Transfer(account.bankCode(), account.branchCode(), account.accountNumber(), inquiryNumber,
                bookedOn, amount, data.text(39, 10), data.text(49, 48), data.text(97, 15), data.text(112, 15),
                "1".equals(cancellation), data.text(128, 20));
    }

    /** What the data records of one group add up to. */
    private static final class Totals {
        long transfers;
        long transferAmount;
        long cancellations;
        long cancelledAmount;

        void add(Transfer transfer) {
            if (transfer.cancellation()) {
                cancellations++;
                cancelledAmount += transfer.amount();
            } else {
                transfers++;
                transferAmount += transfer.amount();
            }
        }
    }

    private static void checkTotals(FixedRecord trailer, Totals counted) throws TransferFileException {
        compare(trailer, "振込合計件数", trailer.number(1, 6, "振込合計件数"), counted.transfers, "件");
        compare(trailer, "振込合計金額", trailer.number(7, 12, "振込合計金額"), counted.transferAmount, "円");
        compare(trailer, "取消合計件数", trailer.number(19, 6, "取消合計件数"), counted.cancellations, "件");
        compare(trailer, "取消合計金額", trailer.number(25, 12, "取消合計金額"), counted.cancelledAmount, "円");
    }

    private static void compare(FixedRecord trailer, String field, long stated, long counted, String unit)
            throws TransferFileException {
        if (stated != counted) {
            throw trailer.wrong(String.format("%s %,d%s が、データ・レコードの合計 %,d%s と一致しません。ファイルが途中で"
                    + "切れていないか、書き換えられていないか確認してください", field, stated, unit, counted, unit));
        }
    }
}
