package org.certflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.BillingMail;
import org.certflow.billing.Invoices;
import org.certflow.mail.ApplicantMails;
import org.springframework.stereotype.Component;

/** 【請求時】: issues the invoice once, at the fee category the eligibility check chose where there was one, and mails it. */
@Component("issueInvoice")
public class IssueInvoiceDelegate implements JavaDelegate {

    private final ApplicationRepository applications;
    private final Invoices invoices;
    private final ApplicantMails mails;
    private final ProcessApplications processApplications;
    private final EligibilityCheck eligibility;

    public IssueInvoiceDelegate(ApplicationRepository applications, Invoices invoices, ApplicantMails mails,
                                ProcessApplications processApplications, EligibilityCheck eligibility) {
        this.applications = applications;
        this.eligibility = eligibility;
        this.invoices = invoices;
        this.mails = mails;
        this.processApplications = processApplications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long applicationId = processApplications.idOf(execution);
        Application application = applications.get(applicationId);
        invoices.issueOnce(application, eligibility.feeCategoryOf(application));
        mails.send(BillingMail.INVOICE, applicationId,
                execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId());
    }
}
