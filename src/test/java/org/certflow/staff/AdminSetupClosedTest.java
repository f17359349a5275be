package org.certflow.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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

    /**
     * The same request written by hand, with the path spelt as servlet containers, path matchers and JAX-RS may each
     * read differently: doubled and trailing slashes, other case, path parameters, percent-encoded letters, dots
     * and slashes. None may reach Camunda's set-up resource past the rule that closes it.
     */
    @Test
    void noSpellingOfTheSetUpPathMakesAnAdministrator() throws Exception {
        List<String> administrators = identityService.createUserQuery().memberOfGroup(StaffGroups.CAMUNDA_ADMIN)
                .list().stream().map(User::getId).toList();
        administrators.forEach(id -> identityService.deleteMembership(id, StaffGroups.CAMUNDA_ADMIN));
        List<String> opened = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        try {
            CookieManager cookies = new CookieManager();
            HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
            browser.send(HttpRequest.newBuilder(url("/camunda/app/admin/default/setup/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookieHeader = cookies.getCookieStore().getCookies().stream()
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue()).collect(Collectors.joining("; "));
            String token = cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue)
                    .findFirst().orElseThrow();
            List<String> spellings = List.of(
                    "/camunda/api/admin/setup/default/user/create/",
                    "//camunda/api/admin/setup/default/user/create",
                    "/camunda//api/admin/setup/default/user/create",
                    "/camunda/api/admin//setup/default/user/create",
                    "/camunda/api/admin/setup//default/user/create",
                    "/camunda/api/admin/SETUP/default/user/create",
                    "/camunda/api/admin/Setup/default/user/create",
                    "/Camunda/api/admin/setup/default/user/create",
                    "/camunda/API/admin/setup/default/user/create",
                    "/camunda/api/admin/setup;jsessionid=x/default/user/create",
                    "/camunda/api/admin;x=y/setup/default/user/create",
                    "/camunda;x=y/api/admin/setup/default/user/create",
                    "/camunda/api/admin/setup/default;x=y/user/create",
                    "/camunda/api/admin/setup/default/user/create;jsessionid=x",
                    "/camunda/api/admin/%73etup/default/user/create",
                    "/camunda/api/admin/%53ETUP/default/user/create",
                    "/camunda/%61pi/admin/setup/default/user/create",
                    "/camunda/api/admin/setup%2Fdefault/user/create",
                    "/camunda/api/admin/setup%2fdefault/user/create",
                    "/camunda/api/admin/setup%252Fdefault/user/create",
                    "/camunda/api/admin%2Fsetup/default/user/create",
                    "/camunda/api/admin/./setup/default/user/create",
                    "/camunda/api/admin/x/../setup/default/user/create",
                    "/camunda/api/admin/%2e/setup/default/user/create",
                    "/camunda/api/admin/x/%2e%2e/setup/default/user/create",
                    "/camunda/api/admin/setup/./default/user/create",
                    "/camunda/api/admin/setup/default/./user/create",
                    "/camunda/api/admin\\setup/default/user/create",
                    "/camunda/api/admin/setup%5Cdefault/user/create",
                    "/camunda/api/admin/setup/default/user/create?x=1",
                    "/camunda/api/admin/setup/default/user/create%3Fx=1",
                    "/camunda/api/admin/setup/default/user/create%00",
                    "/camunda/api/admin/setup/default/user/create%20",
                    "/camunda/api/admin/setup%20/default/user/create",
                    "http://localhost/camunda/api/admin/setup/default/user/create");
            for (int i = 0; i < spellings.size(); i++) {
                String spelling = spellings.get(i);
                String intruder = "intruder" + i;
                int status = rawPost(spelling, cookieHeader, token, intruder);
                if (identityService.createUserQuery().userId(intruder).count() > 0) {
                    opened.add(spelling + " (" + status + ")");
                    identityService.deleteUser(intruder);
                } else if (status < 400) {
                    answered.add(spelling + " (" + status + ")");
                }
            }
            assertThat(opened).as("spellings that made an administrator").isEmpty();
            assertThat(answered).as("spellings answered without an error").isEmpty();
            assertThat(identityService.createUserQuery().memberOfGroup(StaffGroups.CAMUNDA_ADMIN).count()).isZero();
        } finally {
            administrators.forEach(id -> identityService.createMembership(id, StaffGroups.CAMUNDA_ADMIN));
        }
    }

    /** HTTP/1.1 on a socket: Java's HTTP client would refuse or normalise some of these paths. */
    private int rawPost(String path, String cookieHeader, String token, String userId) throws IOException {
        byte[] body = ("{\"profile\": {\"id\": \"" + userId + "\", \"firstName\": \"I\", \"lastName\": \"Intruder\"},"
                + " \"credentials\": {\"password\": \"Kq7-mZp2!xWe\"}}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Cookie: " + cookieHeader + "\r\nX-XSRF-TOKEN: " + token + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
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
