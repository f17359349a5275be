package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.ApplicantDetails;
import org.certflow.application.ApplicationRepository;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;

/**
 * The log of a whole application, at the levels certflow runs with (certflow's own lines, the engine's, the mail
 * library's, Tomcat's), holds none of the applicant's values, nor the letter's password or the PIN: neither on the
 * way through nor when something fails (a refused form, a wrong password, the SMTP relay down while the pickup mail,
 * whose subject carries the romaji name, is sent).
 */
@CertflowTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataInLogsTest {

    private static final String SERVICE = "MCCI電子証明書サービス";
    private static final Pattern ORDER_NUMBER = Pattern.compile("PBJ\\d{8}");
    private static final String EMAIL = "ruriko.saginuma.logcheck@example.jp";
    private static final String PIN = "Kinkaku-Ginkaku-7";

    @LocalServerPort
    int port;
    @Autowired
    GreenMail greenMail;
    @Autowired
    ProcessDriver driver;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    ApplicationRepository applications;

    @Test
    void noApplicantValuePasswordOrPinReachesTheLog(CapturedOutput output) throws Exception {
        PortalClient browser = new PortalClient(port);
        browser.get("/");
        browser.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true",
                "email", EMAIL, "emailConfirmation", EMAIL,
                "qualification", "FIRST_CLASS_ARCHITECT"));
        driver.runDueJobs();
        String link = local(ReceivedMails.firstLink(
                ReceivedMails.withSubject(greenMail, EMAIL, SERVICE + " 建築士免許証画像アップロードURL")));
        browser.get(link);
        browser.post(link, Map.of());

        // a refused form first: a wrong telephone number and a file that is no image
        browser.get("/application");
        HttpResponse<String> refused = browser.postMultipart("/application", details("0263-98"), "licenceImage",
                "licence.png", "image/png", "鷺沼 瑠璃子 not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(200);
        HttpResponse<String> saved = browser.postMultipart("/application", details("0263-98-7531"), "licenceImage",
                "licence.png", "image/png", CertificateJourneyTest.png());
        assertThat(saved.statusCode()).isEqualTo(302);

        browser.get("/application/confirm");
        String letter = CertificateJourneyTest.pdfText(browser.getBytes("/application/distribution-letter.pdf").body());
        Matcher orderNumberOnLetter = ORDER_NUMBER.matcher(letter);
        assertThat(orderNumberOnLetter.find()).isTrue();
        String orderNumber = orderNumberOnLetter.group();
        Matcher passwordOnLetter = CertificateJourneyTest.PASSWORD_ON_LETTER.matcher(letter);
        assertThat(passwordOnLetter.find()).isTrue();
        browser.get("/application/confirm");
        browser.post("/application/submit", Map.of());
        driver.runDueJobs();
        ReceivedMails.withSubject(greenMail, EMAIL, SERVICE + " 請求書");

        Task payment = task(orderNumber, "ConfirmPayment");
        taskService.complete(payment.getId(), Map.of("amountReceived", 11000L,
                "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
        driver.runDueJobs();
        Task review = task(orderNumber, "ReviewApplication");
        String processInstanceId = review.getProcessInstanceId();

        // the relay is down when the pickup mail goes out (its subject carries the romaji name): it fails and is
        // retried later, as a job does
        taskService.complete(review.getId(), Map.of("reviewDecision", "approve", "reviewComment", "",
                "checkNumberReadable", true, "checkNameMatches", true, "checkImageLegible", true,
                "checkQualificationMatches", true));
        failOnceWhileTheRelayIsDown(processInstanceId, "SendPickupMail");
        try {
            driver.travel(Duration.ofMinutes(6));
            driver.runDueJobs(processInstanceId);
        } finally {
            driver.resetClock();
        }
        MimeMessage pickupMail = ReceivedMails.withSubject(greenMail, EMAIL,
                "電子証明書取得のお願い/ " + orderNumber + " : BN-Saginuma.Ruriko");

        PortalClient pickup = new PortalClient(port);
        pickup.get(local(ReceivedMails.firstLink(pickupMail)));
        pickup.post("/pickup", Map.of("orderNumber", orderNumber, "password", "WRONGWRONGWRONG2"));
        assertThat(pickup.post("/pickup", Map.of("orderNumber", orderNumber,
                "password", passwordOnLetter.group())).statusCode()).isEqualTo(302);
        pickup.get("/pickup/pin");
        pickup.post("/pickup/certificate", Map.of("pin", PIN, "pinConfirmation", PIN + "x"));
        assertThat(pickup.postForBytes("/pickup/certificate", Map.of("pin", PIN, "pinConfirmation", PIN))
                .statusCode()).isEqualTo(200);

        ApplicantDetails stored = applications.findByOrderNumber(orderNumber).orElseThrow().details();
        Set<String> secrets = new LinkedHashSet<>(List.of(EMAIL, "ruriko.saginuma.logcheck", "鷺沼", "瑠璃子",
                "さぎぬま", "ルリコ", "saginuma", "ruriko", "0263-98-7531", "0263987531", "471903",
                "長野県松本市大手", "鷺沼建築アトリエ", "1977-07-07", passwordOnLetter.group(),
                passwordOnLetter.group().replace(" ", ""), PIN));
        secrets.addAll(List.of(stored.familyName(), stored.firstName(), stored.familyNameKana(),
                stored.firstNameKana(), stored.familyNameRomaji(), stored.firstNameRomaji(), stored.phone(),
                stored.address(), stored.registrationNumber(), stored.officeName()));
        assertThat(found(output.getAll(), secrets)).as("personal values in the log").isEmpty();
        assertThat(output.getAll()).as("the failure was logged, without the name")
                .contains("did not accept the mail").contains("BN-…");
    }

    /** Runs the instance's jobs up to the mail task {@code activityId}, which fails with the relay down. */
    private void failOnceWhileTheRelayIsDown(String processInstanceId, String activityId) {
        for (int round = 0; round < 50; round++) {
            var mailJob = managementService.createJobQuery().processInstanceId(processInstanceId)
                    .activityId(activityId).executable().singleResult();
            if (mailJob != null) {
                greenMail.stop();
                try {
                    assertThat(catchThrowable(() -> managementService.executeJob(mailJob.getId())))
                            .as("the mail job fails").isNotNull();
                } finally {
                    greenMail.start();
                }
                return;
            }
            var due = managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
            assertThat(due).as("jobs before " + activityId).isNotEmpty();
            managementService.executeJob(due.get(0).getId());
        }
        throw new AssertionError("no job of " + activityId);
    }

    /** Each value found, with the line it is on (case-insensitive: names are upper-cased in certificates). */
    private static List<String> found(String log, Set<String> values) {
        List<String> hits = new ArrayList<>();
        String lower = log.toLowerCase(Locale.ROOT);
        for (String value : values) {
            int at = lower.indexOf(value.toLowerCase(Locale.ROOT));
            if (at >= 0) {
                int start = Math.max(0, lower.lastIndexOf('\n', at) + 1);
                int end = lower.indexOf('\n', at);
                hits.add(value + " in: " + log.substring(start, end < 0 ? log.length() : Math.min(end, start + 400)));
            }
        }
        return hits;
    }

    private Task task(String orderNumber, String taskDefinitionKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(orderNumber)
                .taskDefinitionKey(taskDefinitionKey).singleResult();
    }

    private static Map<String, String> details(String phone) {
        return Map.ofEntries(Map.entry("familyName", "鷺沼"), Map.entry("firstName", "瑠璃子"),
                Map.entry("familyNameKana", "さぎぬま"), Map.entry("firstNameKana", "ルリコ"),
                Map.entry("familyNameRomaji", "Saginuma"), Map.entry("firstNameRomaji", "Ruriko"),
                Map.entry("phone", phone), Map.entry("postalCode", "390-0874"),
                Map.entry("address", "長野県松本市大手9-8-7"), Map.entry("registrationNumber", "第４７１９０３号"),
                Map.entry("validityYears", "1"), Map.entry("dateOfBirth", "１９７７年７月７日"),
                Map.entry("officeName", "鷺沼建築アトリエ"), Map.entry("chamberMember", "false"));
    }

    private String local(String link) {
        return link.replace("http://localhost", "http://localhost:" + port);
    }
}
