package org.certflow.process;

import java.time.Clock;
import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.Receipts;
import org.certflow.mail.ApplicantMail;
import org.certflow.mail.ApplicantMails;
import org.springframework.stereotype.Component;

/** Paid in full: issues the receipt (領収書) once and mails it with the payment confirmation. */
@Component("issueReceipt")
public class IssueReceiptDelegate implements JavaDelegate {

    private final ApplicationRepository applications;
    private final Receipts receipts;
    private final ApplicantMails mails;
    private final DeadlineProperties deadlines;
    private final Clock clock;
    private final ProcessApplications processApplications;

    public IssueReceiptDelegate(ApplicationRepository applications, Receipts receipts, ApplicantMails mails,
                                DeadlineProperties deadlines, Clock clock, ProcessApplications processApplications) {
        this.applications = applications;
        this.receipts = receipts;
        this.mails = mails;
        this.deadlines = deadlines;
        this.clock = clock;
        this.processApplications = processApplications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long applicationId = processApplications.idOf(execution);
        Object receivedOn = execution.getVariable(ProcessConstants.VAR_PAYMENT_RECEIVED_ON);
        LocalDate day = receivedOn == null ? clock.instant().atZone(deadlines.zone()).toLocalDate()
                : LocalDate.parse(receivedOn.toString());
        receipts.issueOnce(applications.get(applicationId), day);
        mails.send(ApplicantMail.PAYMENT_RECEIVED, applicationId,
                execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId());
    }
}
