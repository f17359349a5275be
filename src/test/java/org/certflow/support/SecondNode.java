package org.certflow.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.h2.tools.Server;
import org.springframework.core.env.Environment;

/**
 * A certflow node in a JVM of its own (profile {@code test}). {@link #start} gives a second node on the database of
 * the test context, what a load balancer would send requests to: an in-memory H2 is shared through an H2 TCP server
 * in this JVM, PostgreSQL is shared as it is; it runs no jobs and makes no demo users (their passwords belong to the
 * first node), and its output goes to {@code target/second-node.log}. {@link #startOwn} gives a node on a database of
 * its own, which outlives the node: {@link #kill} it as a crash would and {@link #restart} it on what it left.
 */
public final class SecondNode implements AutoCloseable {

    private static final Duration START_PATIENCE = Duration.ofSeconds(180);
    private static final Pattern TOMCAT_STARTED = Pattern.compile("Tomcat started on port (\\d+)");
    /** The exit code of a JVM ended by SIGKILL: 128 + 9. */
    private static final int KILLED = 137;

    private final List<String> command;
    private final String name;
    private final Server h2Server;
    private Process process;
    private int port;
    private int run;

    private SecondNode(List<String> command, String name, Server h2Server) {
        this.command = List.copyOf(command);
        this.name = name;
        this.h2Server = h2Server;
    }

    /** Starts the node like the first one (profile {@code test}) and returns once it answers its health check. */
    public static SecondNode start(Environment first, int smtpPort) throws IOException, InterruptedException {
        String database = first.getRequiredProperty("spring.datasource.url");
        Server h2Server = null;
        if (database.startsWith("jdbc:h2:mem:")) {
            try {
                h2Server = Server.createTcpServer("-tcpPort", String.valueOf(freePort()), "-tcpDaemon").start();
            } catch (SQLException e) {
                throw new IllegalStateException("H2 TCP server did not start", e);
            }
            database = database.replace("jdbc:h2:mem:", "jdbc:h2:tcp://localhost:" + h2Server.getPort() + "/mem:");
        }
        List<String> command = command(database, first.getProperty("spring.datasource.username", ""),
                first.getProperty("spring.datasource.password", ""), smtpPort);
        command.add("--certflow.staff.demo-users=false");
        return launched(new SecondNode(command, "second-node", h2Server));
    }

    /**
     * Starts a node on a database of its own (an H2 file or a PostgreSQL database that exists), with its job
     * executor running, and returns once it answers its health check. {@code settings} are further
     * {@code --name=value} arguments, e.g. {@code --certflow.node-id=…}; the output of every run goes to
     * {@code target/<name>.log}, {@code target/<name>-2.log} …
     */
    public static SecondNode startOwn(String name, String databaseUrl, String username, int smtpPort,
                                      String... settings) throws IOException, InterruptedException {
        List<String> command = command(databaseUrl, username, "", smtpPort);
        command.add("--camunda.bpm.job-execution.enabled=true");
        command.addAll(Arrays.asList(settings));
        return launched(new SecondNode(command, name, null));
    }

    public int port() {
        return port;
    }

    /** The output of the node's current run so far. */
    public String log() throws IOException {
        return Files.readString(logFile(), StandardCharsets.UTF_8);
    }

    /** Ends the node's JVM with SIGKILL, as a crash or the kernel's OOM killer would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The node did not end after SIGKILL");
        }
        if (process.exitValue() != KILLED) {
            throw new IllegalStateException("The node ended with exit code " + process.exitValue()
                    + ", not by SIGKILL");
        }
    }

    /** Starts the node again with the same settings (killed or stopped before, or now politely). */
    public SecondNode restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            stopProcess();
        }
        return launched(this);
    }

    @Override
    public void close() {
        stopProcess();
        if (h2Server != null) {
            h2Server.stop();
        }
    }

    private static List<String> command(String database, String username, String password, int smtpPort) {
        return new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.certflow.CertflowApplication",
                "--spring.profiles.active=test",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + username,
                "--spring.datasource.password=" + password,
                "--spring.mail.port=" + smtpPort,
                "--server.port=0",
                "--spring.main.banner-mode=off"));
    }

    private static SecondNode launched(SecondNode node) throws IOException, InterruptedException {
        node.run++;
        Path log = node.logFile();
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(node.command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        node.process = process;
        // a test JVM that is killed must not leave the node running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        try {
            node.port = awaitReady(process, log);
            return node;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            node.close();
            throw e;
        }
    }

    private Path logFile() {
        return Path.of("target", run == 1 ? name + ".log" : name + "-" + run + ".log");
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the node answers its health check and returns its port: the one its Tomcat took (chosen by the
     * node itself, so no other process can take it in between), read from its log.
     */
    private static int awaitReady(Process process, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant giveUp = Instant.now().plus(START_PATIENCE);
        int port = 0;
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The node stopped with exit code " + process.exitValue()
                        + "; see " + log.toAbsolutePath());
            }
            if (port == 0) {
                Matcher started = TOMCAT_STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
                port = started.find() ? Integer.parseInt(started.group(1)) : 0;
            }
            if (port != 0 && healthy(http, port)) {
                return port;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The node did not start within " + START_PATIENCE + "; see "
                + log.toAbsolutePath());
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
