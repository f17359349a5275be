package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.certflow.support.ReceivedMails;
import org.certflow.support.SecondNode;
import org.certflow.support.SmtpGate;
import org.certflow.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * certflow in a JVM of its own, on a database of its own, killed with SIGKILL as a crash would and started again on
 * what it left (same node id). One applicant's registration mail job hangs in a relay that does not answer, its job
 * locked by the node; a second applicant is told 「本申込を受け付けました」 and the node is killed that same moment.
 * After the restart the locked job runs at once (not after the lock time), the second main application is there,
 * and every mail goes out exactly once. On H2 the node uses the default run's database settings, with its file in a
 * directory of its own.
 */
class CrashRecoveryIT {

    static final String SERVICE = "MCCI電子証明書サービス";
    static final String REGISTRATION = SERVICE + " 登録内容確認";
    static final String INVOICE = SERVICE + " 請求書";
    static final Duration WITHIN = Duration.ofMinutes(1);
    /**
     * Far longer than the node's start and the test's patience together: a job taken before the kill that runs
     * within a minute of the restart ran because the node released it, not because its lock had expired.
     */
    static final Duration LOCK_TIME = Duration.ofMinutes(10);

    private GreenMail greenMail;
    private SmtpGate gate;
    private SecondNode node;
    private String database;

    @BeforeEach
    void startMailServer() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            greenMail = new GreenMail(new ServerSetup(socket.getLocalPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        }
        greenMail.start();
        gate = new SmtpGate(greenMail.getSmtp().getPort());
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (node != null) {
            node.close();
        }
        gate.close();
        greenMail.stop();
    }

    @Test
    void whatWasAcknowledgedSurvivesAKillAndTheTakenJobsRunAtOnceAfterTheRestart() throws Exception {
        node = startNode("crash-node");
        String taken = "taro.crash@example.jp";
        String acknowledged = "hanako.crash@example.jp";
        PortalClient first = mainApplicationReadyToSend(taken);
        PortalClient second = mainApplicationReadyToSend(acknowledged);
        gate.hold();

        applicantSends(first);
        awaitHeldMail();
        applicantSends(second);
        node.kill();

        gate.pass();
        node.restart();
        assertThat(node.log()).containsPattern("resumed [12] jobs that this node had taken before it stopped: "
                + "SendRegistrationConfirmationMail of certificate-application PBJ\\d+ \\(job ");
        awaitMails(taken, REGISTRATION, INVOICE);
        awaitMails(acknowledged, REGISTRATION, INVOICE);
        node.close();
        assertThat(status(taken)).isEqualTo("AWAITING_PAYMENT");
        assertThat(status(acknowledged)).as("not back at 本申込待ち").isEqualTo("AWAITING_PAYMENT");
    }

    private SecondNode startNode(String name) throws Exception {
        database = TestDatabase.postgresql() ? TestDatabase.freshDatabaseUrl(name + "-" + shortId())
                : defaultH2Url(Files.createTempDirectory("certflow-" + name));
        return SecondNode.startOwn(name, database, TestDatabase.username(), gate.port(),
                "--certflow.node-id=" + name,
                "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis());
    }

    /** The default run's database URL, with the file in the given directory instead of ./data. */
    private static String defaultH2Url(Path directory) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties defaults = yaml.getObject();
        String url = defaults.getProperty("spring.datasource.url");
        assertThat(url).startsWith("jdbc:h2:file:./data/certflow;");
        return url.replace("./data/certflow", directory.resolve("certflow").toString());
    }

    /** An applicant who has applied, followed the mailed link, entered the details and downloaded the letter. */
    private PortalClient mainApplicationReadyToSend(String email) throws Exception {
        PortalClient applicant = new PortalClient(node.port());
        applicant.get("/");
        applicant.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true", "email", email, "emailConfirmation", email,
                "qualification", "FIRST_CLASS_ARCHITECT"));
        awaitMails(email, SERVICE + " 建築士免許証画像アップロードURL");
        String link = ReceivedMails.firstLink(ReceivedMails.withSubject(greenMail, email,
                SERVICE + " 建築士免許証画像アップロードURL")).replace("http://localhost", "");
        applicant.get(link);
        applicant.post(link, Map.of());
        applicant.get("/application");
        HttpResponse<String> saved = applicant.postMultipart("/application", details(), "licenceImage",
                "licence.png", "image/png", CertificateJourneyTest.png());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        applicant.getBytes("/application/distribution-letter.pdf");
        applicant.get("/application/confirm");
        return applicant;
    }

    private static void applicantSends(PortalClient applicant) {
        assertThat(applicant.post("/application/submit", Map.of()).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/application/submitted"));
        HttpResponse<String> submitted = applicant.get("/application/submitted");
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(submitted.body()).contains("受け付けました");
    }

    /** Until the node's first mail job after the submission hangs in the SMTP conversation, its job locked. */
    private void awaitHeldMail() throws InterruptedException {
        Instant giveUp = Instant.now().plus(WITHIN);
        while (gate.heldConnections() == 0) {
            assertThat(Instant.now()).as("a mail job of the node reaches SMTP").isBefore(giveUp);
            Thread.sleep(100);
        }
    }

    /** Waits until every subject has reached the applicant, then a little longer: each must have come once. */
    private void awaitMails(String email, String... subjects) throws InterruptedException {
        Instant giveUp = Instant.now().plus(WITHIN);
        while (!ReceivedMails.subjectsTo(greenMail, email).containsAll(List.of(subjects))) {
            assertThat(Instant.now()).as("mails to %s within %s: %s so far", email, WITHIN,
                    ReceivedMails.subjectsTo(greenMail, email)).isBefore(giveUp);
            Thread.sleep(250);
        }
        Thread.sleep(2000);
        for (String subject : subjects) {
            assertThat(ReceivedMails.subjectsTo(greenMail, email)).as("once: " + subject).containsOnlyOnce(subject);
        }
    }

    private String status(String email) throws Exception {
        try (Connection connection = DriverManager.getConnection(database, TestDatabase.username(), "");
             PreparedStatement query = connection.prepareStatement("select status from application where email = ?")) {
            query.setString(1, email);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("the application exists").isTrue();
                return row.getString(1);
            }
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
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
