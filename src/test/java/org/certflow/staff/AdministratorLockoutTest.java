package org.certflow.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.property.AdminUserProperty;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Somebody who can reach a staff login and knows the administrator's id (the compose file's is "admin") sends ten
 * wrong passwords, waiting out each short lock: the engine then locks the user for good, and nobody is left to unlock
 * it in Admin. The next start unlocks the administrator that the settings name.
 */
@CertflowTest
class AdministratorLockoutTest {

    private static final String ADMIN = "settings-admin";
    private static final String PASSWORD = "Kanri-Sha-2026!";

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired ProcessDriver driver;

    @Test
    void tenWrongPasswordsDoNotLockOutTheSettingsAdministratorBeyondTheNextStart() throws Exception {
        User user = identityService.newUser(ADMIN);
        user.setFirstName("管理者");
        user.setLastName("設定");
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(ADMIN, StaffGroups.CAMUNDA_ADMIN);
        try {
            for (int attempt = 1; attempt <= 10; attempt++) {
                assertThat(profile("Wrong-Guess-" + attempt)).as("guess %d", attempt).isEqualTo(401);
                driver.travel(Duration.ofMinutes(2));
            }
            assertThat(profile(PASSWORD)).as("locked for good after ten failures").isEqualTo(401);

            CamundaBpmProperties settings = new CamundaBpmProperties();
            AdminUserProperty admin = new AdminUserProperty();
            admin.setId(ADMIN);
            admin.setPassword(PASSWORD);
            settings.setAdminUser(admin);
            new SettingsAdministrator(identityService, settings).ensureAdministrator();

            assertThat(profile(PASSWORD)).as("after the next start").isEqualTo(200);
        } finally {
            driver.resetClock();
            identityService.deleteUser(ADMIN);
        }
    }

    private int profile(String password) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((ADMIN + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/engine-rest/user/" + ADMIN + "/profile"))
                .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
