package org.certflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.springframework.stereotype.Component;

/**
 * The application a {@code certificate-application} instance is about, found by the instance's business key
 * (the order number). The engine stores the key when the instance starts and no task's candidate can change
 * it, unlike a variable, so every step that acts on "this application" asks here.
 */
@Component
public class ProcessApplications {

    private final ApplicationRepository applications;

    public ProcessApplications(ApplicationRepository applications) {
        this.applications = applications;
    }

    public Application of(DelegateExecution execution) {
        String orderNumber = execution.getProcessBusinessKey();
        return applications.findByOrderNumber(orderNumber == null ? "" : orderNumber)
                .orElseThrow(() -> new IllegalStateException("Process instance " + execution.getProcessInstanceId()
                        + " has no application (business key " + orderNumber + ")"));
    }

    public Application of(DelegateTask task) {
        return of(task.getExecution());
    }

    public long idOf(DelegateExecution execution) {
        return of(execution).id();
    }
}
