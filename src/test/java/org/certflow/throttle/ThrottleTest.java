package org.certflow.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.throttle.Throttle.Limit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CertflowTest
class ThrottleTest {

    @Autowired
    Throttle throttle;
    @Autowired
    ProcessDriver driver;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void stopTheClock() {
        driver.travel(Duration.ZERO);
    }

    @AfterEach
    void resetClock() {
        driver.resetClock();
    }

    @Test
    void theHitThatReachesTheLimitLocksTheKeyUntilTheWindowEndsAndLockedHitsAreNotCounted() {
        String key = "test:" + UUID.randomUUID();
        Limit threePerHour = Limit.perWindow(3, Duration.ofHours(1));
        assertThat(throttle.hit(key, threePerHour).locked()).isFalse();
        driver.travel(Duration.ofMinutes(40));
        assertThat(throttle.hit(key, threePerHour).locked()).isFalse();
        Throttle.Outcome third = throttle.hit(key, threePerHour);
        assertThat(third.refused()).isFalse();
        assertThat(third.lockedUntil()).hasValue(driver.now().plus(Duration.ofMinutes(20)));
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.hit(key, threePerHour).refused()).isTrue();
        }

        driver.travel(Duration.ofMinutes(21));
        assertThat(throttle.lockedUntil(key)).isEmpty();
        assertThat(throttle.hit(key, threePerHour).refused()).as("a fresh window").isFalse();
        assertThat(throttle.hit(key, threePerHour).locked()).isFalse();
    }

    @Test
    void aFailureLockLastsItsOwnTimeAndHitsOutsideTheWindowStartAgain() {
        String key = "test:" + UUID.randomUUID();
        Limit twoFailures = new Limit(2, Duration.ofMinutes(10), Duration.ofMinutes(15));
        throttle.hit(key, twoFailures);
        driver.travel(Duration.ofMinutes(11));
        assertThat(throttle.hit(key, twoFailures).locked()).as("the first failure's window is over").isFalse();
        assertThat(throttle.hit(key, twoFailures).lockedUntil()).hasValue(driver.now().plus(Duration.ofMinutes(15)));
    }

    @Test
    void expiredCountsArePurged() {
        String key = "test:" + UUID.randomUUID();
        throttle.hit(key, Limit.perWindow(5, Duration.ofMinutes(1)));
        driver.travel(Duration.ofMinutes(2));
        throttle.purgeExpired();
        assertThat(jdbc.sql("select count(*) from throttle where throttle_key = :key").param("key", key)
                .query(Long.class).single()).isZero();
    }

    @Test
    void clientAddressesAreCountedPerIpv4AddressAndPerIpv6Network() {
        assertThat(ClientAddress.of("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.of("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.of("2001:db8:1:2::ffff"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.of("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
    }
}
