package org.certflow.process;

import java.time.Clock;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.retention.PersonalDataReduction;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * 個人データを削除: the application's personal data has served. Its row is reduced, and the variables that carry
 * text the applicant or staff wrote leave the instance; their history goes in the next step, in a later
 * transaction, once the engine has recorded the removal.
 */
@Component("reducePersonalData")
public class ReducePersonalDataDelegate implements JavaDelegate {

    /** The variables of a {@code certificate-application} instance that may carry personal data. */
    static final List<String> PERSONAL_VARIABLES = List.of(ProvisionalApplicationStart.FORM_EMAIL,
            ProcessConstants.VAR_REVIEW_COMMENT, ProcessConstants.VAR_ELIGIBILITY_REASON, "letterReissueReason",
            "paymentComment", "refundComment");

    private final PersonalDataReduction reduction;
    private final ProcessApplications processApplications;
    private final Clock clock;

    public ReducePersonalDataDelegate(PersonalDataReduction reduction, ProcessApplications processApplications,
                                      Clock clock) {
        this.reduction = reduction;
        this.processApplications = processApplications;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        reduction.reduce(processApplications.idOf(execution), clock.instant());
        for (String name : PERSONAL_VARIABLES) {
            execution.getProcessInstance().removeVariable(name);
        }
    }
}
