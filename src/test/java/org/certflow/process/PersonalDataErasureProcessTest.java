package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.certflow.application.ApplicationStatus;
import org.certflow.retention.LicenceImageDisposal;
import org.certflow.service.ProcessConstants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deletion at the applicant's request: refused while the application runs, done at once after its end for all but
 * what the law makes certflow keep, and the model's retention tail forgets the rest right after.
 */
class PersonalDataErasureProcessTest extends ProcessTestSupport {

    @Autowired PersonalDataErasure erasure;
    @Autowired LicenceImageDisposal imageDisposal;

    @Test
    void anApplicationInProgressIsNotErasedAndTheRefusalSaysWhy() {
        Applicant applicant = inReview();

        PersonalDataErasure.Outcome outcome = erasure.erase(applicant.applicationId());

        assertThat(outcome.erased()).isFalse();
        assertThat(outcome.refusal()).isEqualTo("お申込みが終了していないため削除できません（現在の状態: 審査中）。"
                + "取下げ、失効または終了の後に削除できます。");
        assertThat(application(applicant).hasDetails()).isTrue();
        assertThat(applications.findLicenceImage(applicant.applicationId())).isPresent();
    }

    @Test
    void aRefundedApplicationLosesItsImageAndPersonalDataAtOnceButKeepsItsInvoicesUntilTheirEnd() {
        Applicant applicant = inReview();
        review(applicant, ProcessConstants.DECISION_REJECT, "登録番号が免許証と異なります");
        runJobs(applicant);
        asStaff("keiri", () -> taskService.complete(task(applicant, "RecordRefund").getId(), java.util.Map.of(
                "refundAmount", invoiceTotal(applicant), "refundedOn", today().toString())));
        runJobs(applicant);
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.REFUNDED);
        assertThat(erasure.preview(applicant.applicationId()).refusal()).isNull();

        PersonalDataErasure.Outcome outcome = erasure.erase(applicant.applicationId());

        assertThat(outcome.erased()).isTrue();
        assertThat(outcome.kept()).first().asString().startsWith("請求書・領収書・返還インボイス・入金記録は法人税法")
                .contains("まで保存し、その後に自動で削除します。");
        assertThat(applications.findLicenceImage(applicant.applicationId())).isEmpty();
        assertThat(imageDisposal.of(applicant.applicationId()).orElseThrow().reason())
                .isEqualTo(LicenceImageDisposal.Reason.ERASURE_REQUEST);
        assertThat(application(applicant).personalDataReduced()).isTrue();
        assertThat(application(applicant).details()).isNull();

        driver.travelTo(driver.now().plus(Duration.ofMinutes(1)));
        runJobs(applicant);

        assertThat(runtimeService.getActiveActivityIds(applicant.processInstanceId()))
                .as("the tail went on at once and waits only for the tax records")
                .containsExactly("TaxRecordRetentionEnded");
        assertThat(historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(applicant.processInstanceId())
                .variableName(ProcessConstants.VAR_REVIEW_COMMENT).includeDeleted().count())
                .as("the history forgot the reason's text").isZero();
        assertThat(erasure.erase(applicant.applicationId()).refusal()).isEqualTo("この申込みの個人データは削除済みです。");
    }
}
