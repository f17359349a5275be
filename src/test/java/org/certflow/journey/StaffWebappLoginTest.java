package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
        TasklistBrowser browser = new TasklistBrowser();
        String base = "http://localhost:" + port;
        String password = staff.demoUsers().stream().filter(u -> u.id().equals("shinsa")).findFirst().orElseThrow().password();
        HttpResponse<String> login = browser.logIn(base, "shinsa", password);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).contains("\"userId\":\"shinsa\"").contains("tasklist");

        HttpResponse<String> filters = browser.http.send(HttpRequest.newBuilder(
                        URI.create(base + "/camunda/api/engine/engine/default/filter?resourceType=Task"))
                .header("X-XSRF-TOKEN", browser.csrfToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(filters.statusCode()).isEqualTo(200);
        assertThat(filters.body()).contains("審査待ち").doesNotContain("入金確認待ち");
    }
}
