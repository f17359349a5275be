package org.certflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
import org.certflow.support.ReceivedMails;
import org.certflow.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import io.micrometer.core.instrument.MeterRegistry;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Two certflow nodes on one database, both with their job executor running: applications go to pickup on
 * either node, then every expiry notice falls due at the same moment. Every mail leaves exactly once, every
 * timer fires once, invoice numbers stay gapless, and when one node stops in the middle the other finishes.
 * {@code -Dcertflow.two-nodes.applications=300} runs the full size; the default keeps the suite quick.
 */
class TwoNodesIT {

    static final int APPLICATIONS = Integer.getInteger("certflow.two-nodes.applications", 24);
    static final String SERVICE = "MCCI電子証明書サービス";
    static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("certflow.two-nodes.patience-seconds", 240));
    /**
     * Qualifications whose registration number is plain digits and that are invoiced at once (「その他」 first waits
     * for a person's eligibility check).
     */
    static final List<Qualification> QUALIFICATIONS = List.of(Qualification.FIRST_CLASS_ARCHITECT,
            Qualification.REAL_ESTATE_APPRAISER);

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private GreenMail smtp;

    @AfterEach
    void stopEverything() {
        nodes.forEach(ConfigurableApplicationContext::close);
        if (smtp != null) {
            smtp.stop();
        }
        ClockUtil.reset();
    }

    @Test
    void everyMailOnceEveryTimerOnceAndTheSurvivorFinishes() throws Exception {
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Path pki = Files.createTempDirectory("certflow-two-nodes-pki");
        String database = TestDatabase.freshDatabaseUrl("two_nodes_" + UUID.randomUUID().toString().substring(0, 8));
        ConfigurableApplicationContext a = start("node-a", database, pki);
        ConfigurableApplicationContext b = start("node-b", database, pki);

        List<String> emails = new ArrayList<>();
        for (int i = 0; i < APPLICATIONS; i++) {
            ConfigurableApplicationContext node = i % 2 == 0 ? a : b;
            String email = "node-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.jp";
            emails.add(email);
            Application application = node.getBean(PortalSubmissions.class)
                    .applyProvisionally(email, QUALIFICATIONS.get(i % QUALIFICATIONS.size()));
            ApplicationRepository applications = node.getBean(ApplicationRepository.class);
            applications.saveDetails(application.id(), new ApplicantDetails("山田", "太郎", "ヤマダ", "タロウ", "Yamada",
                    "Taro", LocalDate.of(1980, 4, 1), "事務所", "0263-12-3456", "390-0811", "長野県松本市中央1-23-1",
                    "123456"), 1, false, Instant.now());
            applications.saveLicenceImage(application.id(), new LicenceImage("image/png", PNG, 1, 1), Instant.now());
        }
        JdbcClient jdbc = a.getBean(JdbcClient.class);
        waitUntil("upload links mailed", () -> mails(jdbc) == APPLICATIONS);

        List<Long> ids = jdbc.sql("select id from application order by id").query(Long.class).list();
        for (int i = 0; i < ids.size(); i++) {
            (i % 2 == 0 ? b : a).getBean(PortalSubmissions.class).submit(ids.get(i), "PASSWORDPASSWORD");
        }
        waitUntil("payment tasks open", () -> openTasks(a, "ConfirmPayment") == APPLICATIONS);
        Instant payments = Instant.now();
        completeAll(b, "ConfirmPayment", Map.of("receivedOn", today()), a);
        System.out.printf("[two nodes] payments recorded: %d ms%n", Duration.between(payments, Instant.now()).toMillis());
        waitUntil("review tasks open", () -> openTasks(a, "ReviewApplication") == APPLICATIONS);
        Map<String, Object> approval = new HashMap<>(Map.of("reviewDecision", "approve"));
        List.of("checkNumberReadable", "checkNameMatches", "checkImageLegible", "checkQualificationMatches")
                .forEach(item -> approval.put(item, true));
        completeAll(a, "ReviewApplication", approval, null);
        waitUntil("pickup mails sent", () -> count(jdbc, "電子証明書取得のお願い/%") == APPLICATIONS);
        Instant pickups = Instant.now();
        for (int i = 0; i < ids.size(); i++) {
            (i % 2 == 0 ? a : b).getBean(CertificatePickup.class).pickUp(ids.get(i), "pin-12345".toCharArray());
        }
        System.out.printf("[two nodes] %d pickups: %d ms%n", ids.size(), Duration.between(pickups, Instant.now()).toMillis());

        // every first expiry notice falls due at the same moment; node a stops while they are being sent
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(300))));
        waitUntil("some notices sent", () -> count(jdbc, SERVICE + " 有効期限のお知らせ(三ヶ月前)") > 0);
        a.close();
        nodes.remove(a);
        // jobs node a had locked become free when their lock expires
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(10))));
        JdbcClient survivor = b.getBean(JdbcClient.class);
        waitUntil("all first notices sent",
                () -> count(survivor, SERVICE + " 有効期限のお知らせ(三ヶ月前)") == APPLICATIONS);

        for (String email : emails) {
            List<String> subjects = ReceivedMails.subjectsTo(smtp, email);
            assertThat(subjects).as("mails to %s", email).doesNotHaveDuplicates()
                    .contains(SERVICE + " 請求書", SERVICE + " 入金確認のお知らせ", SERVICE + " 有効期限のお知らせ(三ヶ月前)");
        }
        assertThat(b.getBean(MeterRegistry.class).find("executor.active").tag("name", "camundaTaskExecutor").gauge())
                .as("each node's job executor pool is measured").isNotNull();
        assertThat(b.getBean(HistoryService.class).createHistoricActivityInstanceQuery()
                .activityId("ExpiryFirstNoticeDue").finished().count())
                .as("the first expiry timer fired once per certificate").isEqualTo(APPLICATIONS);
        assertThat(survivor.sql("select count(*) from mail_log").query(Long.class).single())
                .as("each logged mail was delivered once").isEqualTo(smtp.getReceivedMessages().length);
        List<Integer> invoiceNumbers = survivor.sql("select invoice_number from invoice").query(String.class).list()
                .stream().map(number -> Integer.parseInt(number.substring(9))).sorted().toList();
        assertThat(invoiceNumbers).isEqualTo(IntStream.rangeClosed(1, APPLICATIONS).boxed().toList());
        assertThat(survivor.sql("select count(*) from act_ru_job where exception_msg_ is not null")
                .query(Long.class).single()).as("no failed job").isZero();
    }

    private ConfigurableApplicationContext start(String name, String database, Path pki) {
        // command-line arguments: they outrank the test profile's settings (its database is the other tests')
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CertflowApplication.class)
                .profiles("test")
                .run("--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + TestDatabase.username(),
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtp.getSmtp().getPort(),
                        "--server.port=0",
                        "--certflow.pki.directory=" + pki,
                        "--camunda.bpm.process-engine-name=" + name.replace('-', '_'),
                        "--camunda.bpm.job-execution.enabled=true",
                        "--camunda.bpm.job-execution.wait-time-in-millis=200",
                        "--camunda.bpm.job-execution.max-wait=1000",
                        "--camunda.bpm.job-execution.lock-time-in-millis=60000");
        nodes.add(context);
        return context;
    }

    private void completeAll(ConfigurableApplicationContext node, String taskKey, Map<String, Object> variables,
                             ConfigurableApplicationContext other) {
        TaskService tasks = node.getBean(TaskService.class);
        Invoices invoices = node.getBean(Invoices.class);
        RuntimeService runtime = node.getBean(RuntimeService.class);
        int i = 0;
        for (Task task : tasks.createTaskQuery().taskDefinitionKey(taskKey).list()) {
            Map<String, Object> form = new HashMap<>(variables);
            if (taskKey.equals("ConfirmPayment")) {
                long applicationId = ((Number) runtime.getVariable(task.getExecutionId(), "applicationId")).longValue();
                form.put("amountReceived", (long) invoices.find(applicationId).orElseThrow().totalAmount());
            }
            // alternate the nodes that complete, as staff on two nodes would
            (other != null && i++ % 2 == 1 ? other.getBean(TaskService.class) : tasks).complete(task.getId(), form);
        }
    }

    private static long openTasks(ConfigurableApplicationContext node, String key) {
        return node.getBean(TaskService.class).createTaskQuery().taskDefinitionKey(key).count();
    }

    private static long mails(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from mail_log").query(Long.class).single();
    }

    private static long count(JdbcClient jdbc, String subjectPattern) {
        return jdbc.sql("select count(*) from mail_log where subject like :subject")
                .param("subject", subjectPattern).query(Long.class).single();
    }

    private static String today() {
        return LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        Instant begin = Instant.now();
        try {
            waitFor(what, condition);
        } finally {
            System.out.printf("[two nodes] %s: waited %d ms%n", what, Duration.between(begin, Instant.now()).toMillis());
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("not reached within " + PATIENCE + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A 1×1 PNG; the image check runs in the portal, which this test passes by. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");
}
