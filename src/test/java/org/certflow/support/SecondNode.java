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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.h2.tools.Server;
import org.springframework.core.env.Environment;

/**
 * A second certflow node in a JVM of its own, on the database of the test context: what a load balancer would send
 * requests to. An in-memory H2 is shared through an H2 TCP server in this JVM; PostgreSQL is shared as it is. The
 * second node runs no jobs and makes no demo users (their passwords belong to the first node); its output goes to
 * {@code target/second-node.log}.
 */
public final class SecondNode implements AutoCloseable {

    private static final Duration START_PATIENCE = Duration.ofSeconds(180);
    private static final Pattern TOMCAT_STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    private final Process process;
    private final Server h2Server;
    private final int port;

    private SecondNode(Process process, Server h2Server, int port) {
        this.process = process;
        this.h2Server = h2Server;
        this.port = port;
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
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.certflow.CertflowApplication",
                "--spring.profiles.active=test",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + first.getProperty("spring.datasource.username", ""),
                "--spring.datasource.password=" + first.getProperty("spring.datasource.password", ""),
                "--spring.mail.port=" + smtpPort,
                "--server.port=0",
                "--certflow.staff.demo-users=false",
                "--spring.main.banner-mode=off"));
        Path log = Path.of("target", "second-node.log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // a test JVM that is killed must not leave the node running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        try {
            return new SecondNode(process, h2Server, awaitReady(process, log));
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            stop(process, h2Server);
            throw e;
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop(process, h2Server);
    }

    private static void stop(Process process, Server h2Server) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (h2Server != null) {
            h2Server.stop();
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
                throw new IllegalStateException("The second node stopped with exit code " + process.exitValue()
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
        throw new IllegalStateException("The second node did not start within " + START_PATIENCE + "; see "
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
