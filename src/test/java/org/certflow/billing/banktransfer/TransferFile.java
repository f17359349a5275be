package org.certflow.billing.banktransfer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a made-up bank transfer notice (全銀協 振込入金通知) byte for byte: 200-byte records in Shift_JIS, text
 * left-aligned and padded with spaces, numbers right-aligned and padded with zeros, dates as Reiwa YYMMDD, the trailer
 * totalling what was added since the header unless told otherwise.
 */
public final class TransferFile {

    public static final String BANK = "0143";
    public static final String BRANCH = "001";
    public static final String ACCOUNT = "1234567";
    private static final Charset SHIFT_JIS = Charset.forName("Shift_JIS");

    private final List<byte[]> records = new ArrayList<>();
    private long transfers;
    private long transferAmount;
    private long cancellations;
    private long cancelledAmount;

    /** A header record for the office's default account. */
    public TransferFile header() {
        return header(BANK, BRANCH, ACCOUNT, "01");
    }

    public TransferFile header(String bank, String branch, String account, String kind) {
        byte[] record = blank('1');
        text(record, 1, 2, kind);
        text(record, 3, 1, "0");
        date(record, 4, LocalDate.of(2026, 11, 25));
        date(record, 10, LocalDate.of(2026, 11, 24));
        date(record, 16, LocalDate.of(2026, 11, 24));
        text(record, 22, 4, bank);
        text(record, 26, 15, "ﾊﾁｼﾞﾕｳﾆ");
        text(record, 41, 3, branch);
        text(record, 44, 15, "ﾏﾂﾓﾄｴｲｷﾞﾖｳﾌﾞ");
        text(record, 59, 1, "1");
        text(record, 60, 7, account);
        text(record, 67, 40, "ﾏﾂﾓﾄｼﾖｳｺｳｶｲｷﾞｼﾖ");
        records.add(record);
        transfers = transferAmount = cancellations = cancelledAmount = 0;
        return this;
    }

    public TransferFile transfer(String inquiryNumber, LocalDate bookedOn, long amount, String remitterName) {
        return transfer(inquiryNumber, bookedOn, amount, remitterName, "", false);
    }

    public TransferFile transfer(String inquiryNumber, LocalDate bookedOn, long amount, String remitterName,
                                 String ediInfo, boolean cancellation) {
        byte[] record = blank('2');
        number(record, 1, 6, Long.parseLong(inquiryNumber));
        date(record, 7, bookedOn);
        date(record, 13, bookedOn);
        number(record, 19, 10, amount);
        number(record, 29, 10, 0);
        number(record, 39, 10, 0);
        text(record, 49, 48, remitterName);
        text(record, 97, 15, "ﾔﾁｼﾞﾕｳﾆ");
        text(record, 112, 15, "ｽﾜ");
        text(record, 127, 1, cancellation ? "1" : "0");
        text(record, 128, 20, ediInfo);
        records.add(record);
        if (cancellation) {
            cancellations++;
            cancelledAmount += amount;
        } else {
            transfers++;
            transferAmount += amount;
        }
        return this;
    }

    /** A trailer with the totals of the records since the header. */
    public TransferFile trailer() {
        return trailer(transfers, transferAmount, cancellations, cancelledAmount);
    }

    public TransferFile trailer(long count, long amount, long cancelCount, long cancelAmount) {
        byte[] record = blank('8');
        number(record, 1, 6, count);
        number(record, 7, 12, amount);
        number(record, 19, 6, cancelCount);
        number(record, 25, 12, cancelAmount);
        records.add(record);
        return this;
    }

    public TransferFile end() {
        records.add(blank('9'));
        return this;
    }

    /** A record as given, for records the format does not allow. */
    public TransferFile raw(byte[] record) {
        records.add(record);
        return this;
    }

    /** The records one after another, as some banks send them. */
    public byte[] bytes() {
        return join(new byte[0]);
    }

    /** Each record followed by CR LF, as other banks send them. */
    public byte[] withCrLf() {
        return join(new byte[] {'\r', '\n'});
    }

    /** A blank record of this type, 200 bytes of spaces after the type. */
    public static byte[] blank(char type) {
        byte[] record = new byte[200];
        Arrays.fill(record, (byte) ' ');
        record[0] = (byte) type;
        return record;
    }

    private byte[] join(byte[] separator) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (byte[] record : records) {
            file.writeBytes(record);
            file.writeBytes(separator);
        }
        return file.toByteArray();
    }

    private static void text(byte[] record, int offset, int length, String value) {
        byte[] encoded = value.getBytes(SHIFT_JIS);
        if (encoded.length > length) {
            throw new IllegalArgumentException(value + " is longer than " + length + " bytes");
        }
        System.arraycopy(encoded, 0, record, offset, encoded.length);
    }

    private static void number(byte[] record, int offset, int length, long value) {
        text(record, offset, length, String.format("%0" + length + "d", value));
    }

    private static void date(byte[] record, int offset, LocalDate date) {
        text(record, offset, 6, String.format("%02d%02d%02d", date.getYear() - 2018, date.getMonthValue(),
                date.getDayOfMonth()));
    }
}
