package org.certflow.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.h2.tools.Server;

/**
 * certflow in a JVM of its own that runs the jobs and can be killed the hard way (SIGKILL: no shutdown hook, no
 * rollback, no lock released), then started again on the same database and relay. Its output is appended to
 * {@code target/fault-node-NAME.log}, each start marked.
 */
final class FaultNode implements AutoCloseable {

    private static final Duration START_PATIENCE = Duration.ofSeconds(240);

    private final String name;
    private final List<String> arguments;
    private final Path log;
    private Process process;

    FaultNode(String name, List<String> arguments) {
        this.name = name;
        this.arguments = List.copyOf(arguments);
        this.log = Path.of("target", "fault-node-" + name + ".log");
    }

    /**
     * The arguments of a job-running node on a database the test JVM reaches as well.
     *
     * @param lockTime how long a job claimed by a node that died stays claimed
     */
    static List<String> jobNode(String database, String username, int smtpPort, String pki, Duration lockTime) {
        return List.of(
                "--spring.profiles.active=test",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + username,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--server.port=0",
                "--certflow.pki.directory=" + pki,
                "--certflow.staff.demo-users=false",
                "--spring.main.banner-mode=off",
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000",
                "--camunda.bpm.job-execution.lock-time-in-millis=" + lockTime.toMillis());
    }

    /**
     * A TCP server through which a child JVM reaches this JVM's in-memory H2, or {@code null} for a database that
     * is a server already (PostgreSQL).
     */
    static Server h2ServerFor(String database) {
        if (!database.startsWith("jdbc:h2:mem:")) {
            return null;
        }
        try {
            return Server.createTcpServer("-tcpPort", String.valueOf(Burst.freePort()), "-tcpDaemon").start();
        } catch (SQLException e) {
            throw new IllegalStateException("H2 TCP server did not start", e);
        }
    }

    /** The database's URL as a child JVM reaches it. */
    static String overTcp(String database, Server h2Server) {
        return h2Server == null ? database
                : database.replace("jdbc:h2:mem:", "jdbc:h2:tcp://localhost:" + h2Server.getPort() + "/mem:");
    }

    /** Starts the node and returns once it answers its health check; the time it took. */
    Duration start() throws IOException, InterruptedException {
        Instant begin = Instant.now();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.certflow.CertflowApplication"));
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "==== start " + begin + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Process started = process;
        // a test JVM that dies must not leave the node running
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        awaitHealthy();
        return Duration.between(begin, Instant.now());
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node " + name + " did not die");
        }
    }

    /** Whether the node's JVM still runs: the same one as at its last start. */
    boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant giveUp = Instant.now().plus(START_PATIENCE);
        int port = 0;
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " stopped with exit code " + process.exitValue()
                        + "; see " + log.toAbsolutePath());
            }
            if (port == 0) {
                port = lastStartedPort();
            }
            if (port != 0 && healthy(http, port)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("node " + name + " did not start within " + START_PATIENCE + "; see "
                + log.toAbsolutePath());
    }

    private int lastStartedPort() throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        String thisStart = text.substring(text.lastIndexOf("==== start"));
        Matcher started = Pattern.compile("Tomcat started on port (\\d+)")
                .matcher(thisStart);
        return started.find() ? Integer.parseInt(started.group(1)) : 0;
    }

    private static boolean healthy(HttpClient http, int port) throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            return http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException stillStarting) {
            return false;
        }
    }
}
