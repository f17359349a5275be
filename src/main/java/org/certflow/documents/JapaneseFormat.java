package org.certflow.documents;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats dates and amounts the way Japanese business documents print them. */
final class JapaneseFormat {

    /** How many characters of the pickup password the letter prints together. */
    static final int PASSWORD_GROUP = 4;

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
     * The password in groups of {@link #PASSWORD_GROUP} for display, separated by a space: {@code ABCD EFGH IJ}.
     * Grouping is only for the reader; the password itself is unchanged.
     */
    static String[] passwordGroups(String password) {
        int[] cps = password.codePoints().toArray();
        int groups = (cps.length + PASSWORD_GROUP - 1) / PASSWORD_GROUP;
        String[] result = new String[groups];
        for (int g = 0; g < groups; g++) {
            int from = g * PASSWORD_GROUP;
            int to = Math.min(from + PASSWORD_GROUP, cps.length);
            result[g] = new String(cps, from, to - from);
        }
        return result;
    }
}
