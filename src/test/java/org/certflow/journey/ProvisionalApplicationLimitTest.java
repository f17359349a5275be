package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.certflow.CertflowApplication;
import org.certflow.support.LoopbackBrowser;
import org.certflow.support.LoopbackBrowser.Response;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Somebody uses the provisional application form to make the chamber mail strangers: many applications from one
 * client, or from many clients to one address. A node of its own runs with the shipped limits (the other tests apply
 * from one address far more often); its clients connect from loopback addresses of their own.
 */
class ProvisionalApplicationLimitTest {

    private static final String UPLOAD_MAIL = "MCCI電子証明書サービス 建築士免許証画像アップロードURL";

    private static GreenMail smtp;
    private static ConfigurableApplicationContext node;
    private static int port;

    @BeforeAll
    static void startNode() throws IOException {
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String database = TestDatabase.freshDatabaseUrl("limits_" + UUID.randomUUID().toString().substring(0, 8));
        // command-line arguments: they outrank the test profile's limits
        node = new SpringApplicationBuilder(CertflowApplication.class)
                .profiles("test")
                .run("--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + TestDatabase.username(),
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtp.getSmtp().getPort(),
                        "--server.port=0",
                        "--certflow.pki.directory=" + Files.createTempDirectory("certflow-limits-pki"),
                        "--camunda.bpm.process-engine-name=limits",
                        // the portal alone: Camunda's webapps keep their filters in one registry per JVM, which a
                        // second start would take over from the shared test context
                        "--camunda.bpm.webapp.enabled=false",
                        "--certflow.portal.provisional-applications.per-client=5",
                        "--certflow.portal.provisional-applications.client-window=PT1H",
                        "--certflow.portal.provisional-applications.per-recipient=3",
                        "--certflow.portal.provisional-applications.recipient-window=P1D");
        port = ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void theSixthApplicationFromOneClientWithinAnHourIsRefusedAndNothingIsStoredOrSent() {
        LoopbackBrowser client = new LoopbackBrowser("127.0.0.21", port);
        for (int i = 1; i <= 5; i++) {
            assertThat(apply(client, "stranger" + i + "@example.jp").status()).as("application %d", i).isEqualTo(302);
        }
        long instancesBefore = processInstances();

        Response refused = apply(client, "stranger6@example.jp");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 3600L);
        assertThat(refused.body()).contains("仮申込の受付を一時停止しています").contains("以降に、もう一度お申し込みください")
                .contains("メールは送信していません").containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{1,2}時\\d{2}分");
        node.getBean(ProcessDriver.class).runDueJobs();
        assertThat(applicationsTo("stranger6@example.jp")).as("no application row").isZero();
        assertThat(processInstances()).as("no process instance").isEqualTo(instancesBefore);
        assertThat(ReceivedMails.subjectsTo(smtp, "stranger6@example.jp")).as("no mail").isEmpty();
        assertThat(ReceivedMails.subjectsTo(smtp, "stranger5@example.jp")).containsExactly(UPLOAD_MAIL);

        assertThat(apply(new LoopbackBrowser("127.0.0.22", port), "stranger6@example.jp").status())
                .as("another client is not affected").isEqualTo(302);
    }

    @Test
    void theFourthApplicationToOneMailboxWithinADayIsRefusedWhicheverClientAndSpellingSendsIt() {
        String[] spellings = {"victim@example.jp", "Victim@Example.JP", "victim+2@example.jp", "VICTIM+4@EXAMPLE.JP"};
        for (int i = 0; i < 3; i++) {
            assertThat(apply(new LoopbackBrowser("127.0.0.3" + i, port), spellings[i]).status())
                    .as("application %d", i + 1).isEqualTo(302);
        }
        long instancesBefore = processInstances();

        Response refused = apply(new LoopbackBrowser("127.0.0.39", port), spellings[3]);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 24 * 3600L);
        assertThat(refused.body()).contains("仮申込の受付を一時停止しています");
        node.getBean(ProcessDriver.class).runDueJobs();
        assertThat(processInstances()).as("no process instance").isEqualTo(instancesBefore);
        assertThat(applicationsTo("victim+4@example.jp")).as("no application row").isZero();
        assertThat(ReceivedMails.subjectsTo(smtp, "victim@example.jp")).hasSize(2);
        assertThat(ReceivedMails.subjectsTo(smtp, "victim+2@example.jp")).hasSize(1);
        assertThat(ReceivedMails.subjectsTo(smtp, "victim+4@example.jp")).as("no mail").isEmpty();
    }

    @Test
    void dotsInAGmailAddressDoNotMakeItAnotherRecipient() {
        String[] spellings = {"hanako.sato@gmail.com", "hanakosato@gmail.com", "h.a.n.a.k.o.sato@googlemail.com",
            "hana.ko.sa.to@gmail.com"};
        for (int i = 0; i < 3; i++) {
            assertThat(apply(new LoopbackBrowser("127.0.0.4" + i, port), spellings[i]).status())
                    .as("application %d", i + 1).isEqualTo(302);
        }

        Response refused = apply(new LoopbackBrowser("127.0.0.49", port), spellings[3]);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("仮申込の受付を一時停止しています");
        node.getBean(ProcessDriver.class).runDueJobs();
        assertThat(ReceivedMails.subjectsTo(smtp, spellings[3])).as("no mail").isEmpty();
    }

    private static Response apply(LoopbackBrowser client, String email) {
        assertThat(client.get("/").status()).isEqualTo(200);
        return client.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true", "email", email,
                "emailConfirmation", email, "qualification", "FIRST_CLASS_ARCHITECT"));
    }

    private static long applicationsTo(String email) {
        return node.getBean(JdbcClient.class).sql("select count(*) from application where email = :email")
                .param("email", email).query(Long.class).single();
    }

    private static long processInstances() {
        return node.getBean(RuntimeService.class).createProcessInstanceQuery().count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
