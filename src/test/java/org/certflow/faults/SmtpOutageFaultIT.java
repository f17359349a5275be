package org.certflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Job;
import org.certflow.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * The relay goes down in the middle of a burst and comes back: mail and invoice jobs fail, run out of retries and
 * stand as incidents, as Cockpit shows them; an operator retries them (what Cockpit's retry does) and every mail
 * then leaves exactly once. The CI size is small, with a retry cycle of seconds; the full size
 * ({@code -Dcertflow.faults.applications=60 -Dcertflow.faults.smtp-outage=PT10M
 * -Dcertflow.faults.retry-cycle=R5/PT5M}) keeps the relay down ten minutes with the production retry cycle.
 */
class SmtpOutageFaultIT {

    static final int APPLICATIONS = Integer.getInteger("certflow.faults.applications", 6);
    static final Duration OUTAGE = Duration.parse(System.getProperty("certflow.faults.smtp-outage", "PT8S"));
    static final String RETRY_CYCLE = System.getProperty("certflow.faults.retry-cycle", "R2/PT1S");

    private ConfigurableApplicationContext node;
    private GreenMail smtp;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void incidentsDuringTheOutageThenEveryMailOnce() throws Exception {
        ServerSetup relay = new ServerSetup(Burst.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        smtp = new GreenMail(relay);
        smtp.start();
        String database = TestDatabase.freshDatabaseUrl("smtp_outage_" + UUID.randomUUID().toString().substring(0, 8));
        node = Burst.node("smtp-outage", database, TestDatabase.username(), relay.getPort(),
                Files.createTempDirectory("certflow-faults-pki").toString(), true,
                "--certflow.jobs.retry-cycle=" + RETRY_CYCLE);
        JdbcClient jdbc = node.getBean(JdbcClient.class);
        ManagementService management = node.getBean(ManagementService.class);

        List<Long> ids = Burst.prepare(node, APPLICATIONS, "smtp");
        Burst.waitUntil("upload links mailed", () -> mailLog(jdbc) == APPLICATIONS);
        int half = APPLICATIONS / 2;
        Burst.submit(node, ids.subList(0, half));

        List<MimeMessage> received = new ArrayList<>(Arrays.asList(smtp.getReceivedMessages()));
        smtp.stop();
        Instant down = Instant.now();
        Burst.submit(node, ids.subList(half, ids.size()));
        Thread.sleep(OUTAGE.toMillis());
        long failing = jdbc.sql("select count(*) from act_ru_job where exception_msg_ is not null")
                .query(Long.class).single();
        long incidents = management.createJobQuery().noRetriesLeft().count();
        System.out.printf("[faults] smtp outage of %s: %d failing jobs, %d incidents (no retries left)%n", OUTAGE,
                failing, incidents);
        assertThat(failing).as("mail jobs failed while the relay was down").isPositive();

        smtp = new GreenMail(relay);
        smtp.start();
        Instant up = Instant.now();
        // what an operator does in Cockpit: retry every failed job now
        List<Job> failed = management.createJobQuery().withException().list();
        for (Job job : failed) {
            // a job still retrying on its own may be taken by the job executor at this moment: then it runs anyway
            try {
                management.setJobDuedate(job.getId(), new Date());
                management.setJobRetries(job.getId(), 1);
            } catch (OptimisticLockingException takenMeanwhile) {
                System.out.printf("[faults] job %s was taken by the job executor meanwhile%n", job.getId());
            }
        }
        Burst.waitUntil("every invoice sent and every payment task open",
                () -> Burst.openTasks(node, "ConfirmPayment") == APPLICATIONS
                        && management.createJobQuery().executable().count() == 0);
        Burst.confirmPayments(node);
        Burst.waitUntil("every receipt sent and every review task open",
                () -> Burst.openTasks(node, "ReviewApplication") == APPLICATIONS
                        && management.createJobQuery().executable().count() == 0);
        Duration recovery = Duration.between(up, Instant.now());

        received.addAll(Arrays.asList(smtp.getReceivedMessages()));
        FaultInvariants.Verdict verdict = FaultInvariants.check(jdbc, received,
                ids.stream().collect(Collectors.toMap(Function.identity(), id -> "ReviewApplication")));
        System.out.printf("[faults] smtp outage: applications=%d outage=%s retried=%d recovered in %ds after the relay"
                        + " returned (%ds after it went down); %s%n", APPLICATIONS, OUTAGE, failed.size(),
                recovery.toSeconds(), Duration.between(down, Instant.now()).toSeconds(), verdict.figures());
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.duplicates()).as("no copy: nothing was killed").isZero();
        assertThat(verdict.payments()).isEqualTo(APPLICATIONS);
        assertThat(verdict.invoices()).isEqualTo(APPLICATIONS);
    }

    private static long mailLog(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from mail_log").query(Long.class).single();
    }
}
