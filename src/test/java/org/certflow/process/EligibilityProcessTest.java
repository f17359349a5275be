package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.certflow.application.Application;
import org.certflow.application.ApplicantDetails;
import org.certflow.application.ApplicationStatus;
import org.certflow.application.Qualification;
import org.certflow.service.ProcessConstants;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.Test;

/**
 * The eligibility check of a 「その他」 applicant: ra-admins decide before any invoice, the decision is checked and
 * recorded by certflow, the invoice applies the recorded fee category, a refusal ends the application with a mail.
 */
class EligibilityProcessTest extends ProcessTestSupport {

    static final String INVOICE = SERVICE + " 請求書";
    static final String NOT_ELIGIBLE = SERVICE + " 資格確認結果のお知らせ";

    @Test
    void architectsAreInvoicedStraightAway() {
        Applicant applicant = awaitingPayment();
        assertThat(instance(applicant)).hasNotPassed("CheckEligibility").isWaitingAt("ConfirmPayment");
        assertThat(invoices.find(applicant.applicationId())).isPresent();
    }

    @Test
    void anEligibleOtherApplicantIsInvoicedAtTheChosenFeeCategoryAfterTheCheck() {
        Applicant applicant = sentAsOther(2, true);
        assertThat(instance(applicant)).isWaitingAt("CheckEligibility");
        assertThat(task(applicant, "CheckEligibility").getDueDate().toInstant()).as("three days to decide")
                .isBetween(driver.now().plus(Duration.ofDays(3)).minusSeconds(60), driver.now().plus(Duration.ofDays(3)));
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_ELIGIBILITY);
        driver.travel(Duration.ofDays(40));
        runJobs(applicant);
        assertThat(instance(applicant)).as("the check has no deadline that cancels").isWaitingAt("CheckEligibility");
        assertThat(invoices.find(applicant.applicationId())).isEmpty();

        asStaff("ra-admin", () -> taskService.complete(task(applicant, "CheckEligibility").getId(),
                form("true", "REAL_ESTATE_APPRAISER", null)));
        runJobs(applicant);

        // 不動産鑑定士 2 years, member: 14,000 net (the 「その他」 rate would be 18,000)
        assertThat(invoices.find(applicant.applicationId()).orElseThrow().netAmount()).isEqualTo(14000);
        assertThat(invoiceTotal(applicant)).isEqualTo(15400);
        assertThat(mailbox(applicant).subjects()).contains(INVOICE);
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_PAYMENT);
        assertThat(instance(applicant)).isWaitingAt("ConfirmPayment");
        assertThat(runtimeService.getVariables(applicant.processInstanceId()))
                .containsEntry(ProcessConstants.VAR_ELIGIBLE, true)
                .doesNotContainKeys(ProcessConstants.VAR_FEE_CATEGORY, ProcessConstants.VAR_ELIGIBILITY_REASON);
    }

    @Test
    void aRefusalEndsTheApplicationWithTheReasonAndWithoutInvoice() {
        Applicant applicant = sentAsOther(1, false);

        asStaff("admin", () -> taskService.complete(task(applicant, "CheckEligibility").getId(),
                form("false", null, "民間資格のため対象外です。")));
        runJobs(applicant);

        assertThat(mailbox(applicant).only(NOT_ELIGIBLE).body()).contains("民間資格のため対象外です。");
        assertThat(mailbox(applicant).subjects()).doesNotContain(INVOICE);
        assertEnded(applicant);
        assertThat(endEventsReached(applicant)).containsExactly("NotEligible");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.NOT_ELIGIBLE);
        assertThat(invoices.find(applicant.applicationId())).isEmpty();
        assertThat(jdbc.sql("select decided_by from eligibility_check where application_id = :id")
                .param("id", applicant.applicationId()).query(String.class).single()).isEqualTo("admin");
    }

    @Test
    void anIncompleteOrUnknownDecisionIsRefusedAndTheCheckStaysOpen() {
        Applicant applicant = sentAsOther(1, false);
        String taskId = task(applicant, "CheckEligibility").getId();

        assertThatThrownBy(() -> taskService.complete(taskId, form("true", "OTHER", null)))
                .as("nobody logged in").hasStackTraceContaining("資格確認の担当者を確認できません");
        asStaff("ra-admin", () -> {
            assertThatThrownBy(() -> taskService.complete(taskId, form(null, "OTHER", null)))
                    .hasStackTraceContaining("資格確認の結果（対象・対象外）を選択してください");
            assertThatThrownBy(() -> taskService.complete(taskId, form("true", null, null)))
                    .hasStackTraceContaining("適用する料金区分を、手数料表（fees.dmn）にある区分から選択してください");
            assertThatThrownBy(() -> taskService.complete(taskId, form("true", "GOLD_MEMBER", null)))
                    .hasStackTraceContaining("適用する料金区分を、手数料表（fees.dmn）にある区分から選択してください");
            assertThatThrownBy(() -> taskService.complete(taskId, form("false", null, null)))
                    .hasStackTraceContaining("対象外の場合は、申請者に伝える理由を入力してください");
            assertThatThrownBy(() -> taskService.complete(taskId, form("false", null, "理".repeat(2001))))
                    .hasStackTraceContaining("理由は2000文字以内で入力してください");
        });

        assertThat(instance(applicant)).isWaitingAt("CheckEligibility");
        assertThat(jdbc.sql("select count(*) from eligibility_check where application_id = :id")
                .param("id", applicant.applicationId()).query(Long.class).single()).isZero();
        assertThat(invoices.find(applicant.applicationId())).isEmpty();
    }

    /** A 「その他」 applicant's provisional and main application, sent. */
    private Applicant sentAsOther(int years, boolean member) {
        String email = "other-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
        Application application = portal.applyProvisionally(email, Qualification.OTHER);
        Applicant applicant = new Applicant(email, application.id(), application.orderNumber(),
                runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(application.orderNumber())
                        .processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION).singleResult());
        runJobs(applicant);
        applications.saveDetails(application.id(), new ApplicantDetails("山田", "太郎", "ヤマダ", "タロウ", "Yamada",
                "Taro", java.time.LocalDate.of(1980, 4, 1), null, "0263-12-3456", "390-0811", "長野県松本市中央1-23-1",
                "AB-12"), years, member, driver.now());
        applications.saveLicenceImage(application.id(), TestApplications.licenceImage(), driver.now());
        assertThat(portal.submit(application.id(), PICKUP_PASSWORD)).isTrue();
        runJobs(applicant);
        assertThat(mailbox(applicant).subjects()).contains(SERVICE + " 登録内容確認").doesNotContain(INVOICE);
        return applicant;
    }

    private static Map<String, Object> form(String eligible, String feeCategory, String reason) {
        Map<String, Object> variables = new HashMap<>();
        if (eligible != null) {
            variables.put(ProcessConstants.VAR_ELIGIBLE, eligible);
        }
        if (feeCategory != null) {
            variables.put(ProcessConstants.VAR_FEE_CATEGORY, feeCategory);
        }
        if (reason != null) {
            variables.put(ProcessConstants.VAR_ELIGIBILITY_REASON, reason);
        }
        return variables;
    }
}
