package org.certflow.service;

import java.time.Duration;
import java.time.Period;

/**
 * A setting's span as applicants read it (「1週間」「30日」「3か月」「15分」), so that a text states the period the
 * service enforces instead of a figure typed next to it.
 */
public final class JapaneseSpans {

    private JapaneseSpans() {
    }

    /** Whole weeks read as weeks (the seed's 「1週間」), everything else in years, months and days. */
    public static String of(Period period) {
        Period normalised = period.normalized();
        StringBuilder text = new StringBuilder();
        if (normalised.getYears() > 0) {
            text.append(normalised.getYears()).append("年");
        }
        if (normalised.getMonths() > 0) {
            text.append(normalised.getMonths()).append("か月");
        }
        int days = normalised.getDays();
        if (days > 0 && text.isEmpty() && days % 7 == 0) {
            text.append(days / 7).append("週間");
        } else if (days > 0) {
            text.append(days).append("日");
        }
        return text.toString();
    }

    /** Whole days as a {@link Period}; what is left below a day in hours and minutes. */
    public static String of(Duration duration) {
        StringBuilder text = new StringBuilder(of(Period.ofDays((int) duration.toDays())));
        if (duration.toHoursPart() > 0) {
            text.append(duration.toHoursPart()).append("時間");
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append("分");
        }
        if (text.isEmpty()) {
            text.append(Math.max(1, duration.toSecondsPart())).append("秒");
        }
        return text.toString();
    }
}
