package org.certflow.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.certflow.support.CertflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The first visitor of a certflow without administrators (no demo users and none named by the settings, so the
 * camunda-admin group is empty) tries Camunda's set-up page, which makes whoever calls it an administrator while
 * that group has no member.
 */
@CertflowTest
class AdminSetupClosedTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;

    @Test
    void theSetUpPageMakesNobodyAnAdministrator() throws Exception {
        List<String> administrators = identityService.createUserQuery().memberOfGroup(StaffGroups.CAMUNDA_ADMIN)
                .list().stream().map(User::getId).toList();
        administrators.forEach(id -> identityService.deleteMembership(id, StaffGroups.CAMUNDA_ADMIN));
        try {
            // as Admin's set-up page does it: Camunda's CSRF token from the cookie of a first page, sent as a header
            CookieManager cookies = new CookieManager();
            HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
            browser.send(HttpRequest.newBuilder(url("/camunda/app/admin/default/setup/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue)
                    .findFirst().orElseThrow();

            HttpResponse<String> withToken = browser.send(createAdministrator("/camunda/api/admin/setup/")
                    .header("X-XSRF-TOKEN", token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(403);

            HttpResponse<String> withoutToken = HttpClient.newHttpClient().send(
                    createAdministrator("/camunda/api/admin/setup/").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withoutToken.statusCode()).as(withoutToken.body()).isEqualTo(403);

            HttpResponse<String> encodedSlash = browser.send(createAdministrator("/camunda/api/admin%2Fsetup/")
                    .header("X-XSRF-TOKEN", token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(encodedSlash.statusCode()).as(encodedSlash.body()).isBetween(400, 499);

            assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
            assertThat(identityService.createUserQuery().memberOfGroup(StaffGroups.CAMUNDA_ADMIN).count()).isZero();
        } finally {
            administrators.forEach(id -> identityService.createMembership(id, StaffGroups.CAMUNDA_ADMIN));
        }
    }

    private HttpRequest.Builder createAdministrator(String setupPath) {
        return HttpRequest.newBuilder(url(setupPath + "default/user/create"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"profile\": {\"id\": \"intruder\", \"firstName\": \"I\","
                        + " \"lastName\": \"Intruder\"}, \"credentials\": {\"password\": \"Kq7-mZp2!xWe\"}}"));
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
