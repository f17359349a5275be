package org.certflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.BillingMail;
import org.certflow.billing.Receipts;
import org.certflow.mail.ApplicantMails;
import org.springframework.stereotype.Component;

/** Paid in full: issues the receipt (領収書) once and mails it with the payment confirmation. */
@Component("issueReceipt")
public class IssueReceiptDelegate implements JavaDelegate {

    private final ApplicationRepository applications;
    private final Receipts receipts;
    private final ApplicantMails mails;
    private final ProcessApplications processApplications;

    public IssueReceiptDelegate(ApplicationRepository applications, Receipts receipts, ApplicantMails mails,
                                ProcessApplications processApplications) {
        this.applications = applications;
        this.receipts = receipts;
        this.mails = mails;
        this.processApplications = processApplications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long applicationId = processApplications.idOf(execution);
        receipts.issueOnce(applications.get(applicationId));
        mails.send(BillingMail.PAYMENT_RECEIVED, applicationId,
                execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId());
    }
}
