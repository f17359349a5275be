package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;

import org.camunda.bpm.engine.runtime.Job;
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
}
