package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;

import org.camunda.bpm.engine.runtime.Job;
import org.certflow.service.ProcessConstants;
import org.junit.jupiter.api.Test;

/** Finished applications' history does not pile up for ever: the engine removes it at night, office time. */
class HistoryCleanupProcessTest extends ProcessTestSupport {

    @Test
    void theHistoryCleanupIsScheduledInsideTheNightWindow() {
        List<Job> jobs = historyService.findHistoryCleanupJobs();

        assertThat(jobs).isNotEmpty();
        assertThat(jobs).allSatisfy(job -> {
            LocalTime due = job.getDuedate().toInstant().atZone(TOKYO).toLocalTime();
            assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
        });
    }

    /**
     * An application's instance ends only when its retention tail has deleted what it kept, so its history may go
     * soon after; a revocation request's texts are the applicant's: kept no longer than personal data. What the CA
     * must keep is in certflow's own tables (issued_certificate, revocation_request, ca_audit).
     */
    @Test
    void theHistoryOfEachModelIsKeptNoLongerThanItsRetention() {
        assertThat(timeToLive(ProcessConstants.CERTIFICATE_APPLICATION)).isEqualTo(30);
        assertThat(timeToLive(ProcessConstants.REVOCATION_REQUEST)).isEqualTo(365);
        assertThat(timeToLive(ProcessConstants.APPLICATION_STATUS_LINK)).isEqualTo(30);
        assertThat(timeToLive(ProcessConstants.CRL_PUBLICATION)).isEqualTo(30);
    }

    private Integer timeToLive(String key) {
        return processEngine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().singleResult().getHistoryTimeToLive();
    }
}
