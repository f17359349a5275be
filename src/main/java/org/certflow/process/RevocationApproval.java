package org.certflow.process;

import java.time.Clock;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.certflow.review.RevocationRequest;
import org.certflow.review.RevocationRequests;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * The second pair of eyes on a revocation: somebody of {@code ra-admins} other than the requester approves
 * or declines it; a decline needs a reason. The requester comes from certflow's record of the request, the
 * approver from the engine's login, and the decision is recorded with both.
 */
@Component("revocationApproval")
public class RevocationApproval {

    static final String VAR_APPROVAL_COMMENT = "approvalComment";
    static final int COMMENT_MAX = 1000;

    private final RevocationRequests requests;
    private final Clock clock;

    public RevocationApproval(RevocationRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    public void checkAssignee(DelegateTask task) {
        refuseRequester(request(task), task.getAssignee());
    }

    public void check(DelegateTask task) {
        RevocationRequest request = request(task);
        String approver = TaskActor.of(task);
        if (approver == null) {
            throw new IllegalArgumentException("承認者を確認できません。登録局管理者としてログインして承認してください");
        }
        refuseRequester(request, approver);
        Object decision = task.getVariable(ProcessConstants.VAR_REVOCATION_DECISION);
        if (!RevocationRequest.APPROVE.equals(decision) && !RevocationRequest.DECLINE.equals(decision)) {
            throw new IllegalArgumentException("承認または却下を選択してください");
        }
        Object value = task.getVariable(VAR_APPROVAL_COMMENT);
        String comment = value == null ? "" : value.toString().strip();
        if (RevocationRequest.DECLINE.equals(decision) && comment.isEmpty()) {
            throw new IllegalArgumentException("却下する場合は理由を入力してください");
        }
        if (comment.length() > COMMENT_MAX) {
            throw new IllegalArgumentException("コメントは" + COMMENT_MAX + "文字以内で入力してください");
        }
        requests.decide(request.id(), decision.toString(), approver, comment.isEmpty() ? null : comment,
                clock.instant());
    }

    private RevocationRequest request(DelegateTask task) {
        return requests.ofProcessInstance(task.getProcessInstanceId()).orElseThrow(() -> new IllegalStateException(
                "Revocation request " + task.getProcessInstanceId() + " has no record"));
    }

    private static void refuseRequester(RevocationRequest request, String user) {
        if (user != null && Objects.equals(request.requestedBy(), user)) {
            throw new IllegalArgumentException("失効を依頼した本人は承認できません。別の登録局管理者が承認してください");
        }
    }
}
