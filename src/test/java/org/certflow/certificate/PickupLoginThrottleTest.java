package org.certflow.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.Qualification;
import org.certflow.certificate.CertificatePickup.LoginOutcome;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

@CertflowTest
class PickupLoginThrottleTest {

    private static final String PASSWORD = "ABCD2345EFGH6789";

    @Autowired
    CertificatePickup pickup;
    @Autowired
    ApplicationRepository applications;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    ProcessDriver driver;
    @Autowired
    LoginThrottle throttle;

    @AfterEach
    void resetClock() {
        driver.resetClock();
    }

    @Test
    void fiveWrongPasswordsLockTheClientThatSentThemOutOfTheOrderForFifteenMinutesButNotOtherClients() {
        Application application = submitted("throttle.order@example.jp");
        for (int i = 1; i <= 4; i++) {
            assertThat(pickup.logIn(application.orderNumber(), "WRONG" + i, "192.0.2.5").outcome())
                    .isEqualTo(LoginOutcome.REFUSED);
        }
        assertThat(pickup.logIn(application.orderNumber(), "WRONG5", "192.0.2.5").outcome()).isEqualTo(LoginOutcome.LOCKED);
        assertThat(pickup.logIn(application.orderNumber(), PASSWORD, "192.0.2.5").outcome())
                .as("the right password from the guessing client is locked out too").isEqualTo(LoginOutcome.LOCKED);
        assertThat(pickup.logIn(application.orderNumber(), PASSWORD, "192.0.2.6").outcome())
                .as("not yet issued, but the password from another client is accepted")
                .isEqualTo(LoginOutcome.NOT_AVAILABLE);

        driver.travel(Duration.ofMinutes(16));
        assertThat(pickup.logIn(application.orderNumber(), PASSWORD, "192.0.2.5").outcome())
                .isEqualTo(LoginOutcome.NOT_AVAILABLE);
    }

    @Test
    void oneIpv6NetworkCountsAsOneClientWhicheverOfItsAddressesGuesses() {
        Application application = submitted("throttle.ipv6@example.jp");
        for (int i = 1; i <= 4; i++) {
            assertThat(pickup.logIn(application.orderNumber(), "WRONG" + i, "2001:db8:1:2::" + i).outcome())
                    .isEqualTo(LoginOutcome.REFUSED);
        }
        assertThat(pickup.logIn(application.orderNumber(), "WRONG5", "2001:db8:1:2:ffff::5").outcome())
                .isEqualTo(LoginOutcome.LOCKED);
        assertThat(pickup.logIn(application.orderNumber(), PASSWORD, "2001:db8:1:3::1").outcome())
                .as("another /64").isEqualTo(LoginOutcome.NOT_AVAILABLE);
    }

    @Test
    void oneAddressGuessingAcrossOrderNumbersIsLockedAfterTenFailures() {
        Application application = submitted("throttle.client@example.jp");
        for (int i = 0; i < 9; i++) {
            assertThat(pickup.logIn("PBJ9999000" + i, PASSWORD, "198.51.100.7").outcome()).isEqualTo(LoginOutcome.REFUSED);
        }
        assertThat(pickup.logIn("PBJ99990009", PASSWORD, "198.51.100.7").outcome()).isEqualTo(LoginOutcome.LOCKED);
        assertThat(pickup.logIn(application.orderNumber(), PASSWORD, "198.51.100.7").outcome()).isEqualTo(LoginOutcome.LOCKED);
        assertThat(pickup.logIn(application.orderNumber(), PASSWORD, "198.51.100.8").outcome())
                .isEqualTo(LoginOutcome.NOT_AVAILABLE);
    }

    /**
     * Ten thousand wrong passwords for one order number in a day, each from an address of its own (Tor exits, a
     * botnet, the /64 networks of one IPv6 subscriber's /56): counted as the login counts them, without the bcrypt
     * hash each would cost over HTTP. The applicant still logs in.
     */
    @Test
    void guessesFromManyAddressesDoNotLockTheApplicantOut() {
        Application application = submitted("throttle.many@example.jp");
        for (int i = 0; i < 10_000; i++) {
            throttle.recordFailure(application.orderNumber(), true, "10.0." + (i >> 8) + "." + (i & 0xff));
        }
        assertThat(pickup.logIn(application.orderNumber(), PASSWORD, "192.0.2.200").outcome())
                .isEqualTo(LoginOutcome.NOT_AVAILABLE);
    }

    @Test
    void anUnknownOrderNumberAndAWrongPasswordGetTheSameAnswer() {
        Application application = submitted("throttle.same@example.jp");
        assertThat(pickup.logIn("PBJ00000000", PASSWORD, "203.0.113.1").outcome())
                .isEqualTo(pickup.logIn(application.orderNumber(), "WRONGPASSWORD", "203.0.113.2").outcome())
                .isEqualTo(LoginOutcome.REFUSED);
    }

    private Application submitted(String email) {
        Application application = applications.createProvisional(email, Qualification.FIRST_CLASS_ARCHITECT, "test", Instant.now());
        applications.recordSubmission(application.id(), passwordEncoder.encode(PASSWORD), Instant.now());
        return application;
    }
}
