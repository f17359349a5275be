package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.regex.Matcher;

import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.staff.StaffSetup;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.SecondNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.icegreen.greenmail.util.GreenMail;

/**
 * A load balancer without sticky sessions: every request of an applicant or a staff member may reach another node.
 * The second node is a JVM of its own on the same database; the session lives in the database, encrypted, so the
 * applicant's way through the main application and the staff's Tasklist login go on wherever they land.
 */
@CertflowTest
class SessionFailoverIT {

    private static final String SERVICE = "MCCI電子証明書サービス";
    private static SecondNode nodeB;

    @LocalServerPort
    int nodeA;
    @Autowired
    GreenMail greenMail;
    @Autowired
    ProcessDriver driver;
    @Autowired
    ApplicationRepository applications;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffSetup staff;

    @BeforeAll
    static void startSecondNode(@Autowired Environment environment, @Autowired GreenMail greenMail) throws Exception {
        nodeB = SecondNode.start(environment, greenMail.getSmtp().getPort());
    }

    @AfterAll
    static void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void applicantsSessionGoesOnWhicheverNodeAnswers() throws Exception {
        String email = "hanako.failover@example.jp";
        PortalClient browser = new PortalClient(nodeA);
        browser.get("/");
        browser.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true", "email", email, "emailConfirmation", email,
                "qualification", "FIRST_CLASS_ARCHITECT"));
        driver.runDueJobs();
        String link = ReceivedMails.firstLink(ReceivedMails.withSubject(greenMail, email,
                SERVICE + " 建築士免許証画像アップロードURL")).replace("http://localhost", "");

        assertThat(browser.switchTo(nodeB.port()).get(link).statusCode()).isEqualTo(200);
        HttpResponse<String> login = browser.switchTo(nodeA).post(link, Map.of());
        assertThat(login.headers().firstValue("Location")).as("node A takes the CSRF token of node B's page")
                .hasValueSatisfying(location -> assertThat(location).endsWith("/application"));

        assertThat(browser.switchTo(nodeB.port()).get("/application").body()).contains("本申込");
        HttpResponse<String> saved = browser.postMultipart("/application", details(), "licenceImage", "licence.png",
                "image/png", CertificateJourneyTest.png());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(browser.switchTo(nodeA).get("/application/confirm").body()).contains("BN-Suzuki.Hanako")
                .containsPattern("id=\"submit-application\"[^>]*disabled");

        HttpResponse<byte[]> letter = browser.switchTo(nodeB.port()).getBytes("/application/distribution-letter.pdf");
        assertThat(letter.statusCode()).isEqualTo(200);
        Matcher printed = CertificateJourneyTest.PASSWORD_ON_LETTER.matcher(CertificateJourneyTest.pdfText(letter.body()));
        assertThat(printed.find()).as("password printed on the letter").isTrue();
        String password = printed.group().replace(" ", "");
        List<byte[]> stored = jdbc.sql("select attribute_bytes from spring_session_attributes")
                .query(byte[].class).list();
        assertThat(stored).as("the session is in the database").isNotEmpty();
        assertThat(stored).as("the pickup password is nowhere in the session table in clear")
                .noneMatch(bytes -> new String(bytes, StandardCharsets.ISO_8859_1).contains(password));

        browser.switchTo(nodeA);
        assertThat(browser.get("/application/confirm").body())
                .doesNotContainPattern("id=\"submit-application\"[^>]*disabled");
        assertThat(browser.post("/application/submit", Map.of()).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/application/submitted"));
        long id = jdbc.sql("select id from application where email = :email").param("email", email)
                .query(Long.class).single();
        assertThat(applications.find(id).orElseThrow().status()).isEqualTo(ApplicationStatus.AWAITING_PAYMENT);
        assertThat(passwords.matches(password, applications.pickupPasswordHash(id).orElseThrow()))
                .as("the password of the letter made on node B is the one node A stored").isTrue();
    }

    @Test
    void staffLoginOnOneNodeHoldsOnTheOtherUntilLogout() throws Exception {
        TasklistBrowser tasklist = new TasklistBrowser();
        HttpClient browser = tasklist.http;
        String password = staff.demoUsers().stream().filter(u -> u.id().equals("shinsa")).findFirst().orElseThrow()
                .password();
        HttpResponse<String> login = tasklist.logIn("http://localhost:" + nodeA, "shinsa", password);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

        // Tasklist's first requests after the login go out at once, here to both nodes: they agree on one CSRF token
        List<CompletableFuture<HttpResponse<String>>> parallel = IntStream.range(0, 8)
                .mapToObj(i -> browser.sendAsync(filters(i % 2 == 0 ? nodeA : nodeB.port()),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<HttpResponse<String>> answers = parallel.stream().map(CompletableFuture::join).toList();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
        assertThat(answers.stream().flatMap(answer -> answer.headers().allValues("X-XSRF-TOKEN").stream())
                .distinct()).as("one token for the session, whichever node made it").hasSizeLessThanOrEqualTo(1);

        HttpResponse<String> filtersOnB = browser.send(filters(nodeB.port()), HttpResponse.BodyHandlers.ofString());
        assertThat(filtersOnB.statusCode()).as(filtersOnB.body()).isEqualTo(200);
        assertThat(filtersOnB.body()).contains("審査待ち").doesNotContain("入金確認待ち");

        String sessionId = new String(Base64.getDecoder().decode(tasklist.cookie("SESSION")), StandardCharsets.UTF_8);
        assertThat(jdbc.sql("select count(*) from spring_session where session_id = :id").param("id", sessionId)
                .query(Long.class).single()).isEqualTo(1);
        HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + nodeB.port() + "/camunda/api/admin/auth/user/default/logout"))
                .header("X-XSRF-TOKEN", tasklist.csrfToken()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).as(logout.body()).isLessThan(300);
        HttpResponse<String> filtersOnA = browser.send(filters(nodeA), HttpResponse.BodyHandlers.ofString());
        assertThat(filtersOnA.statusCode()).as("logged out on node B means logged out on node A too")
                .isIn(401, 403);
        assertThat(jdbc.sql("select count(*) from spring_session where session_id = :id").param("id", sessionId)
                .query(Long.class).single())
                .as("the logout ended the session, so no request can write the login back").isZero();
    }

    private static HttpRequest filters(int port) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/camunda/api/engine/engine/default/filter?resourceType=Task")).build();
    }

    private static Map<String, String> details() {
        return Map.ofEntries(Map.entry("familyName", "鈴木"), Map.entry("firstName", "花子"),
                Map.entry("familyNameKana", "スズキ"), Map.entry("firstNameKana", "ハナコ"),
                Map.entry("familyNameRomaji", "Suzuki"), Map.entry("firstNameRomaji", "Hanako"),
                Map.entry("phone", "0263-32-5355"), Map.entry("postalCode", "390-0811"),
                Map.entry("address", "長野県松本市中央1-23-1"), Map.entry("registrationNumber", "234567"),
                Map.entry("validityYears", "1"), Map.entry("dateOfBirth", "1985年6月1日"),
                Map.entry("officeName", "鈴木設計室"), Map.entry("chamberMember", "true"));
    }
}
