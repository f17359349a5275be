package org.certflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.certflow.application.Application;
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
 * 申込状況の確認 on a phone in a real browser: from the home page to the mailed link, the status page and the
 * withdrawal, each page checked by axe-core and left as a screenshot in {@code target/screenshots/}.
 */
@CertflowTest
class StatusPageInBrowserIT {

    private static final String SERVICE = "MCCI電子証明書サービス";

    @LocalServerPort int port;
    @Autowired GreenMail greenMail;
    @Autowired ProcessDriver processes;
    @Autowired TestApplications applications;
    @Autowired Throttle throttle;

    @Test
    void anApplicantChecksTheStatusAndWithdrawsOnAPhone() throws Exception {
        throttle.clear(throttle.key("status-client", "127.0.0.1"));
        Application application = applications.awaitingPayment("ブラウザ設計");
        try (HeadlessChromium browser = HeadlessChromium.start(port, 390, 844)) {
            browser.open("/");
            browser.clickAndWaitForHeading(browser.find("a[href='/status']"), "申込状況の確認");
            browser.type("orderNumber", "x");
            browser.clickAndWaitForHeading(browser.find("main form button.primary"), "申込状況の確認");
            assertThat(browser.find("#orderNumber-error").getText()).contains("受付番号は PBJ に続く数字");
            assertThat(browser.find("#orderNumber").getDomAttribute("aria-invalid")).isEqualTo("true");
            browser.screenshot("status-01-request-refused");

            browser.type("orderNumber", application.orderNumber());
            browser.type("email", application.email());
            browser.clickAndWaitForHeading(browser.find("main form button.primary"), "申込状況の確認");
            assertThat(browser.find("main").getText()).contains("申込状況確認URL");
            browser.screenshot("status-02-sent");

            processes.runDueJobs();
            browser.open(ReceivedMails.firstLink(ReceivedMails.withSubject(greenMail, application.email(),
                    SERVICE + " 申込状況確認URL")).replace("http://localhost", "http://localhost:" + port));
            browser.screenshot("status-03-link-landing");
            browser.clickAndWaitForHeading(browser.find("main form button.primary"), "申込状況");
            assertThat(browser.find("#step").getText()).isEqualTo("6. 入金");
            assertThat(browser.find("#deadlines").getText()).contains("お支払期限").contains("円");
            browser.screenshot("status-04-status");

            browser.clickAndWaitForHeading(browser.find("#withdraw"), "お申込みの取下げ");
            browser.screenshot("status-05-withdraw-confirm");
            browser.clickAndWaitForHeading(browser.find("#confirm-withdrawal"), "申込状況");
            assertThat(browser.find("#done").getText()).contains("お申込みを取り下げました");
            assertThat(browser.find("#status-label").getText()).isEqualTo("取下げ");
            browser.screenshot("status-06-withdrawn");
            assertThat(browser.accessibilityViolations()).as("WCAG 2.1 AA (axe-core)").isEmpty();
        }
    }
}
