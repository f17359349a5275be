package org.certflow.process;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.certflow.application.Application;
import org.certflow.application.Qualification;
import org.certflow.billing.FeeQuotes;
import org.certflow.review.EligibilityRecord;
import org.certflow.review.EligibilityRecords;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * The eligibility check of a 「その他」 applicant (the seed: 別途お問い合わせください), before any invoice. Whether an
 * application needs it is read from the application's qualification in certflow's table, not from a variable. The
 * form's decision is checked on the server and recorded with the logged-in user as the one who decided; the
 * invoice then applies the recorded fee category, and a refusal mail quotes the recorded reason.
 */
@Component("eligibilityCheck")
public class EligibilityCheck {

    static final int REASON_MAX = 2000;

    private final ProcessApplications applications;
    private final EligibilityRecords records;
    private final FeeQuotes fees;
    private final Clock clock;

    public EligibilityCheck(ProcessApplications applications, EligibilityRecords records, FeeQuotes fees,
                            Clock clock) {
        this.applications = applications;
        this.records = records;
        this.fees = fees;
        this.clock = clock;
    }

    /** The gateway after the main application: only 「その他」 qualifications are checked by staff. */
    public boolean needed(DelegateExecution execution) {
        return applications.of(execution).qualification() == Qualification.OTHER;
    }

    /** On completion of the eligibility task. */
    public void check(DelegateTask task) {
        String decidedBy = TaskActor.of(task);
        if (decidedBy == null) {
            throw new IllegalArgumentException("資格確認の担当者を確認できません。登録局管理者としてログインして完了してください");
        }
        Application application = applications.of(task);
        if (records.find(application.id()).isPresent()) {
            throw new IllegalArgumentException("この申込の資格確認は記録済みです。画面を再読み込みしてください");
        }
        Boolean eligible = decision(task.getVariable(ProcessConstants.VAR_ELIGIBLE));
        if (eligible == null) {
            throw new IllegalArgumentException("資格確認の結果（対象・対象外）を選択してください");
        }
        String reason = text(task.getVariable(ProcessConstants.VAR_ELIGIBILITY_REASON));
        if (reason.length() > REASON_MAX) {
            throw new IllegalArgumentException("理由は" + REASON_MAX + "文字以内で入力してください");
        }
        Qualification feeCategory = null;
        if (eligible) {
            feeCategory = feeCategory(task.getVariable(ProcessConstants.VAR_FEE_CATEGORY))
                    .filter(category -> fees.hasFee(application, category))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "適用する料金区分を、手数料表（fees.dmn）にある区分から選択してください"));
        } else if (reason.isEmpty()) {
            throw new IllegalArgumentException("対象外の場合は、申請者に伝える理由を入力してください");
        }
        records.add(new EligibilityRecord(application.id(), eligible, feeCategory, reason.isEmpty() ? null : reason,
                decidedBy, clock.instant()));
        // the gateway reads a clean boolean; the category and the reason live in certflow's table only
        task.getExecution().setVariable(ProcessConstants.VAR_ELIGIBLE, eligible);
        task.getExecution().removeVariables(
                List.of(ProcessConstants.VAR_FEE_CATEGORY, ProcessConstants.VAR_ELIGIBILITY_REASON));
    }

    /**
     * The fee category the invoice applies: the applicant's own qualification, or for a 「その他」 applicant the one
     * the eligibility check recorded. Without an eligible record there is no invoice: whoever may modify the
     * process instance could otherwise move it past the check.
     */
    public Qualification feeCategoryOf(Application application) {
        if (application.qualification() != Qualification.OTHER) {
            return application.qualification();
        }
        return records.find(application.id()).flatMap(EligibilityRecord::eligibleAt)
                .orElseThrow(() -> new IllegalStateException(
                        "資格確認で対象とされていない申込には請求できません（" + application.orderNumber() + "）"));
    }

    private static Boolean decision(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.valueOf((String) value);
        }
        return null;
    }

    private static Optional<Qualification> feeCategory(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Qualification.valueOf(value.toString()));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }
}
