package org.certflow.process;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.certflow.application.Application;
import org.certflow.certificate.letter.LetterReissue;
import org.certflow.certificate.letter.LetterReissues;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * ra-admins' decision on a request for a new distribution letter: approve, or refuse with a reason the applicant
 * is mailed. Who decided comes from the engine's login, never from the form; an application that has moved past
 * its pickup meanwhile can only be refused. The model branches on the recorded decision.
 */
@Component("letterReissueApproval")
public class LetterReissueApproval {

    static final String VAR_REASON = "letterReissueReason";

    private final LetterReissues reissues;
    private final ProcessApplications processApplications;
    private final Clock clock;

    public LetterReissueApproval(LetterReissues reissues, ProcessApplications processApplications, Clock clock) {
        this.reissues = reissues;
        this.processApplications = processApplications;
        this.clock = clock;
    }

    public void check(DelegateTask task) {
        String decidedBy = TaskActor.of(task);
        if (decidedBy == null) {
            throw new IllegalArgumentException("判断者を確認できません。登録局管理者としてログインして完了してください");
        }
        Object decision = task.getVariable(ProcessConstants.VAR_LETTER_REISSUE_DECISION);
        if (!LetterReissue.APPROVE.equals(decision) && !LetterReissue.REFUSE.equals(decision)) {
            throw new IllegalArgumentException("承認または再発行しないを選択してください");
        }
        Object value = task.getVariable(VAR_REASON);
        String reason = value == null ? "" : value.toString().strip();
        if (LetterReissue.REFUSE.equals(decision) && reason.isEmpty()) {
            throw new IllegalArgumentException("再発行しない場合は、申請者へお知らせする理由を入力してください");
        }
        if (reason.length() > LetterReissues.REASON_MAX) {
            throw new IllegalArgumentException("理由は" + LetterReissues.REASON_MAX + "文字以内で入力してください");
        }
        Application application = processApplications.of(task);
        if (LetterReissue.APPROVE.equals(decision) && !LetterReissue.beforePickup(application.status())) {
            throw new IllegalArgumentException("このお申込みは現在「" + application.status().label()
                    + "」のため、配布状は再発行できません。理由を入力して「再発行しない」を選んでください");
        }
        reissues.decide(application.id(), decision.toString(), decidedBy, reason.isEmpty() ? null : reason,
                clock.instant());
        // the record holds the decision now; the next request's form starts empty
        task.removeVariable(ProcessConstants.VAR_LETTER_REISSUE_DECISION);
        task.removeVariable(VAR_REASON);
    }

    /** The model's branch, from certflow's record of the decision rather than a variable a form could set. */
    public boolean approved(DelegateExecution execution) {
        return reissues.latest(processApplications.idOf(execution))
                .map(reissue -> LetterReissue.APPROVE.equals(reissue.decision())).orElse(false);
    }
}
