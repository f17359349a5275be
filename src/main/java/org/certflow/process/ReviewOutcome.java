package org.certflow.process;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.Invoices;
import org.certflow.review.ReviewRecords;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/** Records the reviewer's decision on the application when the model takes its branch; the model sets the status. */
@Component("reviewOutcome")
public class ReviewOutcome {

    private final ApplicationRepository applications;
    private final Clock clock;
    private final ProcessApplications processApplications;
    private final ReviewRecords reviews;
    private final Invoices invoices;

    public ReviewOutcome(ApplicationRepository applications, ProcessApplications processApplications,
                         ReviewRecords reviews, Invoices invoices, Clock clock) {
        this.applications = applications;
        this.invoices = invoices;
        this.reviews = reviews;
        this.clock = clock;
        this.processApplications = processApplications;
    }

    /**
     * Approval is issuance: the pickup window opens now and its timers count from here. Only a recorded review of
     * a paid application approves: whoever may modify the process instance in Cockpit or over the REST API could otherwise start it
     * at the review or the decision with their own variables and skip the payment, the review or the four eyes.
     */
    public void approved(DelegateExecution execution) {
        Application application = processApplications.of(execution);
        if (!reviews.approved(application.id(), application.revision())) {
            throw new IllegalStateException("審査で承認されていない申込は発行できません（" + application.orderNumber() + "）");
        }
        if (!invoices.isPaid(application.id())) {
            throw new IllegalStateException("入金が確認されていない申込は発行できません（" + application.orderNumber() + "）");
        }
        long id = application.id();
        applications.recordApproval(id, clock.instant());
        execution.setVariable(ProcessConstants.VAR_PICKUP_OPENED_AT, java.util.Date.from(clock.instant()));
    }

    public void returned(DelegateExecution execution) {
        long id = processApplications.idOf(execution);
        applications.recordReviewComment(id, comment(execution), clock.instant());
    }

    public void rejected(DelegateExecution execution) {
        long id = processApplications.idOf(execution);
        applications.recordReviewComment(id, comment(execution), clock.instant());
    }

    private static String comment(DelegateExecution execution) {
        Object comment = execution.getVariable(ProcessConstants.VAR_REVIEW_COMMENT);
        return comment == null ? null : comment.toString().strip();
    }
}
