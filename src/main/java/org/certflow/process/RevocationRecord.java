package org.certflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.certflow.certificate.RevocationReason;
import org.certflow.review.RevocationRequest;
import org.certflow.review.RevocationRequests;
import org.springframework.stereotype.Component;

/**
 * What the {@code revocation-request} model decides on, read from the request's record rather than from variables
 * a task's candidate could write: whether the applicant asked (then the applicant hears the outcome) and whether
 * the key is compromised (then the approval comes first: {@code camunda:priority} and {@code camunda:dueDate}).
 */
@Component("revocationRecord")
public class RevocationRecord {

    private final RevocationRequests requests;

    public RevocationRecord(RevocationRequests requests) {
        this.requests = requests;
    }

    public boolean byApplicant(DelegateExecution execution) {
        return request(execution).byApplicant();
    }

    public boolean keyCompromise(DelegateExecution execution) {
        return request(execution).reason() == RevocationReason.KEY_COMPROMISE;
    }

    private RevocationRequest request(DelegateExecution execution) {
        return requests.ofProcessInstance(execution.getProcessInstanceId()).orElseThrow(() ->
                new IllegalStateException("Revocation request " + execution.getProcessInstanceId() + " has no record"));
    }
}
