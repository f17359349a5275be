package org.certflow.process;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.springframework.stereotype.Component;

/**
 * The one writer of an application's status: the models name each status where it begins
 * ({@code ${applicationStatus.change(execution, 'REJECTED')}} on the branch, event or activity), so the status
 * the portal and the staff pages show is always the model's position. Java code records facts (dates, comments,
 * certificates) and leaves the status alone.
 */
@Component("applicationStatus")
public class ApplicationStatusListener {

    private final ApplicationRepository applications;
    private final ProcessApplications processApplications;
    private final Clock clock;

    public ApplicationStatusListener(ApplicationRepository applications, ProcessApplications processApplications,
                                     Clock clock) {
        this.applications = applications;
        this.processApplications = processApplications;
        this.clock = clock;
    }

    public void change(DelegateExecution execution, String status) {
        applications.updateStatus(processApplications.idOf(execution), ApplicationStatus.valueOf(status),
                clock.instant());
    }
}
