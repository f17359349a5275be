package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;

import org.certflow.application.ApplicationStatus;
import org.junit.jupiter.api.Test;

/** The one-time link of the provisional application lives seven days. */
class OneTimeLinkProcessTest extends ProcessTestSupport {

    @Test
    void linkExpiresSevenDaysAfterTheProvisionalApplicationWithoutMainApplication() {
        Applicant applicant = applyProvisionally();
        assertThat(mailbox(applicant).subjects()).containsExactly(SERVICE + " 建築士免許証画像アップロードURL");

        driver.travel(Duration.ofDays(7).minusMinutes(1));
        runJobs(applicant);
        assertThat(instance(applicant)).isWaitingAt("WaitForMainApplication");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_MAIN_APPLICATION);

        driver.travel(Duration.ofMinutes(1));
        runJobs(applicant);
        assertEnded(applicant);
        assertThat(endEventsReached(applicant)).containsExactly("LinkExpired");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.LINK_EXPIRED);
        assertThat(mailbox(applicant).subjects()).as("no further mail").hasSize(1);
    }

    @Test
    void mainApplicationAfterTheLinkExpiredIsRefused() {
        Applicant applicant = applyProvisionally();
        driver.travel(Duration.ofDays(7));
        runJobs(applicant);

        assertThat(submitMainApplication(applicant)).as("the portal does not take it, nor say it did").isFalse();
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.LINK_EXPIRED);
        assertThat(mailbox(applicant).subjects()).hasSize(1);
    }
}
