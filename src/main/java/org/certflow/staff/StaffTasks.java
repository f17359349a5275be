package org.certflow.staff;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.Invoice;
import org.certflow.billing.Invoices;
import org.certflow.billing.Payments;
import org.certflow.process.ProcessApplications;
import org.certflow.review.ReviewRecords;
import org.certflow.review.RevocationRequest;
import org.certflow.review.RevocationRequests;
import org.springframework.stereotype.Component;

/**
 * The facts the staff tasks' names and descriptions show, so that a Tasklist list reads like the back office's
 * work ("審査: PBJ10000001 一級建築士"). The models hold the wording ({@code 審査: ${staffTasks.headline(execution)}});
 * this only looks the facts up. Names and descriptions carry the order number, never the applicant's name or
 * registration number: they stay in the engine's history and in every list a staff member opens.
 */
@Component("staffTasks")
public class StaffTasks {

    static final String CONFIRM_PAYMENT = "ConfirmPayment";
    static final String RECORD_REFUND = "RecordRefund";
    static final String REVIEW_APPLICATION = "ReviewApplication";
    static final String CHECK_ELIGIBILITY = "CheckEligibility";
    static final String SECOND_REVIEW = "SecondReview";
    static final String APPROVE_REVOCATION = "ApproveRevocation";
    static final String DECIDE_LETTER_REISSUE = "DecideLetterReissue";

    private final ApplicationRepository applications;
    private final ProcessApplications processApplications;
    private final ReviewRecords reviews;
    private final RevocationRequests revocationRequests;
    private final Invoices invoices;
    private final Payments payments;

    public StaffTasks(ApplicationRepository applications, ProcessApplications processApplications,
                      ReviewRecords reviews, RevocationRequests revocationRequests, Invoices invoices,
                      Payments payments) {
        this.applications = applications;
        this.processApplications = processApplications;
        this.reviews = reviews;
        this.revocationRequests = revocationRequests;
        this.invoices = invoices;
        this.payments = payments;
    }

    /** The order number and the qualification applied for. */
    public String headline(DelegateExecution execution) {
        return headline(processApplications.of(execution));
    }

    /** Which corrected version the review sees; empty for the first. */
    public String revision(DelegateExecution execution) {
        int revision = processApplications.of(execution).revision();
        return revision > 0 ? "（修正後 第" + (revision + 1) + "版）" : "";
    }

    public String firstReviewer(DelegateExecution execution) {
        Application application = processApplications.of(execution);
        return reviews.firstReviewer(application.id(), application.revision()).orElse("不明");
    }

    /** What is still to be paid after a partial payment; empty before any payment. */
    public String outstanding(DelegateExecution execution) {
        long id = processApplications.idOf(execution);
        long received = payments.totalReceived(id);
        return received > 0 ? "（残額 " + yen(invoiceOf(execution).totalAmount() - received) + "円）" : "";
    }

    public String invoiceNumber(DelegateExecution execution) {
        return invoiceOf(execution).invoiceNumber();
    }

    public String invoiced(DelegateExecution execution) {
        return yen(invoiceOf(execution).totalAmount());
    }

    public String received(DelegateExecution execution) {
        return yen(payments.totalReceived(processApplications.idOf(execution)));
    }

    public String paymentDueOn(DelegateExecution execution) {
        return invoiceOf(execution).dueOn().toString();
    }

    /** The revoked application's headline and the reason asked for. */
    public String revocation(DelegateExecution execution) {
        RevocationRequest request = revocationOf(execution);
        String reason = request.byApplicant()
                ? request.applicantReason().label() + "・申込者から" : request.reason().label();
        return headline(applications.get(request.applicationId())) + "（" + reason + "）";
    }

    public String revocationRequester(DelegateExecution execution) {
        return StaffViews.RevocationView.requester(revocationOf(execution));
    }

    private Invoice invoiceOf(DelegateExecution execution) {
        return invoices.find(processApplications.idOf(execution)).orElseThrow();
    }

    private RevocationRequest revocationOf(DelegateExecution execution) {
        return revocationRequests.ofProcessInstance(execution.getProcessInstanceId()).orElseThrow();
    }

    static String headline(Application application) {
        return application.orderNumber() + " " + application.qualification().displayName();
    }

    private static String yen(long amount) {
        return String.format("%,d", amount);
    }
}
