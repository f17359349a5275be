package org.certflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ManagementService;
import org.certflow.support.TestDatabase;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The one copy SMTP cannot rule out, made to happen every time: the relay has accepted a mail, its answer is held back
 * (a {@link RelayAcceptanceGate}), and the job-running JVM is killed before it could commit that the mail went out.
 * The restarted node sends the mail again, under the same Message-ID, so mail clients show it once; the fault
 * suite's invariants count it as a copy, and every other mail of the burst goes out once.
 */
class RelayAcceptedKillFaultIT {

    private GreenMail smtp;
    private RelayAcceptanceGate gate;
    private Server h2Server;
    private ConfigurableApplicationContext driver;
    private FaultNode worker;

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (driver != null) {
            driver.close();
        }
        if (gate != null) {
            gate.close();
        }
        if (h2Server != null) {
            h2Server.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aMailAcceptedBeforeTheKillGoesOutOnceMoreUnderItsMessageId() throws Exception {
        smtp = new GreenMail(new ServerSetup(Burst.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        gate = new RelayAcceptanceGate(smtp.getSmtp().getPort());
        String database = TestDatabase.freshDatabaseUrl("relay_" + UUID.randomUUID().toString().substring(0, 8));
        String pki = Files.createTempDirectory("certflow-faults-pki").toString();
        driver = Burst.node("relay-driver", database, TestDatabase.username(), smtp.getSmtp().getPort(), pki, false);
        JdbcClient jdbc = driver.getBean(JdbcClient.class);
        ManagementService management = driver.getBean(ManagementService.class);
        h2Server = FaultNode.h2ServerFor(database);
        worker = new FaultNode("relay-worker", Stream.concat(FaultNode.jobNode(FaultNode.overTcp(database, h2Server),
                        TestDatabase.username(), gate.port(), pki, KillFaultIT.LOCK_TIME).stream(),
                Stream.of("--certflow.node-id=relay-worker")).toList());
        worker.start();

        gate.holdNextAcceptance();
        List<Long> ids = new ArrayList<>(Burst.prepare(driver, 1, "relay"));
        assertThat(gate.awaitHeld(Burst.PATIENCE)).as("the relay accepted the upload link mail").isTrue();
        List<MimeMessage> accepted = Arrays.asList(smtp.getReceivedMessages());
        assertThat(accepted).hasSize(1);
        worker.kill();
        Instant killed = Instant.now();
        gate.release();
        Duration startup = worker.start();
        Burst.waitUntil("the upload link mailed again", () -> done(management, jdbc, ids, "WaitForMainApplication"));
        Duration resent = Duration.between(killed, Instant.now());

        ids.addAll(Burst.prepare(driver, 2, "relay-after"));
        Burst.waitUntil("every upload link mailed", () -> done(management, jdbc, ids, "WaitForMainApplication"));
        Burst.submit(driver, ids);
        Burst.waitUntil("every invoice sent", () -> done(management, jdbc, ids, "ConfirmPayment"));
        Burst.confirmPayments(driver);
        Burst.waitUntil("every receipt sent", () -> done(management, jdbc, ids, "ReviewApplication"));

        List<MimeMessage> received = Arrays.asList(smtp.getReceivedMessages());
        MimeMessage first = accepted.get(0);
        List<String> copies = received.stream()
                .filter(message -> subject(message).equals(subject(first)) && to(message).equals(to(first)))
                .map(RelayAcceptedKillFaultIT::messageId).toList();
        FaultInvariants.Verdict verdict = FaultInvariants.check(jdbc, received,
                ids.stream().collect(Collectors.toMap(Function.identity(), id -> "ReviewApplication")));
        System.out.printf("[faults] relay accepted, then SIGKILL before the commit (%s): worker up again in %ds,"
                        + " the mail sent again %ds after the kill, copies %s; %s%n", KillFaultIT.databaseKind(),
                startup.toSeconds(), resent.toSeconds(), copies, verdict.figures());
        assertThat(copies).as("sent again after the kill, under the first one's Message-ID").hasSize(2)
                .containsOnly(messageId(first));
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.duplicates()).as("that one copy, and no other").isEqualTo(1);
        assertThat(verdict.payments()).isEqualTo(ids.size());
        assertThat(verdict.invoices()).isEqualTo(ids.size());
    }

    private static boolean done(ManagementService management, JdbcClient jdbc, List<Long> ids, String next) {
        return management.createJobQuery().executable().count() == 0 && FaultInvariants.allWaitingAt(jdbc, ids, next);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String to(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
