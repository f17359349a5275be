package org.certflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.certflow.application.Application;
import org.certflow.billing.Invoices;
import org.certflow.service.ProcessConstants;
import org.certflow.staff.StaffSetup;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The back office's day in Camunda Tasklist, in a real browser with a Japanese locale: accounting finds the
 * payment in its filter and records it, a reviewer sees the application beside the licence image and
 * approves it with the checklist. Applicant text that looks like HTML stays text. Screenshots under
 * target/screenshots/tasklist-*.png.
 */
@CertflowTest
class TasklistInBrowserIT {

    static final String HOSTILE = "<img src=x onerror=\"document.title='XSS'\">事務所";

    @LocalServerPort int port;
    @Autowired StaffSetup staff;
    @Autowired TestApplications testApplications;
    @Autowired Invoices invoices;
    @Autowired RuntimeService runtimeService;
    @Autowired RepositoryService repositoryService;
    @Autowired ProcessDriver driver;

    @Test
    void accountingRecordsThePaymentAndAReviewerApprovesWithTheChecklist() throws IOException {
        Application application = testApplications.awaitingPayment(HOSTILE);
        String order = application.orderNumber();
        int total = invoices.find(application.id()).orElseThrow().totalAmount();

        try (HeadlessChromium browser = HeadlessChromium.start(port, 1400, 1000)) {
            logIn(browser, "keiri");
            browser.save("tasklist-01-accounting-filters");
            assertThat(pageText(browser)).contains("入金確認待ち", "自分の担当", "期限切れ間近")
                    .doesNotContain("審査待ち")
                    .as("Tasklist in Japanese").contains("プロセスを開始");

            openTask(browser, "入金確認待ち", "入金確認: " + order + " 一級建築士");
            claimIfOffered(browser);
            waitForText(browser, "INV-");
            assertThat(pageText(browser)).contains("未入金額 " + String.format("%,d", total) + " 円");
            typeInto(browser, "amountReceived", String.valueOf(total));
            typeInto(browser, "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString());
            browser.save("tasklist-02-payment-form");
            complete(browser);
            waitUntil(browser, () -> currentTask(application) != null
                    && "ReviewApplication".equals(currentTask(application)));
            logOut(browser);

            logIn(browser, "shinsa");
            openTask(browser, "審査待ち", "審査: " + order + " 一級建築士");
            claimIfOffered(browser);
            waitForText(browser, "免許証等の画像");
            waitUpTo(browser, 10).until(d ->
                    (Boolean) ((JavascriptExecutor) d).executeScript(
                            "var img = document.querySelector('img[alt=\"免許証等の画像\"]');"
                                    + "return img != null && img.complete && img.naturalWidth > 0;"));
            String text = pageText(browser);
            assertThat(text).as("applicant text shows as text").contains(HOSTILE);
            assertThat(browser.driver().getTitle()).doesNotContain("XSS");
            assertThat(browser.driver().findElements(By.cssSelector("img[src='x']"))).isEmpty();
            for (String id : List.of("checkNumberReadable", "checkNameMatches", "checkImageLegible",
                    "checkQualificationMatches")) {
                clickWhenReady(browser, d -> d.findElement(By.id(id)));
            }
            new Select(browser.driver().findElement(By.id("reviewDecision")))
                    .selectByValue("approve");
            browser.save("tasklist-03-review-form");
            complete(browser);
            waitUntil(browser, () -> "WaitForPickup".equals(currentTask(application)));
            assertThat(browser.driver().getTitle()).doesNotContain("XSS");
            browser.save("tasklist-04-after-review");
            logOut(browser);

            // the administrator follows the application in Cockpit, on the model's diagram
            String definitionId = repositoryService.createProcessDefinitionQuery()
                    .processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION).latestVersion().singleResult().getId();
            browser.open("/camunda/app/cockpit/default/#/process-definition/" + definitionId + "/runtime");
            logInHere(browser, "admin");
            waitUpTo(browser, 30).until(d ->
                    !d.findElements(By.cssSelector("[data-element-id='PaymentPending']")).isEmpty());
            assertThat(browser.driver().findElements(By.cssSelector("[data-element-id='SecondReview']"))).isNotEmpty();
            assertThat(pageText(browser)).contains("バックオフィス（運用監視）");
            assertThat(browser.driver().findElements(By.cssSelector(".ce-eol-banner")))
                    .as("the community edition's banner is hidden by certflow's stylesheet")
                    .noneMatch(WebElement::isDisplayed);
            browser.save("cockpit-01-process-definition");
        }
    }

