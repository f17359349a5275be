package org.certflow.process;

import java.time.Clock;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.certflow.retention.RetentionSchedule;
import org.springframework.stereotype.Component;

/**
 * The retention tail's timers and gateways, read by expression ({@code ${retention.licenceImageDeletion(execution)}}):
 * the dates come from certflow's records of the application found by the business key, never from a variable.
 */
@Component("retention")
public class RetentionTimers {

    private final RetentionSchedule schedule;
    private final ProcessApplications processApplications;
    private final Clock clock;

    public RetentionTimers(RetentionSchedule schedule, ProcessApplications processApplications, Clock clock) {
        this.schedule = schedule;
        this.processApplications = processApplications;
        this.clock = clock;
    }

    /** The application has ended: its retention periods that count from its end start now. */
    public void applicationEnded(DelegateExecution execution) {
        schedule.recordEnding(processApplications.idOf(execution), clock.instant());
    }

    public boolean licenceImageHeld(DelegateExecution execution) {
        return schedule.licenceImageHeld(processApplications.idOf(execution));
    }

    public Date licenceImageDeletion(DelegateExecution execution) {
        return Date.from(schedule.licenceImageDeletion(processApplications.idOf(execution), clock.instant()));
    }

    public Date personalDataReduction(DelegateExecution execution) {
        return Date.from(schedule.personalDataReduction(processApplications.idOf(execution), clock.instant()));
    }

    public boolean taxRecordsHeld(DelegateExecution execution) {
        return schedule.taxRecordsHeld(processApplications.idOf(execution));
    }

    public Date taxRecordDisposal(DelegateExecution execution) {
        return Date.from(schedule.taxRecordDisposal(processApplications.idOf(execution), clock.instant()));
    }
}
