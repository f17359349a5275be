package org.certflow.billing.banktransfer;

import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;

/**
 * One 200-byte record of a transfer notice and its fields by byte position, as the format fixes them. Only the
 * characters the format allows reach here (half-width letters, digits, signs and katakana, one byte each), so a
 * byte position is a character position in Shift_JIS.
 */
final class FixedRecord {

    static final int LENGTH = 200;
    private static final Charset SHIFT_JIS = Charset.forName("Shift_JIS");
    /** A two-digit year read in the current era and as 20YY must land this close to today to be believed. */
    private static final int YEAR_SPAN = 10;

    private final byte[] bytes;
    private final int number;

    FixedRecord(byte[] bytes, int number) {
        this.bytes = bytes;
        this.number = number;
    }

    /** Its position in the file, counted from 1, for messages. */
    int number() {
        return number;
    }

    char type() {
        return (char) bytes[0];
    }

    /** A text field (C) without the padding spaces on its right. */
    String text(int offset, int length) {
        return new String(bytes, offset, length, SHIFT_JIS).stripTrailing();
    }

    /** A number field (N): digits only, zero-padded on the left. */
    long number(int offset, int length, String field) throws TransferFileException {
        String digits = text(offset, length);
        if (digits.length() != length || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw wrong(field + "「" + digits + "」が数字ではありません");
        }
        return Long.parseLong(digits);
    }

    /** A number field kept as its digits (codes and account numbers, whose zeros on the left count). */
    String digits(int offset, int length, String field) throws TransferFileException {
        number(offset, length, field);
        return text(offset, length);
    }

    /**
     * A date field, YYMMDD. The format writes the year in the Japanese era (和暦); some banks offer the Western year
     * instead. Read both ways, the two readings lie at least 18 years apart, so the one near today is the right one.
     */
    LocalDate date(int offset, String field, LocalDate today) throws TransferFileException {
        String digits = text(offset, 6);
        long value = number(offset, 6, field);
        int year = (int) (value / 10_000);
        int month = (int) (value / 100 % 100);
        int day = (int) (value % 100);
        LocalDate western = null;
        LocalDate japanese = null;
        try {
            western = LocalDate.of(2000 + year, month, day);
        } catch (DateTimeException notADate) {
            // read as the era year below
        }
        try {
            japanese = LocalDate.from(JapaneseDate.of(JapaneseDate.from(today).getEra(), year, month, day));
        } catch (DateTimeException notADate) {
            // read as the Western year above
        }
        for (LocalDate candidate : new LocalDate[] {japanese, western}) {
            if (candidate != null && Math.abs(candidate.getYear() - today.getYear()) <= YEAR_SPAN) {
                return candidate;
            }
        }
        throw wrong(field + "「" + digits + "」が日付（和暦または西暦の年月日 YYMMDD）として読めません");
    }

    TransferFileException wrong(String what) {
        return new TransferFileException(number + "件目のレコードの" + what + "。");
    }
}
