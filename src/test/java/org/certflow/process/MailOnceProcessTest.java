package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.certflow.mail.ApplicantMails;
import org.certflow.portal.PortalMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A mail job that is retried never mails the applicant twice. */
class MailOnceProcessTest extends ProcessTestSupport {

    static final String UPLOAD_LINK = SERVICE + " 建築士免許証画像アップロードURL";

    @Autowired ManagementService managementService;
    @Autowired ApplicantMails mails;

    @Test
    void mailJobFailingWhileTheSmtpServerIsDownIsRetriedAndSendsOnce() {
        Applicant applicant;
        greenMail.stop();
        try {
            applicant = startWithoutRunningJobs();
            Job job = managementService.createJobQuery().processInstanceId(applicant.processInstanceId())
                    .activityId("SendUploadLinkMail").singleResult();
            assertThatThrownBy(() -> managementService.executeJob(job.getId())).isNotNull();
            Job retried = managementService.createJobQuery().jobId(job.getId()).singleResult();
            assertThat(retried.getRetries()).isEqualTo(4);
            assertThat(retried.getDuedate().toInstant()).isAfter(driver.now().plus(Duration.ofMinutes(4)));
        } finally {
            greenMail.start();
        }
        assertThat(instance(applicant)).isNotWaitingAt("WaitForMainApplication");

        driver.travel(Duration.ofMinutes(5));
        runJobs(applicant);
        assertThat(mailbox(applicant).only(UPLOAD_LINK)).isNotNull();
        assertThat(instance(applicant)).isWaitingAt("WaitForMainApplication");
    }

    @Test
    void smtpDownForAllRetriesBecomesAnIncidentThatRetryFromCockpitResolvesWithOneMail() {
        Applicant applicant;
        Job job;
        greenMail.stop();
        try {
            applicant = startWithoutRunningJobs();
            job = managementService.createJobQuery().processInstanceId(applicant.processInstanceId())
                    .activityId("SendUploadLinkMail").singleResult();
            for (int attempt = 1; attempt <= 5; attempt++) {
                String jobId = job.getId();
                assertThatThrownBy(() -> managementService.executeJob(jobId)).isNotNull();
                driver.travel(Duration.ofMinutes(5));
            }
            assertThat(managementService.createJobQuery().jobId(job.getId()).singleResult().getRetries()).isZero();
            Incident incident = runtimeService.createIncidentQuery()
                    .processInstanceId(applicant.processInstanceId()).singleResult();
            assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
            assertThat(incident.getActivityId()).isEqualTo("SendUploadLinkMail");
            assertThat(incident.getIncidentMessage()).as("what Cockpit shows the operator")
                    .contains("SMTP server").contains("did not accept the mail");
            assertThat(runJobs(applicant)).as("an incident waits for an operator").isZero();
        } finally {
            greenMail.start();
        }

        // Cockpit's "retry" gives the job its retries back; the next run sends the mail once
        managementService.setJobRetries(job.getId(), 1);
        runJobs(applicant);
        assertThat(mailbox(applicant).only(UPLOAD_LINK)).isNotNull();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(applicant.processInstanceId()).count()).isZero();
        assertThat(instance(applicant)).isWaitingAt("WaitForMainApplication");
    }

    @Test
    void sameVisitOfAMailTaskSendsItsMailOnce() {
        Applicant applicant = applyProvisionally();
        String visit = applicant.processInstanceId() + ":SendUploadLinkMail";

        mails.send(PortalMail.UPLOAD_LINK, applicant.applicationId(), visit);
        mails.send(PortalMail.UPLOAD_LINK, applicant.applicationId(), visit);

        assertThat(mailbox(applicant).only(UPLOAD_LINK)).isNotNull();
    }

    private Applicant startWithoutRunningJobs() {
        String email = "yamada-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
        var application = portal.applyProvisionally(email, org.certflow.application.Qualification.FIRST_CLASS_ARCHITECT);
        var instance = runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(application.orderNumber()).singleResult();
        return new Applicant(email, application.id(), application.orderNumber(), instance);
    }
}
