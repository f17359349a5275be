package org.certflow.process;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.certflow.application.Application;
import org.certflow.review.ReviewRecord.Checklist;
import org.certflow.review.ReviewRecord.Stage;
import org.certflow.review.ReviewRecord;
import org.certflow.review.ReviewRecords;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * The review form's decision, checked on the server and recorded: a known decision, every checklist item
 * confirmed for an approval, a reason for return or reject. A doubt on approval sends the application to a
 * second reviewer, who must be somebody else (four eyes); the second decision is final. Who made the first
 * review is read from {@code review_record}, the application from the instance's business key: nothing a
 * task's candidate could write decides who may take the second review.
 */
@Component("reviewDecisionCheck")
public class ReviewDecisionCheck {

    static final int COMMENT_MAX = 2000;
    static final String SECOND_REVIEW = "SecondReview";
    static final String VAR_NUMBER_READABLE = "checkNumberReadable";
    static final String VAR_NAME_MATCHES = "checkNameMatches";
    static final String VAR_IMAGE_LEGIBLE = "checkImageLegible";
    static final String VAR_QUALIFICATION_MATCHES = "checkQualificationMatches";
    private static final Set<String> DECISIONS = Set.of(
            ProcessConstants.DECISION_APPROVE, ProcessConstants.DECISION_RETURN, ProcessConstants.DECISION_REJECT);

    private final ProcessApplications applications;
    private final ReviewRecords reviews;
    private final Clock clock;

    public ReviewDecisionCheck(ProcessApplications applications, ReviewRecords reviews, Clock clock) {
        this.applications = applications;
        this.reviews = reviews;
        this.clock = clock;
    }

    /** On completion of the first or the second review. */
    public void check(DelegateTask task) {
        Stage stage = SECOND_REVIEW.equals(task.getTaskDefinitionKey()) ? Stage.SECOND : Stage.FIRST;
        String reviewer = TaskActor.of(task);
        Application application = applications.of(task);
        if (stage == Stage.SECOND) {
            if (reviewer == null) {
                throw new IllegalArgumentException("二次審査の担当者を確認できません。審査担当者としてログインして審査してください");
            }
            refuseFirstReviewer(application, reviewer);
        }
        Object decision = task.getVariable(ProcessConstants.VAR_REVIEW_DECISION);
        if (decision == null || !DECISIONS.contains(decision.toString())) {
            throw new IllegalArgumentException("審査結果（承認・修正依頼・却下）を選択してください");
        }
        boolean approve = decision.equals(ProcessConstants.DECISION_APPROVE);
        Object comment = task.getVariable(ProcessConstants.VAR_REVIEW_COMMENT);
        String text = comment == null ? "" : comment.toString().strip();
        if (!approve && text.isEmpty()) {
            throw new IllegalArgumentException("修正依頼・却下の場合は、申請者に伝える理由を入力してください");
        }
        if (text.length() > COMMENT_MAX) {
            throw new IllegalArgumentException("理由は" + COMMENT_MAX + "文字以内で入力してください");
        }
        Checklist checklist = new Checklist(flag(task, VAR_NUMBER_READABLE), flag(task, VAR_NAME_MATCHES),
                flag(task, VAR_IMAGE_LEGIBLE), flag(task, VAR_QUALIFICATION_MATCHES));
        if (approve && !checklist.complete()) {
            throw new IllegalArgumentException("承認するには、確認項目（登録番号・氏名・画像・資格）をすべてチェックしてください");
        }
        // only the first reviewer's doubt on an approval asks for four eyes; the second decision is final
        boolean doubt = stage == Stage.FIRST && approve && flag(task, ProcessConstants.VAR_REVIEW_DOUBT);

        reviews.add(new ReviewRecord(application.id(), application.revision(), stage, reviewer, decision.toString(),
                checklist, doubt, text.isEmpty() ? null : text, clock.instant()));

        task.getExecution().setVariable(ProcessConstants.VAR_REVIEW_DOUBT, doubt);
        task.getExecution().removeVariables(
                List.of(VAR_NUMBER_READABLE, VAR_NAME_MATCHES, VAR_IMAGE_LEGIBLE, VAR_QUALIFICATION_MATCHES));
    }

    /** On assignment of the second review: the first reviewer may not take it. */
    public void checkAssignee(DelegateTask task) {
        if (task.getAssignee() != null) {
            refuseFirstReviewer(applications.of(task), task.getAssignee());
        }
    }

    private void refuseFirstReviewer(Application application, String user) {
        if (reviews.firstReviewer(application.id(), application.revision()).filter(user::equals).isPresent()) {
            throw new IllegalArgumentException("一次審査をした担当者は二次審査できません。別の審査担当者に依頼してください");
        }
    }

    private static boolean flag(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }
}
