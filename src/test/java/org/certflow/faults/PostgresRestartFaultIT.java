package org.certflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.certflow.support.LoopbackBrowser;
import org.certflow.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionException;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server dies the hard way (SIGKILL of the postmaster and its backends, so the next start runs crash
 * recovery) while the mail and invoice jobs of a burst run, stays down a few seconds and comes back on the same port
 * and data. certflow is not restarted: its connection pools hand out new connections, the job executor goes on, and
 * the jobs the crash failed run again within seconds under the default retry cycle of minutes (a database outage
 * uses up no retry). Afterwards each mail went out once (or as a counted copy with the same Message-ID), each
 * payment is recorded once, invoice numbers are gapless and every application waits at its next step. While the
 * database is down the portal answers with a 503 page in Japanese, never a stack trace. Runs on a PostgreSQL server
 * of its own, only in the PostgreSQL run of the fault suite; the full size is
 * {@code -Dcertflow.faults.applications=30 -Dcertflow.faults.database-outage=PT60S}.
 */
class PostgresRestartFaultIT {

    static final int APPLICATIONS = Integer.getInteger("certflow.faults.applications", 6);
    static final Duration OUTAGE = Duration.parse(System.getProperty("certflow.faults.database-outage", "PT6S"));
    static final int KILL_WINDOW_MILLIS = Integer.getInteger("certflow.faults.kill-window-millis", 1500);
    /**
     * The portal node's wait for a connection: shorter than the outage, so the requests sent while the database is
     * down are answered before it comes back (certflow's default is HikariCP's 30 s).
     */
    static final Duration CONNECTION_WAIT = Duration.ofSeconds(2);

