package org.certflow.process;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.springframework.stereotype.Component;

/** Mirrors the model's position in the application's status: {@code ${applicationStatus.change(execution, 'REJECTED')}}. */
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
