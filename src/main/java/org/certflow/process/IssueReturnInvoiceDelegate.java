package org.certflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.RefundMail;
import org.certflow.billing.Refunds;
import org.certflow.mail.ApplicantMails;
import org.springframework.stereotype.Component;

/** Refund recorded: issues the return invoice (返還インボイス) once and mails it to the applicant. */
@Component("issueReturnInvoice")
public class IssueReturnInvoiceDelegate implements JavaDelegate {

    private final ApplicationRepository applications;
    private final Refunds refunds;
    private final ApplicantMails mails;
    private final ProcessApplications processApplications;

    public IssueReturnInvoiceDelegate(ApplicationRepository applications, Refunds refunds, ApplicantMails mails,
                                      ProcessApplications processApplications) {
        this.applications = applications;
        this.refunds = refunds;
        this.mails = mails;
        this.processApplications = processApplications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long applicationId = processApplications.idOf(execution);
        refunds.issueOnce(applications.get(applicationId));
        mails.send(RefundMail.REFUND, applicationId,
                execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId());
    }
}
