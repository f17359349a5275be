package org.certflow.process;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The review form's decision, checked on the server: a known decision, and a reason for return or reject. */
@Component("reviewDecisionCheck")
public class ReviewDecisionCheck {

    static final int COMMENT_MAX = 2000;
    private static final Set<String> DECISIONS = Set.of(
            ProcessConstants.DECISION_APPROVE, ProcessConstants.DECISION_RETURN, ProcessConstants.DECISION_REJECT);

    public void check(DelegateTask task) {
        Object decision = task.getVariable(ProcessConstants.VAR_REVIEW_DECISION);
        if (decision == null || !DECISIONS.contains(decision.toString())) {
            throw new IllegalArgumentException("審査結果（承認・修正依頼・却下）を選択してください");
        }
        Object comment = task.getVariable(ProcessConstants.VAR_REVIEW_COMMENT);
        String text = comment == null ? "" : comment.toString().strip();
        if (!decision.equals(ProcessConstants.DECISION_APPROVE) && text.isEmpty()) {
            throw new IllegalArgumentException("修正依頼・却下の場合は、申請者に伝える理由を入力してください");
        }
        if (text.length() > COMMENT_MAX) {
            throw new IllegalArgumentException("理由は" + COMMENT_MAX + "文字以内で入力してください");
        }
    }
}
