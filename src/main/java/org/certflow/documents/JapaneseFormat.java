package org.certflow.documents;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats dates and amounts the way Japanese business documents print them. */
final class JapaneseFormat {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPAN);

    private JapaneseFormat() {
    }

    /** {@code 2026年11月24日}. */
    static String date(LocalDate date) {
        return date == null ? null : DATE.format(date);
    }

    /** {@code ¥12,345} (the yen sign U+00A5, as in Japanese invoices). */
    static String yen(long amount) {
        NumberFormat grouping = NumberFormat.getIntegerInstance(Locale.JAPAN);
        grouping.setGroupingUsed(true);
        return (amount < 0 ? "-¥" : "¥") + grouping.format(Math.abs(amount));
    }

    /**
     * The password in groups of four for display, separated by a space: {@code ABCD EFGH IJ}.
     * Grouping is only for the reader; the password itself is unchanged.
     */
    static String[] groupsOfFour(String password) {
        int[] cps = password.codePoints().toArray();
        int groups = (cps.length + 3) / 4;
        String[] result = new String[groups];
        for (int g = 0; g < groups; g++) {
            int from = g * 4;
            int to = Math.min(from + 4, cps.length);
            result[g] = new String(cps, from, to - from);
        }
        return result;
    }
}
