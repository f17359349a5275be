package org.certflow.process;

import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The second pair of eyes on a revocation: somebody of {@code ra-admins} other than the requester approves
 * or declines it; a decline needs a reason, which stays in the request's history.
 */
@Component("revocationApproval")
public class RevocationApproval {

    static final String APPROVE = "approve";
    static final String DECLINE = "decline";
    static final String VAR_APPROVAL_COMMENT = "approvalComment";

    public void checkAssignee(DelegateTask task) {
        refuseRequester(task, task.getAssignee());
    }

    public void check(DelegateTask task) {
        refuseRequester(task, TaskActor.of(task));
        Object decision = task.getVariable(ProcessConstants.VAR_REVOCATION_DECISION);
        if (!APPROVE.equals(decision) && !DECLINE.equals(decision)) {
            throw new IllegalArgumentException("承認または却下を選択してください");
        }
        Object comment = task.getVariable(VAR_APPROVAL_COMMENT);
        if (DECLINE.equals(decision) && (comment == null || comment.toString().isBlank())) {
            throw new IllegalArgumentException("却下する場合は理由を入力してください");
        }
    }

    private static void refuseRequester(DelegateTask task, String user) {
        Object requester = task.getVariable(ProcessConstants.VAR_REVOCATION_REQUESTER);
        if (user != null && Objects.equals(requester, user)) {
            throw new IllegalArgumentException("失効を依頼した本人は承認できません。別の登録局管理者が承認してください");
        }
    }
}