    /** Where the application's process waits now (the jobs after a completed task run first). */
    private String currentTask(Application application) {
        String id = testApplications.processInstanceId(application);
        driver.runDueJobs(id);
        return runtimeService.getActiveActivityIds(id).stream()
                .filter(activity -> !activity.equals("PaymentPending")).findFirst().orElse(null);
    }

    private void logIn(HeadlessChromium browser, String userId) {
        browser.open("/camunda/app/tasklist/default/");
        logInHere(browser, userId);
        waitForText(browser, "自分の担当");
    }

    /** Camunda's login form, on whichever webapp page asked for it. */
    private void logInHere(HeadlessChromium browser, String userId) {
        String password = staff.demoUsers().stream().filter(user -> user.id().equals(userId)).findFirst()
                .orElseThrow().password();
        WebDriverWait wait = waitUpTo(browser, 20);
        WebElement username = wait.until(d -> d.findElements(By.cssSelector("input[ng-model='username']"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        username.sendKeys(userId);
        browser.driver().findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
        browser.driver().findElement(By.cssSelector("form button[type='submit']")).click();
    }

    private void logOut(HeadlessChromium browser) {
        ((JavascriptExecutor) browser.driver()).executeScript("document.cookie.split(';').forEach(function (c) {"
                + "document.cookie = c.split('=')[0] + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'; });");
        browser.driver().manage().deleteAllCookies();
    }

    private void openTask(HeadlessChromium browser, String filter, String taskName) {
        clickWhenReady(browser, d -> elementWithText(d, filter));
        clickWhenReady(browser, d -> elementWithText(d, taskName));
    }

    /** Finds and clicks in one go, again if Tasklist replaced the element in between. */
    private static void clickWhenReady(HeadlessChromium browser, Function<WebDriver, WebElement> find) {
        waitUpTo(browser, 20).until(d -> {
            WebElement element = find.apply(d);
            if (element == null) {
                return false;
            }
            click(browser, element);
            return true;
        });
    }

    /** Tasks of a group are taken first (claimed); a claimed task shows its form at once. */
    private void claimIfOffered(HeadlessChromium browser) {
        waitUpTo(browser, 10).until(d ->
                !d.findElements(By.cssSelector("button.claim")).isEmpty()
                        || !d.findElements(By.cssSelector("[cam-tasklist-task-form] form, .task-card form")).isEmpty());
        waitUpTo(browser, 10).until(d -> {
            List<WebElement> claim = d.findElements(By.cssSelector("button.claim")).stream()
                    .filter(WebElement::isDisplayed).toList();
            if (claim.isEmpty()) {
                return true;
            }
            click(browser, claim.get(0));
            return false;
        });
    }

    /** Tasklist re-renders while it loads: an element found a moment ago may be gone, so look again. */
    private static WebDriverWait waitUpTo(HeadlessChromium browser, int seconds) {
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void typeInto(HeadlessChromium browser, String id, String value) {
        waitUpTo(browser, 10).until(d -> {
            WebElement input = d.findElements(By.id(id)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
            if (input == null) {
                return false;
            }
            input.clear();
            input.sendKeys(value);
            return value.equals(input.getDomProperty("value"));
        });
    }

    private void complete(HeadlessChromium browser) {
        clickWhenReady(browser, d -> d.findElements(By.cssSelector("button[ng-click='complete()']")).stream()
                .filter(b -> b.isDisplayed() && b.isEnabled()).findFirst().orElse(null));
    }

    private static void click(HeadlessChromium browser, WebElement element) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private static WebElement elementWithText(WebDriver driver, String text) {
        return driver.findElements(By.xpath("//*[normalize-space(text())=" + xpathLiteral(text) + "]")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    private static void waitForText(HeadlessChromium browser, String text) {
        waitUpTo(browser, 20).until(d -> pageText(browser).contains(text));
    }

    private static void waitUntil(HeadlessChromium browser, BooleanSupplier condition) {
        waitUpTo(browser, 20).until(d -> condition.getAsBoolean());
    }

    private static String pageText(HeadlessChromium browser) {
        return browser.driver().findElement(By.tagName("body")).getText();
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }
}
