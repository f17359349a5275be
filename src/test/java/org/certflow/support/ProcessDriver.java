package org.certflow.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * Runs the engine's jobs in the test's thread, the way the job executor would, and moves the engine's
 * clock (time travel) so that timers fall due.
 */
@Component
public class ProcessDriver {

    private static final int MAX_ROUNDS = 200;

    private final ManagementService managementService;

    public ProcessDriver(ManagementService managementService) {
        this.managementService = managementService;
    }

    /** Executes every job that is due now, and the jobs those create, until none is left. */
    public int runDueJobs() {
        int executed = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Job> due = managementService.createJobQuery().executable().list();
            if (due.isEmpty()) {
                return executed;
            }
            for (Job job : due) {
                managementService.executeJob(job.getId());
                executed++;
            }
        }
        throw new IllegalStateException("Jobs keep falling due after " + MAX_ROUNDS + " rounds");
    }

    /**
     * Executes the jobs of one process instance that are due now, and the jobs those create, until none is
     * left. Tests that travel far in time use this so that other tests' instances stay where they were.
     */
    public int runDueJobs(String processInstanceId) {
        int executed = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
            if (due.isEmpty()) {
                return executed;
            }
            for (Job job : due) {
                managementService.executeJob(job.getId());
                executed++;
            }
        }
        throw new IllegalStateException("Jobs of " + processInstanceId + " keep falling due after " + MAX_ROUNDS
                + " rounds");
    }

    /**
     * Lives through the instance's future: runs what is due, and otherwise moves the clock to its next timer, until
     * the instance has no job left (it ended, its retention tail included, or waits for a person or a message).
     */
    public void runToEnd(String processInstanceId) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            runDueJobs(processInstanceId);
            List<Job> waiting = managementService.createJobQuery().processInstanceId(processInstanceId).timers()
                    .orderByJobDuedate().asc().list();
            if (waiting.isEmpty()) {
                return;
            }
            Date next = waiting.get(0).getDuedate();
            if (next.toInstant().isAfter(now())) {
                travelTo(next.toInstant());
            }
        }
        throw new IllegalStateException("Timers of " + processInstanceId + " keep falling due after " + MAX_ROUNDS
                + " rounds");
    }

    public Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public void travelTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    public void travel(Duration duration) {
        travelTo(now().plus(duration));
    }

    public void resetClock() {
        ClockUtil.reset();
    }
}
