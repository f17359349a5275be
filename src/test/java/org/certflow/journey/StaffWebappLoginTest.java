package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.certflow.staff.StaffSetup;
import org.certflow.support.CertflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Staff log into Tasklist the way its login page does: Camunda's own CSRF token from a cookie, sent back as a
 * header. The portal's security must leave these requests to Camunda.
 */
@CertflowTest
class StaffWebappLoginTest {

    @LocalServerPort
    int port;
    @Autowired
    StaffSetup staff;

    @Test
    void reviewerLogsIntoTasklistAndSeesTheirFilter() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://localhost:" + port;

        HttpResponse<String> app = browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(app.statusCode()).isEqualTo(200);
        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue)
                .findFirst().orElseThrow();

        String password = staff.demoUsers().stream().filter(u -> u.id().equals("shinsa")).findFirst().orElseThrow().password();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
                        URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=shinsa&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).contains("\"userId\":\"shinsa\"").contains("tasklist");

        HttpResponse<String> filters = browser.send(HttpRequest.newBuilder(
                        URI.create(base + "/camunda/api/engine/engine/default/filter?resourceType=Task"))
                .header("X-XSRF-TOKEN", csrf).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(filters.statusCode()).isEqualTo(200);
        assertThat(filters.body()).contains("審査待ち").doesNotContain("入金確認待ち");
    }
}
