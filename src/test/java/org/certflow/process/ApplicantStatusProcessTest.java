package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngineException;
import org.certflow.application.ApplicationStatus;
import org.certflow.portal.OneTimeLinks;
import org.certflow.service.ProcessConstants;
import org.certflow.support.StaffApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The model's part of the status page, with the real delegates: the main application's link sent again (a new link,
 * the old one dead, the same deadline, one mail per request), the withdrawal before payment (status, mail, timers
 * gone) and its refusal once money has come in, and the status link's own small process.
 */
class ApplicantStatusProcessTest extends ProcessTestSupport {

    static final String UPLOAD_LINK = SERVICE + " 建築士免許証画像アップロードURL";
    static final String UPLOAD_LINK_RESENT = UPLOAD_LINK + "(再送)";
    static final String WITHDRAWAL = SERVICE + " お申込み取下げのお知らせ";
    static final String STATUS_LINK = SERVICE + " 申込状況確認URL";
    private static final Pattern TOKEN = Pattern.compile("/(?:status/)?link/([A-Za-z0-9_-]+)");
    private static final Pattern EXPIRY = Pattern.compile("有効期限は (\\S+ \\S+) です");

    @Autowired OneTimeLinks links;
    @Autowired StaffApi staffApi;

    @Test
    void eachRequestSendsANewLinkThatReplacesTheOldOneWithTheSameDeadline() {
        Applicant applicant = applyProvisionally();
        String first = mailbox(applicant).only(UPLOAD_LINK).body();

        correlate(applicant, ProcessConstants.MESSAGE_UPLOAD_LINK_REQUESTED);
        runJobs(applicant);
        correlate(applicant, ProcessConstants.MESSAGE_UPLOAD_LINK_REQUESTED);
        runJobs(applicant);

        List<String> resent = mailbox(applicant).mails().stream()
                .filter(mail -> mail.subject().equals(UPLOAD_LINK_RESENT)).map(Mailbox.Mail::body).toList();
        assertThat(resent).as("one mail per request").hasSize(2);
        assertThat(links.findUsable(token(first))).as("the first link is dead").isEmpty();
        assertThat(links.findUsable(token(resent.get(0)))).as("so is the second").isEmpty();
        assertThat(links.findUsable(token(resent.get(1)))).isPresent();
        assertThat(expiry(resent.get(1))).as("asking again does not extend the deadline").isEqualTo(expiry(first));
        assertThat(resent.get(1)).contains(applicant.orderNumber());
        assertThat(instance(applicant)).isWaitingAt("WaitForMainApplication");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_MAIN_APPLICATION);
    }

    @Test
    void aLostCorrectionLinkIsReplacedWithTheSameDeadlineAndTheReviewersComment() {
        Applicant applicant = inReview();
        review(applicant, ProcessConstants.DECISION_RETURN, "登録番号が読み取れません");
        String first = mailbox(applicant).only(SERVICE + " 申込内容修正のお願い").body();

        correlate(applicant, ProcessConstants.MESSAGE_UPLOAD_LINK_REQUESTED);
        runJobs(applicant);

        String again = mailbox(applicant).only(SERVICE + " 申込内容修正のお願い(再送)").body();
        assertThat(again).contains("登録番号が読み取れません").contains(applicant.orderNumber());
        assertThat(links.findUsable(token(first))).isEmpty();
        assertThat(links.findUsable(token(again))).hasValueSatisfying(link ->
                assertThat(link.purpose()).isEqualTo(OneTimeLinks.Purpose.CORRECTION));
        assertThat(expiry(again)).isEqualTo(expiry(first));
        assertThat(instance(applicant)).isWaitingAt("WaitForCorrection");
    }

    @Test
    void aWithdrawalBeforePaymentEndsTheApplicationWithAMailAndNoTimerLeft() {
        Applicant applicant = awaitingPayment();

        correlate(applicant, ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN);
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.WITHDRAWN);
        runJobs(applicant);

        assertEnded(applicant);
        assertThat(reached(applicant, "Withdrawn")).isTrue();
        assertThat(mailbox(applicant).only(WITHDRAWAL).body()).contains(applicant.orderNumber()).contains("取り下げました");
        assertThat(openTasks(applicant, "ConfirmPayment")).isZero();
        assertThat(jobsOutsideRetention(applicant)).isZero();
    }

    @Test
    void aPartPaymentStopsTheWithdrawalInsideTheModel() {
        Applicant applicant = awaitingPayment();
        taskService.complete(task(applicant, "ConfirmPayment").getId(), Map.of("amountReceived", 1000L,
                "receivedOn", today().toString(), "paymentComment", "一部入金"));

        assertThatThrownBy(() -> correlate(applicant, ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN))
                .isInstanceOf(ProcessEngineException.class)
                .hasStackTraceContaining("入金済みのお申込みは取り下げられません");

        assertThat(instance(applicant)).isWaitingAt("ConfirmPayment");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_PAYMENT);
        assertThat(mailbox(applicant).subjects()).doesNotContain(WITHDRAWAL);
    }

    @Test
    void staffCannotWithdrawAPartlyPaidApplicationOverTheRestApiEitherNorCanAnAdministrator() throws Exception {
        Applicant applicant = awaitingPayment();
        taskService.complete(task(applicant, "ConfirmPayment").getId(), Map.of("amountReceived", 1000L,
                "receivedOn", today().toString(), "paymentComment", "一部入金"));
        String message = "{\"messageName\":\"" + ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN
                + "\",\"businessKey\":\"" + applicant.orderNumber() + "\"}";

        HttpResponse<String> accounting = staffApi.call("POST", "/engine-rest/message", "keiri", message);
        HttpResponse<String> administrator = staffApi.call("POST", "/engine-rest/message", "admin", message);

        assertThat(accounting.statusCode()).as(accounting.body()).isGreaterThanOrEqualTo(400);
        assertThat(administrator.statusCode()).as(administrator.body()).isGreaterThanOrEqualTo(400);
        assertThat(administrator.body()).contains("入金済みのお申込みは取り下げられません");
        assertThat(instance(applicant)).isWaitingAt("ConfirmPayment");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_PAYMENT);
    }

    @Test
    void theStatusLinkLeavesFromAJobOfItsOwnProcessAlsoForAnEndedApplication() {
        Applicant applicant = awaitingPayment();
        correlate(applicant, ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN);
        runJobs(applicant);

        runtimeService.startProcessInstanceByKey(ProcessConstants.APPLICATION_STATUS_LINK, applicant.orderNumber(),
                Map.of(ProcessConstants.VAR_APPLICATION_ID, applicant.applicationId()));
        assertThat(mailbox(applicant).subjects()).doesNotContain(STATUS_LINK);
        driver.runDueJobs();

        String body = mailbox(applicant).only(STATUS_LINK).body();
        assertThat(body).contains(applicant.orderNumber()).contains("/status/link/");
        assertThat(links.findUsable(token(body))).hasValueSatisfying(link ->
                assertThat(link.purpose()).isEqualTo(OneTimeLinks.Purpose.STATUS));
    }

    private void correlate(Applicant applicant, String message) {
        runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(applicant.orderNumber())
                .correlate();
    }

    private static String token(String body) {
        Matcher matcher = TOKEN.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    private static String expiry(String body) {
        Matcher matcher = EXPIRY.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }
}
