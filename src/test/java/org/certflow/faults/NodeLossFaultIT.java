package org.certflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.certflow.support.TestDatabase;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Two nodes run the jobs of one database; one of them (a JVM of its own) is killed with SIGKILL in the middle of a
 * burst and stays dead. The survivor takes over the jobs the dead node had claimed once their lock expires and
 * finishes every application: each mail once (or a counted copy with the same Message-ID), each payment once,
 * invoice numbers gapless. The full size is {@code -Dcertflow.faults.applications=30 -Dcertflow.faults.rounds=3};
 * {@code -Dcertflow.faults.seed=N} repeats a run's kill moments.
 */
class NodeLossFaultIT {

    static final int KILL_WINDOW_MILLIS = Integer.getInteger("certflow.faults.node-loss-kill-window-millis", 800);

    private final Random random = new Random(KillFaultIT.SEED);
    private GreenMail smtp;
    private Server h2Server;
    private ConfigurableApplicationContext survivor;
    private FaultNode victim;

    @AfterEach
    void stop() throws InterruptedException {
        if (victim != null) {
            victim.close();
        }
        if (survivor != null) {
            survivor.close();
        }
        if (h2Server != null) {
            h2Server.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void theSurvivorFinishesEveryApplication() throws Exception {
        System.out.printf("[faults] node loss: seed=%d applications=%d rounds=%d%n", KillFaultIT.SEED,
                KillFaultIT.APPLICATIONS, KillFaultIT.ROUNDS);
        smtp = new GreenMail(new ServerSetup(Burst.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int smtpPort = smtp.getSmtp().getPort();
        String database = TestDatabase.freshDatabaseUrl("node_loss_" + UUID.randomUUID().toString().substring(0, 8));
        String pki = Files.createTempDirectory("certflow-faults-pki").toString();
        String lockTime = "--camunda.bpm.job-execution.lock-time-in-millis=" + KillFaultIT.LOCK_TIME.toMillis();
        survivor = Burst.node("survivor", database, TestDatabase.username(), smtpPort, pki, true, lockTime);
        JdbcClient jdbc = survivor.getBean(JdbcClient.class);
        ManagementService management = survivor.getBean(ManagementService.class);
        h2Server = FaultNode.h2ServerFor(database);
        List<String> victimArguments = FaultNode.jobNode(FaultNode.overTcp(database, h2Server),
                TestDatabase.username(), smtpPort, pki, KillFaultIT.LOCK_TIME);

        List<Long> all = new ArrayList<>();
        for (int round = 1; round <= KillFaultIT.ROUNDS; round++) {
            victim = new FaultNode("victim", victimArguments);
            victim.start();
            List<Long> ids = Burst.prepare(survivor, KillFaultIT.APPLICATIONS, "loss" + round);
            all.addAll(ids);
            Burst.waitUntil("upload links mailed", () -> management.createJobQuery().executable().count() == 0
                    && FaultInvariants.allWaitingAt(jdbc, ids, "WaitForMainApplication"));
            Burst.submit(survivor, ids);
            // two nodes finish a small burst's jobs within a second or two: the kill falls inside that
            int delay = random.nextInt(KILL_WINDOW_MILLIS);
            Thread.sleep(delay);
            long claimed = jdbc.sql("select count(*) from act_ru_job where lock_owner_ is not null")
                    .query(Long.class).single();
            victim.kill();
            Instant killed = Instant.now();
            Burst.waitUntil("every invoice out", () -> management.createJobQuery().executable().count() == 0
                    && FaultInvariants.allWaitingAt(jdbc, ids, "ConfirmPayment"));
            Duration recovery = Duration.between(killed, Instant.now());
            Burst.confirmPayments(survivor);
            Burst.waitUntil("every receipt out", () -> management.createJobQuery().executable().count() == 0
                    && FaultInvariants.allWaitingAt(jdbc, ids, "ReviewApplication"));

            FaultInvariants.Verdict verdict = FaultInvariants.check(jdbc, Arrays.asList(smtp.getReceivedMessages()),
                    all.stream().collect(Collectors.toMap(Function.identity(), id -> "ReviewApplication")));
            System.out.printf("[faults] node loss round %d (%s): one of two nodes killed %dms after the main"
                            + " applications were sent (%d jobs claimed then); the survivor had every invoice out %ds after the kill;"
                            + " %s%n", round, KillFaultIT.databaseKind(), delay, claimed, recovery.toSeconds(),
                    verdict.figures());
            assertThat(verdict.violations()).as("seed %d", KillFaultIT.SEED).isEmpty();
            assertThat(verdict.payments()).isEqualTo(all.size());
            assertThat(verdict.invoices()).isEqualTo(all.size());
        }
    }
}
