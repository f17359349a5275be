package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.application.Qualification;
import org.certflow.support.CertflowTest;
import org.certflow.support.LoopbackBrowser;
import org.certflow.support.LoopbackBrowser.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A stranger who knows an order number guesses passwords at the pickup login, from a machine of their own
 * (a loopback address of its own), while the applicant with the letter logs in from another.
 */
@CertflowTest
class PickupGuessingTest {

    private static final String PASSWORD = "ABCD2345EFGH6789";
    private static final String REFUSED = "受付番号またはパスワードが正しくありません";
    private static final String LOCKED = "しばらくログインできません";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationRepository applications;
    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void aStrangerWhoKeepsGuessingIsLockedOutButTheApplicantLogsIn() {
        String orderNumber = awaitingPickup().orderNumber();
        LoopbackBrowser stranger = new LoopbackBrowser("127.0.0.51", port);
        stranger.get("/pickup");
        for (int i = 1; i <= 4; i++) {
            assertThat(logIn(stranger, orderNumber, "WRONGPASSWORD000" + i).body()).contains(REFUSED);
        }
        for (int i = 5; i <= 12; i++) {
            Response guess = logIn(stranger, orderNumber, "WRONGPASSWORD00" + i);
            assertThat(guess.status()).isEqualTo(200);
            assertThat(guess.body()).as("guess %d", i).contains(LOCKED).contains("15分後に再度お試しください");
        }
        assertThat(logIn(stranger, orderNumber, PASSWORD).body()).as("the stranger cannot try even a right guess")
                .contains(LOCKED);

        LoopbackBrowser applicant = new LoopbackBrowser("127.0.0.52", port);
        applicant.get("/pickup");
        Response loggedIn = logIn(applicant, orderNumber, PASSWORD);
        assertThat(loggedIn.status()).isEqualTo(302);
        assertThat(loggedIn.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/pickup/pin"));
    }

    @Test
    void twentyFirstFailuresAtOnceOnAFreshOrderAllGetTheFailureOrTheLockPage() throws Exception {
        String orderNumber = awaitingPickup().orderNumber();
        List<LoopbackBrowser> browsers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            LoopbackBrowser browser = new LoopbackBrowser("127.0.0.61", port);
            browser.get("/pickup");
            browsers.add(browser);
        }
        CyclicBarrier together = new CyclicBarrier(browsers.size());
        ExecutorService pool = Executors.newFixedThreadPool(browsers.size());
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (LoopbackBrowser browser : browsers) {
                answers.add(pool.submit(() -> {
                    together.await();
                    return logIn(browser, orderNumber, "WRONGPASSWORD000");
                }));
            }
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).containsAnyOf(REFUSED, LOCKED);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Response logIn(LoopbackBrowser browser, String orderNumber, String password) {
        return browser.post("/pickup", Map.of("orderNumber", orderNumber, "password", password));
    }

    private Application awaitingPickup() {
        Application application = applications.createProvisional("guessing-" + UUID.randomUUID() + "@example.jp",
                Qualification.FIRST_CLASS_ARCHITECT, "test", Instant.now());
        applications.recordSubmission(application.id(), passwordEncoder.encode(PASSWORD), Instant.now());
        applications.recordApproval(application.id(), Instant.now());
        applications.updateStatus(application.id(), ApplicationStatus.AWAITING_PICKUP, Instant.now());
        return application;
    }
}
