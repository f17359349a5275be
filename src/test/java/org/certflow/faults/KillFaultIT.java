package org.certflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
 * SIGKILL of the certflow JVM that runs the jobs, at a random moment after each step of a burst: while the upload
 * links go out, right after the main applications were sent (registration mails, invoice numbering), after the
 * payments (receipts), after the reviews (pickup mails) and after the pickups (issuance mails). The killed node is
 * started again; the applications are driven by a second node in the test's JVM, as the portal and staff would.
 * The restarted worker keeps its node id and releases the jobs it had claimed, so it goes on at once although
 * its lock time is five minutes. After every round: each mail once (or a counted copy with the same Message-ID), each payment once, invoice
 * numbers gapless, every application at its next wait state.
 * <p>
 * The CI size kills once, after the main applications were sent, in one round; the full size is
 * {@code -Dcertflow.faults.applications=30 -Dcertflow.faults.rounds=3
 * -Dcertflow.faults.kill-steps=upload,submitted,paid,reviewed,picked-up}. {@code -Dcertflow.faults.seed=N} repeats
 * the kill moments of a run, whose seed is printed.
 */
class KillFaultIT {

    static final int APPLICATIONS = Integer.getInteger("certflow.faults.applications", 6);
    static final int ROUNDS = Integer.getInteger("certflow.faults.rounds", 1);
    static final Set<String> KILL_STEPS = Set.of(System.getProperty("certflow.faults.kill-steps", "submitted")
            .split(","));
    static final long SEED = Long.getLong("certflow.faults.seed", System.nanoTime());
    /** The kill falls within this long after the step, while its jobs run. */
    static final int KILL_WINDOW_MILLIS = Integer.getInteger("certflow.faults.kill-window-millis", 3000);
    /**
     * How long the claimed jobs of a node that never comes back stay claimed before another node takes them: short,
     * so the test goes on quickly, yet longer than the slowest job (the first invoice of a cold JVM), or a second
     * thread takes a job that is still running.
     */
    static final Duration LOCK_TIME = Duration.parse(System.getProperty("certflow.faults.lock-time", "PT30S"));
    /**
     * The worker's lock time here is Camunda's default of five minutes, longer than certflow's own: the restarted
     * worker keeps its node id and releases what it had claimed as it starts, so it must go on long before the
     * locks would have expired.
     */
    static final Duration RESTARTED_NODE_LOCK_TIME = Duration.ofMinutes(5);
    /** The time a restarted worker may take, start included, to bring everything to its next step. */
    static final Duration RESUMED_WITHIN = Duration.ofMinutes(3);

    private final Random random = new Random(SEED);
    private final List<String> figures = new ArrayList<>();
    private GreenMail smtp;
    private Server h2Server;
    private ConfigurableApplicationContext driver;
    private FaultNode worker;
    private JdbcClient jdbc;
    private ManagementService management;

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
        if (driver != null) {
            driver.close();
        }
        if (h2Server != null) {
            h2Server.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void everyStepSurvivesAKill() throws Exception {
        System.out.printf("[faults] kill test: seed=%d applications=%d rounds=%d steps=%s%n", SEED, APPLICATIONS,
                ROUNDS, KILL_STEPS);
        smtp = new GreenMail(new ServerSetup(Burst.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String name = "kill_" + UUID.randomUUID().toString().substring(0, 8);
        String database = TestDatabase.freshDatabaseUrl(name);
        String pki = Files.createTempDirectory("certflow-faults-pki").toString();
        driver = Burst.node("driver", database, TestDatabase.username(), smtp.getSmtp().getPort(), pki, false);
        jdbc = driver.getBean(JdbcClient.class);
        management = driver.getBean(ManagementService.class);
        h2Server = FaultNode.h2ServerFor(database);
        List<String> workerArguments = new ArrayList<>(FaultNode.jobNode(FaultNode.overTcp(database, h2Server),
                TestDatabase.username(), smtp.getSmtp().getPort(), pki, RESTARTED_NODE_LOCK_TIME));
        workerArguments.add("--certflow.node-id=fault-worker");
        worker = new FaultNode("worker", workerArguments);
        worker.start();

        List<Long> all = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            List<Long> ids = Burst.prepare(driver, APPLICATIONS, "kill" + round);
            all.addAll(ids);
            step(round, "upload", ids, "WaitForMainApplication");
            Burst.submit(driver, ids);
            step(round, "submitted", ids, "ConfirmPayment");
            Burst.confirmPayments(driver);
            step(round, "paid", ids, "ReviewApplication");
            Burst.approveReviews(driver);
            step(round, "reviewed", ids, "WaitForPickup");
            Burst.pickUp(driver, ids);
            step(round, "picked-up", ids, "ExpiryFirstNoticeDue");

            FaultInvariants.Verdict verdict = FaultInvariants.check(jdbc, Arrays.asList(smtp.getReceivedMessages()),
                    all.stream().collect(Collectors.toMap(Function.identity(), id -> "ExpiryFirstNoticeDue")));
            System.out.printf("[faults] kill test round %d (%s): %s%n", round, databaseKind(), verdict.figures());
            assertThat(verdict.violations()).as("seed %d", SEED).isEmpty();
            assertThat(verdict.payments()).isEqualTo(all.size());
            assertThat(verdict.invoices()).isEqualTo(all.size());
        }
        figures.forEach(line -> System.out.println("[faults] " + line));
    }

    /**
     * After a step: kill the worker at a random moment if this step is one to kill after, start it again, and wait
     * until every application of the burst waits at its next activity with no job left to run.
     */
    private void step(int round, String step, List<Long> ids, String next) throws Exception {
        Instant begin = Instant.now();
        if (KILL_STEPS.contains(step)) {
            int delay = random.nextInt(KILL_WINDOW_MILLIS);
            Thread.sleep(delay);
            worker.kill();
            Instant killed = Instant.now();
            Duration startup = worker.start();
            Burst.waitUntil("round " + round + ", after " + step + ": every application at " + next, () -> done(ids, next));
            Duration resumed = Duration.between(killed, Instant.now());
            figures.add(String.format("round %d kill %dms after %s (%s): worker up again in %ds, everything at %s"
                            + " %ds after the kill", round, delay, step, databaseKind(), startup.toSeconds(), next,
                    resumed.toSeconds()));
            assertThat(resumed).as("a restarted worker goes on with its claimed jobs without waiting %s for their"
                    + " locks to expire", RESTARTED_NODE_LOCK_TIME).isLessThan(RESUMED_WITHIN);
        } else {
            Burst.waitUntil("round " + round + ", after " + step + ": every application at " + next, () -> done(ids, next));
            figures.add(String.format("round %d %s (no kill): everything at %s after %ds", round, step, next,
                    Duration.between(begin, Instant.now()).toSeconds()));
        }
    }

    private boolean done(List<Long> ids, String next) {
        return management.createJobQuery().executable().count() == 0
                && FaultInvariants.allWaitingAt(jdbc, ids, next);
    }

    static String databaseKind() {
        return "postgresql".equals(System.getProperty("certflow.test.database")) ? "PostgreSQL" : "H2";
    }
}
