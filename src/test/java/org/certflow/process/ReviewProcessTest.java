package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.task.Task;
import org.certflow.application.ApplicationStatus;
import org.certflow.portal.OneTimeLinks;
import org.certflow.service.ProcessConstants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The review: escalation to ra-admins, rejection, the correction loop and approval. */
class ReviewProcessTest extends ProcessTestSupport {

    static final String REVIEW_COMPLETED = SERVICE + " 審査完了のお知らせ";
    static final String CORRECTION_REQUEST = SERVICE + " 申込内容修正のお願い";
    static final String REJECTION = SERVICE + " 審査結果のお知らせ";
    static final Pattern LINK = Pattern.compile("http://localhost/link/([A-Za-z0-9_-]{40,})");

    @Autowired OneTimeLinks links;

    @Test
    void raAdminsAreToldWhenTheReviewIsOverdueAfterTenDaysAndTheReviewStaysOpen() {
        Applicant applicant = inReview();
        String subject = SERVICE + " 審査期限超過 " + applicant.orderNumber();

        driver.travel(Duration.ofDays(10).minusMinutes(1));
        runJobs(applicant);
        assertThat(mailbox("ra-admin@staff.certflow.example").subjects()).doesNotContain(subject);

        driver.travel(Duration.ofMinutes(1));
        runJobs(applicant);
        for (String admin : new String[] {"ra-admin@staff.certflow.example", "admin@staff.certflow.example"}) {
            assertThat(mailbox(admin).only(subject).subject()).startsWith(SERVICE + " 審査期限超過");
        }
        assertThat(mailbox("shinsa@staff.certflow.example").subjects()).doesNotContain(subject);
        assertThat(mailbox(applicant).subjects()).doesNotContain(subject);
        assertThat(instance(applicant)).isWaitingAt("ReviewApplication");
        assertThat(openTasks(applicant, "ReviewApplication")).isEqualTo(1);
        assertThat(reached(applicant, "ReviewEscalated")).isTrue();
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.IN_REVIEW);
    }

    @Test
    void rejectedApplicantReadsTheReviewersReasonAndAccountingIsToRefundTheFee() {
        Applicant applicant = inReview();

        review(applicant, ProcessConstants.DECISION_REJECT, "登録番号が免許証の画像と一致しません。");

        assertThat(mailbox(applicant).only(REJECTION).body()).contains("登録番号が免許証の画像と一致しません。");
        assertThat(mailbox(applicant).subjects()).doesNotContain(REVIEW_COMPLETED);
        assertThat(instance(applicant)).isWaitingAt("RecordRefund");
        assertThat(endEventsReached(applicant)).containsExactly("PaymentCompleted");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.REFUND_PENDING);
        assertThat(application(applicant).reviewComment()).isEqualTo("登録番号が免許証の画像と一致しません。");
    }

    @Test
    void returnOrRejectionWithoutReasonIsRefusedAndTheReviewStaysOpen() {
        Applicant applicant = inReview();
        String taskId = task(applicant, "ReviewApplication").getId();

        assertThatThrownBy(() -> taskService.complete(taskId, Map.of(
                ProcessConstants.VAR_REVIEW_DECISION, ProcessConstants.DECISION_REJECT)))
                .hasStackTraceContaining("修正依頼・却下の場合は、申請者に伝える理由を入力してください");
        assertThatThrownBy(() -> taskService.complete(taskId, Map.of(
                ProcessConstants.VAR_REVIEW_DECISION, ProcessConstants.DECISION_RETURN,
                ProcessConstants.VAR_REVIEW_COMMENT, "   ")))
                .hasStackTraceContaining("修正依頼・却下の場合は、申請者に伝える理由を入力してください");
        assertThatThrownBy(() -> taskService.complete(taskId, Map.of(
                ProcessConstants.VAR_REVIEW_DECISION, "maybe")))
                .hasStackTraceContaining("審査結果（承認・修正依頼・却下）を選択してください");

        assertThat(instance(applicant)).isWaitingAt("ReviewApplication");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.IN_REVIEW);
        assertThat(mailbox(applicant).subjects()).doesNotContain(REJECTION, CORRECTION_REQUEST);
    }

    @Test
    void returnedApplicationIsCorrectedWithANewLinkReviewedAgainAndApproved() {
        Applicant applicant = inReview();
        String uploadLink = link(mailbox(applicant).only(SERVICE + " 建築士免許証画像アップロードURL").body());

        review(applicant, ProcessConstants.DECISION_RETURN, "免許証の画像が不鮮明です。撮り直してください。");

        String body = mailbox(applicant).only(CORRECTION_REQUEST).body();
        assertThat(body).contains("免許証の画像が不鮮明です。撮り直してください。");
        String correctionLink = link(body);
        assertThat(correctionLink).isNotEqualTo(uploadLink);
        assertThat(links.findUsable(correctionLink)).get()
                .extracting(OneTimeLinks.Link::purpose).isEqualTo(OneTimeLinks.Purpose.CORRECTION);
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.RETURNED_FOR_CORRECTION);
        assertThat(instance(applicant)).isWaitingAt("WaitForCorrection");

        driver.travel(Duration.ofDays(2));
        portal.submit(applicant.applicationId(), PICKUP_PASSWORD);
        runJobs(applicant);

        assertThat(instance(applicant)).isWaitingAt("ReviewApplication");
        assertThat(application(applicant).revision()).isEqualTo(1);
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.IN_REVIEW);
        assertThat(links.findUsable(correctionLink)).as("the link dies with the resubmission").isEmpty();

        review(applicant, ProcessConstants.DECISION_APPROVE, null);

        assertThat(mailbox(applicant).only(REVIEW_COMPLETED)).isNotNull();
        assertThat(mailbox(applicant).only("電子証明書取得のお願い/ " + applicant.orderNumber() + " : " + PICKUP_LABEL))
                .isNotNull();
        assertThat(mailbox(applicant).only(CORRECTION_REQUEST)).as("one correction request").isNotNull();
        assertThat(instance(applicant)).isWaitingAt("WaitForPickup");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_PICKUP);
    }

    @Test
    void correctionLinkExpiresAfterSevenDaysAndThePaidFeeIsRefunded() {
        Applicant applicant = inReview();
        review(applicant, ProcessConstants.DECISION_RETURN, "住所が未記入です。");
        int mails = mailbox(applicant).subjects().size();

        driver.travel(Duration.ofDays(7).minusMinutes(1));
        runJobs(applicant);
        assertThat(instance(applicant)).isWaitingAt("WaitForCorrection");

        driver.travel(Duration.ofMinutes(1));
        runJobs(applicant);
        assertThat(instance(applicant)).isWaitingAt("RecordRefund");
        assertThat(endEventsReached(applicant)).containsExactly("PaymentCompleted");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.REFUND_PENDING);
        assertThat(mailbox(applicant).subjects()).as("no further mail until the refund").hasSize(mails);
    }

    @Test
    void approvalNeedsEveryChecklistItemAndTheTaskSaysWhatToReview() {
        Applicant applicant = inReview();
        Task review = task(applicant, "ReviewApplication");
        assertThat(review.getName()).as("the order number, never the applicant's name")
                .isEqualTo("審査: " + applicant.orderNumber() + " 一級建築士");
        assertThat(review.getDescription()).as("the engine's history keeps descriptions: no registration number")
                .contains("登録番号と免許証等の画像を照合").doesNotContain("123456");
        assertThat(review.getFollowUpDate()).isCloseTo(Date.from(review.getCreateTime().toInstant().plus(Duration.ofDays(7))), 1000);
        assertThat(review.getDueDate()).isCloseTo(Date.from(review.getCreateTime().toInstant().plus(Duration.ofDays(10))), 1000);

        Map<String, Object> unchecked = new HashMap<>(reviewForm(ProcessConstants.DECISION_APPROVE, null, false));
        unchecked.put("checkNameMatches", false);
        assertThatThrownBy(() -> taskService.complete(review.getId(), unchecked))
                .hasStackTraceContaining("確認項目（登録番号・氏名・画像・資格）をすべてチェックしてください");
        assertThat(instance(applicant)).isWaitingAt("ReviewApplication");

        // a return needs no checklist: the point is that something did not match
        unchecked.put(ProcessConstants.VAR_REVIEW_DECISION, ProcessConstants.DECISION_RETURN);
        unchecked.put(ProcessConstants.VAR_REVIEW_COMMENT, "氏名が免許証と一致しません。");
        taskService.complete(review.getId(), unchecked);
        runJobs(applicant);
        assertThat(instance(applicant)).isWaitingAt("WaitForCorrection");
        assertThat(jdbc.sql("select stage, decision, name_matches from review_record where application_id = :id")
                .param("id", applicant.applicationId()).query().listOfRows())
                .singleElement().satisfies(row -> assertThat(row.values()).containsExactly("FIRST", "return", false));
    }

    @Test
    void doubtOnApprovalNeedsASecondReviewerWhoIsSomebodyElse() {
        Applicant applicant = inReview();
        Task first = task(applicant, "ReviewApplication");
        taskService.claim(first.getId(), "shinsa");
        asStaff("shinsa", () -> taskService.complete(first.getId(),
                reviewForm(ProcessConstants.DECISION_APPROVE, null, true)));
        runJobs(applicant);

        assertThat(instance(applicant)).isWaitingAt("SecondReview");
        assertThat(mailbox(applicant).subjects()).doesNotContain(REVIEW_COMPLETED);
        Task second = task(applicant, "SecondReview");
        assertThat(second.getName()).isEqualTo("二次審査: " + applicant.orderNumber() + " 一級建築士");
        assertThat(second.getDescription()).contains("shinsa");

        assertThatThrownBy(() -> taskService.claim(second.getId(), "shinsa"))
                .hasStackTraceContaining("一次審査をした担当者は二次審査できません");
        assertThatThrownBy(() -> asStaff("shinsa", () -> taskService.complete(second.getId(),
                reviewForm(ProcessConstants.DECISION_APPROVE, null, false))))
                .hasStackTraceContaining("一次審査をした担当者は二次審査できません");

        asStaff("admin", () -> taskService.complete(second.getId(),
                reviewForm(ProcessConstants.DECISION_APPROVE, null, true)));
        runJobs(applicant);
        assertThat(instance(applicant)).as("the second decision is final, whatever its doubt box says")
                .isWaitingAt("WaitForPickup");
        assertThat(mailbox(applicant).only(REVIEW_COMPLETED)).isNotNull();
        assertThat(jdbc.sql("select stage, reviewer, decision, doubt from review_record where application_id = :id order by id")
                .param("id", applicant.applicationId()).query().listOfRows())
                .extracting(row -> List.copyOf(row.values()))
                .containsExactly(List.of("FIRST", "shinsa", "approve", true), List.of("SECOND", "admin", "approve", false));
    }

    @Test
    void secondReviewerMayStillReturnTheApplication() {
        Applicant applicant = inReview();
        asStaff("shinsa", () -> taskService.complete(task(applicant, "ReviewApplication").getId(),
                reviewForm(ProcessConstants.DECISION_APPROVE, null, true)));
        runJobs(applicant);
        asStaff("admin", () -> taskService.complete(task(applicant, "SecondReview").getId(),
                reviewForm(ProcessConstants.DECISION_RETURN, "画像が不鮮明です。撮り直してください。", false)));
        runJobs(applicant);
        assertThat(instance(applicant)).isWaitingAt("WaitForCorrection");
        assertThat(mailbox(applicant).only(CORRECTION_REQUEST).body()).contains("画像が不鮮明です。");
    }

    private static String link(String body) {
        Matcher matcher = LINK.matcher(body);
        assertThat(matcher.find()).as("a one-time link in %s", body).isTrue();
        return matcher.group(1);
    }
}
