package org.certflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.junit.jupiter.api.Test;

class DeadlinesTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final Deadlines deadlines = new Deadlines(new DeadlineProperties(Duration.ofDays(7), Duration.ofDays(14),
            Duration.ofDays(30), Duration.ofDays(10), Duration.ofDays(7), Duration.ofDays(3), Duration.ofDays(1),
            Duration.ofHours(4), Period.ofDays(15), Period.ofDays(30),
            Period.ofDays(30), Period.ofMonths(3), Period.ofMonths(1), LocalTime.of(9, 0), TOKYO, Duration.ofDays(14),
            Duration.ofDays(3)));

    @Test
    void pickupRemindersGoOutAtNineInJapanOnDaysFifteenAndThirty() {
        Date issued = tokyo(2026, 12, 1, 23, 45);
        assertThat(deadlines.pickupFirstReminder(issued)).isEqualTo(tokyo(2026, 12, 16, 9, 0));
        assertThat(deadlines.pickupSecondReminder(issued)).isEqualTo(tokyo(2026, 12, 31, 9, 0));
    }

    @Test
    void pickupWindowClosesAtMidnightAfterItsThirtiethDay() {
        Date issued = tokyo(2026, 12, 1, 8, 0);
        assertThat(deadlines.pickupWindowClosed(issued)).isEqualTo(tokyo(2027, 1, 1, 0, 0));
    }

    @Test
    void issuanceAfterMidnightInJapanCountsFromTheJapaneseDay() {
        // 2026-12-01T16:00Z is already 2 December in Tokyo
        Date issued = Date.from(ZonedDateTime.of(2026, 12, 1, 16, 0, 0, 0, ZoneId.of("UTC")).toInstant());
        assertThat(deadlines.pickupFirstReminder(issued)).isEqualTo(tokyo(2026, 12, 17, 9, 0));
    }

    @Test
    void expiryNoticesCountBackFromTheCertificatesLastDay() {
        Date notAfter = tokyo(2027, 12, 1, 15, 30);
        assertThat(deadlines.expiryFirstNotice(notAfter)).isEqualTo(tokyo(2027, 9, 1, 9, 0));
        assertThat(deadlines.expirySecondNotice(notAfter)).isEqualTo(tokyo(2027, 11, 1, 9, 0));
        assertThat(deadlines.expiryDayNotice(notAfter)).isEqualTo(tokyo(2027, 12, 1, 9, 0));
    }

    @Test
    void aCertificateExpiringBeforeTheNoticeTimeIsToldAtTheStartOfItsLastDay() {
        Date notAfter = tokyo(2027, 12, 1, 2, 30);
        assertThat(deadlines.expiryDayNotice(notAfter)).isEqualTo(tokyo(2027, 12, 1, 0, 0));
    }

    @Test
    void durationsReachTheModelInIso8601() {
        assertThat(Duration.parse(deadlines.oneTimeLink())).isEqualTo(Duration.ofDays(7));
        assertThat(Duration.parse(deadlines.paymentDeadline())).isEqualTo(Duration.ofDays(30));
    }

    private static Date tokyo(int year, int month, int day, int hour, int minute) {
        return Date.from(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, TOKYO).toInstant());
    }
}
