package org.certflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.mail.ApplicantMail;
import org.certflow.mail.ApplicantMails;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * Every mail task of the model: {@code camunda:delegateExpression="${sendApplicantMail}"} with the local
 * input {@code mail} naming the mail. Runs as a job (asyncBefore), so a failed SMTP call becomes a retry
 * and then an incident; the key makes a retry skip a mail that already left.
 */
@Component("sendApplicantMail")
public class SendApplicantMailDelegate implements JavaDelegate {

    private final ApplicantMails mails;
    private final ProcessApplications processApplications;

    public SendApplicantMailDelegate(ApplicantMails mails, ProcessApplications processApplications) {
        this.mails = mails;
        this.processApplications = processApplications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ApplicantMail mail = mails.named((String) execution.getVariableLocal(ProcessConstants.VAR_MAIL));
        long applicationId = processApplications.idOf(execution);
        String visit = execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId();
        Object occurrence = execution.getVariableLocal(ProcessConstants.VAR_MAIL_OCCURRENCE);
        if (occurrence != null) {
            visit += ":" + occurrence;
        }
        mails.send(mail, applicationId, visit);
    }
}
