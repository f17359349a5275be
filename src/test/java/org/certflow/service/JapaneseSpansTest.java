package org.certflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;

import org.junit.jupiter.api.Test;

class JapaneseSpansTest {

    @Test
    void periodsReadAsApplicantsSayThem() {
        assertThat(JapaneseSpans.of(Period.ofDays(7))).isEqualTo("1週間");
        assertThat(JapaneseSpans.of(Period.ofDays(14))).isEqualTo("2週間");
        assertThat(JapaneseSpans.of(Period.ofDays(30))).isEqualTo("30日");
        assertThat(JapaneseSpans.of(Period.ofMonths(3))).isEqualTo("3か月");
        assertThat(JapaneseSpans.of(Period.ofMonths(14))).isEqualTo("1年2か月");
        assertThat(JapaneseSpans.of(Period.of(0, 1, 7))).as("weeks only alone").isEqualTo("1か月7日");
    }

    @Test
    void durationsAddHoursAndMinutes() {
        assertThat(JapaneseSpans.of(Duration.ofDays(7))).isEqualTo("1週間");
        assertThat(JapaneseSpans.of(Duration.ofDays(10))).isEqualTo("10日");
        assertThat(JapaneseSpans.of(Duration.ofMinutes(15))).isEqualTo("15分");
        assertThat(JapaneseSpans.of(Duration.ofHours(36))).isEqualTo("1日12時間");
        assertThat(JapaneseSpans.of(Duration.ofSeconds(30))).isEqualTo("30秒");
    }
}
