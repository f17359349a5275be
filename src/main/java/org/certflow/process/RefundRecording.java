package org.certflow.process;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.certflow.billing.Refunds;
import org.certflow.service.DeadlineProperties;
import org.springframework.stereotype.Component;

/**
 * The refund step of the model. Its gateways ask whether money was received (and not yet returned); the refund
 * task's completion records what accounting entered, checked on the server: a positive amount never above what
 * was received, a real day not in the future, and a comment whenever less than everything goes back (a bank fee
 * deducted, say). Who refunded is the user logged in when the task is completed, never a form value. A refusal
 * keeps the task open and Tasklist shows the message.
 */
@Component("refundRecording")
public class RefundRecording {

    static final String VAR_REFUND_AMOUNT = "refundAmount";
    static final String VAR_REFUNDED_ON = "refundedOn";
    static final String VAR_REFUND_COMMENT = "refundComment";
    static final int COMMENT_MAX = 1000;

    private final Refunds refunds;
    private final DeadlineProperties deadlines;
    private final ProcessApplications applications;
    private final Clock clock;

    public RefundRecording(Refunds refunds, DeadlineProperties deadlines, ProcessApplications applications,
                           Clock clock) {
        this.refunds = refunds;
        this.deadlines = deadlines;
        this.applications = applications;
        this.clock = clock;
    }

    /** Money was received for the application and has not gone back yet. */
    public boolean moneyReceived(DelegateExecution execution) {
        return refunds.refundable(applications.of(execution).id()) > 0;
    }

    public void record(DelegateTask task) {
        long applicationId = applications.of(task).id();
        long refundable = refunds.refundable(applicationId);
        int amount = amount(task.getVariable(VAR_REFUND_AMOUNT));
        LocalDate refundedOn = refundedOn(task.getVariable(VAR_REFUNDED_ON));
        String comment = text(task.getVariable(VAR_REFUND_COMMENT));
        if (comment.length() > COMMENT_MAX) {
            throw new IllegalArgumentException("コメントは" + COMMENT_MAX + "文字以内で入力してください");
        }
        if (amount > refundable) {
            throw new IllegalArgumentException("返金額 " + yen(amount) + " 円が入金額 " + yen(refundable)
                    + " 円を超えています。入金額を超える返金はできません");
        }
        if (amount < refundable && comment.isEmpty()) {
            throw new IllegalArgumentException("返金額 " + yen(amount) + " 円が入金額 " + yen(refundable)
                    + " 円より少なくなっています。差し引いた理由（振込手数料など）をコメントに入力してください");
        }
        String actor = TaskActor.of(task);
        if (actor == null) {
            throw new IllegalArgumentException("返金を記録する担当者を特定できません。Tasklistにログインして完了してください");
        }
        refunds.record(applicationId, amount, refundedOn, comment.isEmpty() ? null : comment, actor,
                clock.instant());
        task.getExecution().removeVariables(List.of(VAR_REFUND_AMOUNT, VAR_REFUNDED_ON, VAR_REFUND_COMMENT));
    }

    private static int amount(Object value) {
        long amount;
        try {
            amount = value instanceof Number number ? number.longValue() : Long.parseLong(text(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("返金額を半角数字で入力してください");
        }
        if (amount <= 0 || amount > 10_000_000) {
            throw new IllegalArgumentException("返金額は1円から10,000,000円の間で入力してください");
        }
        return (int) amount;
    }

    private LocalDate refundedOn(Object value) {
        LocalDate refundedOn;
        try {
            refundedOn = LocalDate.parse(text(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("返金日を YYYY-MM-DD の形式で入力してください");
        }
        if (refundedOn.isAfter(clock.instant().atZone(deadlines.zone()).toLocalDate())) {
            throw new IllegalArgumentException("返金日に未来の日付は指定できません");
        }
        return refundedOn;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }

    private static String yen(long amount) {
        return String.format("%,d", amount);
    }
}