    private final Random random = new Random(KillFaultIT.SEED);
    private Path dataDirectory;
    private int port;
    private EmbeddedPostgres postgres;
    private GreenMail smtp;
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
        if (smtp != null) {
            smtp.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void certflowGoesOnAfterTheDatabaseServerCrashed() throws Exception {
        assumeTrue(TestDatabase.postgresql(), "a PostgreSQL server is killed: the PostgreSQL run of the suite only");
        System.out.printf("[faults] postgresql restart: seed=%d applications=%d outage=%s%n", KillFaultIT.SEED,
                APPLICATIONS, OUTAGE);
        dataDirectory = Files.createTempDirectory("certflow-faults-postgresql");
        port = Burst.freePort();
        postgres = startPostgres();
        String database = postgres.getJdbcUrl("postgres", "postgres");
        smtp = new GreenMail(new ServerSetup(Burst.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String pki = Files.createTempDirectory("certflow-faults-pki").toString();
        worker = new FaultNode("pg-restart-worker", Stream.concat(
                FaultNode.jobNode(database, "postgres", smtp.getSmtp().getPort(), pki, KillFaultIT.LOCK_TIME)
                        .stream(),
                Stream.of("--certflow.node-id=pg-restart-worker"))
                .toList());
        // one after the other: two engines creating the tables of an empty database at once collide
        driver = Burst.node("pg-restart-driver", database, "postgres", smtp.getSmtp().getPort(), pki, false,
                "--spring.datasource.hikari.connection-timeout=" + CONNECTION_WAIT.toMillis());
        worker.start();
        JdbcClient jdbc = driver.getBean(JdbcClient.class);
        ManagementService management = driver.getBean(ManagementService.class);
        int http = Integer.parseInt(driver.getEnvironment().getProperty("local.server.port"));

        List<Long> ids = Burst.prepare(driver, APPLICATIONS, "pgrestart");
        Burst.waitUntil("every upload link mailed", () -> done(management, jdbc, ids, "WaitForMainApplication"));
        LoopbackBrowser returning = new LoopbackBrowser("127.0.0.31", http);
        assertThat(returning.get("/").status()).isEqualTo(200);

        Burst.submit(driver, ids);
        int delay = random.nextInt(KILL_WINDOW_MILLIS);
        Thread.sleep(delay);
        long jobsLeft = management.createJobQuery().executable().count();
        killPostgres();
        Instant killed = Instant.now();

        CompletableFuture<LoopbackBrowser.Response> startPage =
                CompletableFuture.supplyAsync(() -> new LoopbackBrowser("127.0.0.32", http).get("/"));
        CompletableFuture<LoopbackBrowser.Response> provisional = CompletableFuture.supplyAsync(() -> returning.post(
                "/apply", Map.of("email", "outage@example.jp", "emailConfirmation", "outage@example.jp",
                        "qualification", "FIRST_CLASS_ARCHITECT", "obligationsAccepted", "true", "privacyNoticeAccepted", "true")));
        List<LoopbackBrowser.Response> whileDown = List.of(
                startPage.get(OUTAGE.toMillis(), TimeUnit.MILLISECONDS),
                provisional.get(OUTAGE.toMillis(), TimeUnit.MILLISECONDS));
        Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(killed, Instant.now())).toMillis()));

        postgres = startPostgres();
        Instant up = Instant.now();
        Burst.waitUntil("every invoice sent and every payment task open",
                () -> done(management, jdbc, ids, "ConfirmPayment"));
        Duration recovery = Duration.between(up, Instant.now());
        Burst.confirmPayments(driver);
        Burst.waitUntil("every receipt sent and every review task open",
                () -> done(management, jdbc, ids, "ReviewApplication"));
        LoopbackBrowser.Response afterwards = new LoopbackBrowser("127.0.0.33", http).get("/");

        FaultInvariants.Verdict verdict = FaultInvariants.check(jdbc, Arrays.asList(smtp.getReceivedMessages()),
                ids.stream().collect(Collectors.toMap(Function.identity(), id -> "ReviewApplication")));
        System.out.printf("[faults] postgresql restart: killed %dms after the main applications were sent (%d jobs"
                        + " due), down %ds, portal while down: GET / %d, POST /apply %d; every invoice out %ds after"
                        + " the server was up again, the receipts too %ds after the kill, certflow not restarted; %s%n",
                delay, jobsLeft, Duration.between(killed, up).toSeconds(), whileDown.get(0).status(),
                whileDown.get(1).status(), recovery.toSeconds(), Duration.between(killed, Instant.now()).toSeconds(),
                verdict.figures());
        for (LoopbackBrowser.Response answer : whileDown) {
            assertThat(answer.status()).as("answered while the database was down").isEqualTo(503);
            assertThat(answer.header("Retry-After")).isPresent();
            assertThat(answer.body()).contains("ただいまご利用いただけません").doesNotContain("Exception", "at org.");
        }
        assertThat(afterwards.status()).as("the portal after the restart").isEqualTo(200);
        assertThat(worker.alive()).as("the job node was not restarted").isTrue();
        assertThat(verdict.violations()).as("seed %d", KillFaultIT.SEED).isEmpty();
        assertThat(verdict.payments()).isEqualTo(APPLICATIONS);
        assertThat(verdict.invoices()).isEqualTo(APPLICATIONS);
    }

    private static boolean done(ManagementService management, JdbcClient jdbc, List<Long> ids, String next) {
        try {
            return management.createJobQuery().executable().count() == 0
                    && FaultInvariants.allWaitingAt(jdbc, ids, next);
        } catch (ProcessEngineException | DataAccessException | TransactionException poolNotRefilledYet) {
            // the pool gets its first new connection only after its back-off since the last refused attempt
            return false;
        }
    }

    /** The server of this test, on its fixed port and data directory: created at the first start, kept after. */
    private EmbeddedPostgres startPostgres() throws IOException {
        // a commit is in the write-ahead log before it is acknowledged, as on a production server (the embedded
        // server's default is off, which a killed server would turn into lost acknowledged commits)
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(Path.of("target", "fault-postgresql.log")
                        .toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(Path.of("target", "fault-postgresql.log")
                        .toFile()))
                .start();
    }

    /**
     * SIGKILL of the postmaster and every process it started, as the kernel's OOM killer or a power cut would end
     * them: no checkpoint, no goodbye to the clients. The next start finds the stale pid file and recovers from the
     * write-ahead log.
     */
    private void killPostgres() throws Exception {
        String pidFile = Files.readString(dataDirectory.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
        long pid = Long.parseLong(pidFile.lines().findFirst().orElseThrow().strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
        // releases the embedded server's lock on the data directory; its own stop finds nothing to stop
        postgres.close();
        postgres = null;
    }
}
