package org.certflow.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.CertflowApplication;
import org.certflow.application.ApplicantDetails;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.LicenceImage;
import org.certflow.application.Qualification;
import org.certflow.billing.Invoices;
import org.certflow.certificate.CertificatePickup;
import org.certflow.portal.PortalSubmissions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A burst of applications driven through a certflow node in the test's JVM, the way the portal and staff would
 * drive them, and the patience of the fault tests: they poll with generous timeouts, so a slow machine changes the
 * figures, never the verdict.
 */
final class Burst {

    static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("certflow.faults.patience-seconds", 300));
    /**
     * The fee categories a burst applies with; not 「その他」, whose applications wait for a person's eligibility check
     * before any invoice ({@code EligibilityProcessTest}), where a burst goes straight on to the invoice.
     */
    static final List<Qualification> QUALIFICATIONS = List.of(Qualification.FIRST_CLASS_ARCHITECT,
            Qualification.REAL_ESTATE_APPRAISER);
    /** A 1×1 PNG; the image check runs in the portal, which the burst passes by. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    private Burst() {
    }

    /** A node of this JVM on the given database and relay, with or without a job executor. */
    static ConfigurableApplicationContext node(String name, String database, String username, int smtpPort,
                                               String pki, boolean runsJobs, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + username,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--server.port=0",
                "--certflow.pki.directory=" + pki,
                "--camunda.bpm.process-engine-name=" + name,
                "--camunda.bpm.job-execution.enabled=" + runsJobs,
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000"));
        arguments.addAll(List.of(more));
        // command-line arguments outrank the test profile's settings
        return new SpringApplicationBuilder(CertflowApplication.class).profiles("test")
                .run(arguments.toArray(String[]::new));
    }

    /** Provisional applications with details and licence image in place, waiting for the main application. */
    static List<Long> prepare(ConfigurableApplicationContext node, int count, String prefix) {
        List<Long> ids = new ArrayList<>();
        ApplicationRepository applications = node.getBean(ApplicationRepository.class);
        for (int i = 0; i < count; i++) {
            String email = prefix + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.jp";
            Application application = node.getBean(PortalSubmissions.class)
                    .applyProvisionally(email, QUALIFICATIONS.get(i % QUALIFICATIONS.size()));
            applications.saveDetails(application.id(), new ApplicantDetails("山田", "太郎", "ヤマダ", "タロウ", "Yamada",
                    "Taro", LocalDate.of(1980, 4, 1), "事務所", "0263-12-3456", "390-0811", "長野県松本市中央1-23-1",
                    "123456"), 1, false, Instant.now());
            applications.saveLicenceImage(application.id(), new LicenceImage("image/png", PNG, 1, 1), Instant.now());
            ids.add(application.id());
        }
        return ids;
    }

    static void submit(ConfigurableApplicationContext node, List<Long> ids) {
        ids.forEach(id -> node.getBean(PortalSubmissions.class).submit(id, "PASSWORDPASSWORD"));
    }

    /** Accounting confirms every open payment task, for the invoiced amount. */
    static int confirmPayments(ConfigurableApplicationContext node) {
        TaskService tasks = node.getBean(TaskService.class);
        RuntimeService runtime = node.getBean(RuntimeService.class);
        Invoices invoices = node.getBean(Invoices.class);
        List<Task> open = tasks.createTaskQuery().taskDefinitionKey("ConfirmPayment").list();
        for (Task task : open) {
            long applicationId = ((Number) runtime.getVariable(task.getExecutionId(), "applicationId")).longValue();
            Map<String, Object> form = new HashMap<>(Map.of("receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo"))
                    .toString(), "amountReceived", (long) invoices.find(applicationId).orElseThrow().totalAmount()));
            tasks.complete(task.getId(), form);
        }
        return open.size();
    }

    /** The review of every open review task: approved, every check ticked. */
    static int approveReviews(ConfigurableApplicationContext node) {
        TaskService tasks = node.getBean(TaskService.class);
        Map<String, Object> approval = new HashMap<>(Map.of("reviewDecision", "approve"));
        List.of("checkNumberReadable", "checkNameMatches", "checkImageLegible", "checkQualificationMatches")
                .forEach(item -> approval.put(item, true));
        List<Task> open = tasks.createTaskQuery().taskDefinitionKey("ReviewApplication").list();
        open.forEach(task -> tasks.complete(task.getId(), approval));
        return open.size();
    }

    static void pickUp(ConfigurableApplicationContext node, List<Long> ids) {
        ids.forEach(id -> node.getBean(CertificatePickup.class).pickUp(id, "pin-12345".toCharArray()));
    }

    static long openTasks(ConfigurableApplicationContext node, String key) {
        return node.getBean(TaskService.class).createTaskQuery().taskDefinitionKey(key).count();
    }

    static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("not reached within " + PATIENCE + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
