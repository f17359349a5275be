package org.certflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.certflow.application.Application;
import org.certflow.billing.Invoices;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.TestApplications;
import org.certflow.throttle.Throttle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.util.GreenMail;

/**
 * Asking for a new distribution letter in a real browser on a phone, without any help from JavaScript: the status
 * page's action, the request form and the answer, each page checked by axe-core and left as a screenshot in
 * {@code target/screenshots/}.
 */
@CertflowTest
class LetterRequestInBrowserIT {

    private static final String SERVICE = "MCCI電子証明書サービス";

    @LocalServerPort int port;
    @Autowired GreenMail greenMail;
    @Autowired ProcessDriver processes;
    @Autowired TestApplications applications;
    @Autowired TaskService taskService;
    @Autowired Invoices invoices;
    @Autowired Throttle throttle;

    @Test
    void anApplicantWhoLostTheLetterAsksForANewOneOnAPhone() throws Exception {
        throttle.clear(throttle.key("status-client", "127.0.0.1"));
        Application application = awaitingPickup(applications.awaitingPayment("配布状紛失設計"));
        try (HeadlessChromium browser = HeadlessChromium.start(port, 390, 844)) {
            browser.open("/status");
            browser.type("orderNumber", application.orderNumber());
            browser.type("email", application.email());
            browser.clickAndWaitForHeading(browser.find("main form button.primary"), "申込状況の確認");
            processes.runDueJobs();
            browser.open(ReceivedMails.firstLink(ReceivedMails.withSubject(greenMail, application.email(),
                    SERVICE + " 申込状況確認URL")).replace("http://localhost", "http://localhost:" + port));
            browser.clickAndWaitForHeading(browser.find("main form button.primary"), "申込状況");

            browser.clickAndWaitForHeading(browser.find("#letter-request"), "配布状の再発行の依頼");
            assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA (axe-core)").isEmpty();
            browser.screenshot("letter-01-request-form");
            browser.type("note", "自宅で紛失しました。");
            browser.clickAndWaitForHeading(browser.find("#confirm-letter-request"), "申込状況");
            assertThat(browser.find("#done").getText()).contains("配布状の再発行のご依頼を受け付けました");
            assertThat(browser.find("#letter-status").getText()).contains("結果をメールでお知らせします");
            assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA (axe-core)").isEmpty();
            browser.screenshot("letter-02-requested");
        }
    }

    private Application awaitingPickup(Application application) {
        taskService.complete(task(application, "ConfirmPayment"), Map.of(
                "amountReceived", (long) invoices.find(application.id()).orElseThrow().totalAmount(),
                "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
        processes.runDueJobs();
        taskService.complete(task(application, "ReviewApplication"), Map.of("reviewDecision", "approve",
                "reviewComment", "", "checkNumberReadable", true, "checkNameMatches", true,
                "checkImageLegible", true, "checkQualificationMatches", true));
        processes.runDueJobs();
        return application;
    }

    private String task(Application application, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey(key).singleResult().getId();
    }
}
