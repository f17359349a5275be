package org.certflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.TaskService;
import org.certflow.application.Application;
import org.certflow.certificate.CertificatePickup;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.util.GreenMail;

/**
 * The renewal pages in a real browser on a phone: the link's page, its refusal without the obligations, and the
 * filled-in form with the renewal's note and choice, each passing the portal's accessibility check.
 */
@CertflowTest
class RenewalInBrowserIT {

    private static final String SERVICE = "MCCI電子証明書サービス";
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Pattern RENEWAL_LINK = Pattern.compile("http://localhost/renewal/[A-Za-z0-9_-]{43}");

    @LocalServerPort
    int port;
    @Autowired
    GreenMail greenMail;
    @Autowired
    ProcessDriver processes;
    @Autowired
    TaskService taskService;
    @Autowired
    TestApplications testApplications;
    @Autowired
    CertificatePickup pickup;
    @Autowired
    CertificateRegistry registry;

    @AfterEach
    void resetClock() {
        processes.resetClock();
    }

    @Test
    void renewalPagesWorkOnAPhone() throws Exception {
        Application old = testApplications.awaitingPayment("山田建築設計事務所");
        String processInstanceId = testApplications.processInstanceId(old);
        taskService.complete(task(old, "ConfirmPayment"), Map.of("amountReceived", 11000L,
                "receivedOn", LocalDate.now(TOKYO).toString()));
        processes.runDueJobs(processInstanceId);
        taskService.complete(task(old, "ReviewApplication"), Map.of("reviewDecision", "approve",
                "reviewComment", "", "checkNumberReadable", true, "checkNameMatches", true,
                "checkImageLegible", true, "checkQualificationMatches", true));
        processes.runDueJobs(processInstanceId);
        pickup.pickUp(old.id(), "Matsumoto-Castle-1594".toCharArray());
        processes.runDueJobs(processInstanceId);
        LocalDate expiryDay = registry.findCurrent(old.id()).orElseThrow().notAfter().atZone(TOKYO).toLocalDate();
        processes.travelTo(expiryDay.minusMonths(3).atTime(9, 0).atZone(TOKYO).toInstant());
        processes.runDueJobs(processInstanceId);
        Matcher link = RENEWAL_LINK.matcher(ReceivedMails.text(ReceivedMails.withSubject(greenMail, old.email(),
                SERVICE + " 有効期限のお知らせ(三ヶ月前)")));
        assertThat(link.find()).isTrue();

        try (HeadlessChromium browser = HeadlessChromium.start(port, 390, 844)) {
            browser.open(link.group().replace("http://localhost", "http://localhost:" + port));
            browser.waitForHeading("電子証明書の更新申込");
            browser.screenshot("renewal-01-landing");
            assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA (axe-core)").isEmpty();

            browser.clickAndWaitForHeading(browser.find("main form button.primary"), "電子証明書の更新申込");
            assertThat(browser.find("#obligationsAccepted-error").getText()).contains("利用者の義務を確認し、同意してください");
            assertThat(browser.find("#obligationsAccepted").getDomAttribute("aria-invalid")).isEqualTo("true");
            browser.screenshot("renewal-02-obligations-missing");
            assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA (axe-core)").isEmpty();

            browser.find("#obligationsAccepted").click();
            browser.find("#privacyNoticeAccepted").click();
            browser.clickAndWaitForHeading(browser.find("main form button.primary"), "本申込フォーム");
            assertThat(browser.value("familyName")).isEqualTo("山田");
            assertThat(browser.value("registrationNumber")).isEqualTo("123456");
            assertThat(browser.find("main").getText()).contains("更新申込")
                    .contains("新しい証明書の受取後、旧証明書を失効させる");
            browser.screenshot("renewal-03-form");
            assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA (axe-core)").isEmpty();
        }
    }

    private String task(Application application, String taskDefinitionKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey(taskDefinitionKey).singleResult().getId();
    }
}
