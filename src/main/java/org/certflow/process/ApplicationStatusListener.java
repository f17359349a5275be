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
    private final Clock clock;

    public ApplicationStatusListener(ApplicationRepository applications, Clock clock) {
        this.applications = applications;
        this.clock = clock;
    }

    public void change(DelegateExecution execution, String status) {
        applications.updateStatus(applicationId(execution), ApplicationStatus.valueOf(status), clock.instant());
    }

    static long applicationId(DelegateExecution execution) {
        Object id = execution.getVariable(ProcessConstants.VAR_APPLICATION_ID);
        if (id == null) {
            throw new IllegalStateException("Process instance " + execution.getProcessInstanceId()
                    + " has no " + ProcessConstants.VAR_APPLICATION_ID);
        }
        return ((Number) id).longValue();
    }
}
