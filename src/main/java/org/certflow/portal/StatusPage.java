package org.certflow.portal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.certflow.application.Application;
import org.certflow.application.ApplicationStatus;
import org.certflow.billing.Invoice;
import org.certflow.billing.Invoices;
import org.certflow.billing.Payments;
import org.certflow.certificate.letter.LetterReissue;
import org.certflow.certificate.letter.LetterReissues;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * What the status page shows of one application: the seed's step, the deadlines as the model's timers hold them,
 * the money still due, and which actions apply now. The texts per status and deadline are in
 * {@code messages.properties} ({@code status.step.*}, {@code status.next.*}, {@code status.deadline.*}).
 */
@Component
class StatusPage {

    /** The seed's step (0 to 11, as the portal's step bar counts) each status stands at; -1 once it has ended. */
    private static final Map<ApplicationStatus, Integer> STEPS = Map.ofEntries(
            Map.entry(ApplicationStatus.AWAITING_MAIN_APPLICATION, 3),
            Map.entry(ApplicationStatus.AWAITING_ELIGIBILITY, 6),
            Map.entry(ApplicationStatus.AWAITING_PAYMENT, 6),
            Map.entry(ApplicationStatus.IN_REVIEW, 7),
            Map.entry(ApplicationStatus.RETURNED_FOR_CORRECTION, 7),
            Map.entry(ApplicationStatus.AWAITING_PICKUP, 8),
            Map.entry(ApplicationStatus.CERTIFICATE_VALID, 11));

    /** The timers whose dates the applicant has to keep, in the order the application meets them. */
    private static final List<String> DEADLINE_TIMERS = List.of("OneTimeLinkExpired", "PaymentDeadlinePassed",
            "CorrectionLinkExpired", "PickupWindowClosed");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 H時mm分");

    /** A date the applicant has to keep: {@code key} names its label in the messages. */
    record Deadline(String key, String until) {
    }

    /**
     * @param step            the seed's step, -1 once the application has ended
     * @param amountDue       yen still to pay, when an invoice is out and not paid in full
     * @param invoicePending  the invoice is being made
     * @param invoiceAvailable the stored invoice can be downloaded again
     * @param paid            money was received: a withdrawal now is followed by a refund
     * @param revocationPending a revocation request waits for the registration office
     * @param letter           the latest request for a new distribution letter, when it still concerns the applicant
     */
    record View(Application application, int step, List<Deadline> deadlines, Long amountDue, boolean invoicePending,
                boolean invoiceAvailable, boolean canResendLink, boolean canWithdraw, boolean paid,
                boolean canRequestRevocation, boolean revocationPending, boolean canRequestLetter,
                LetterReissue letter) {

        public boolean ended() {
            return step < 0;
        }
    }

    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final Invoices invoices;
    private final Payments payments;
    private final DeadlineProperties deadlines;
    private final StatusRevocation revocation;
    private final LetterReissues letterReissues;

    StatusPage(RuntimeService runtimeService, ManagementService managementService, Invoices invoices,
               Payments payments, DeadlineProperties deadlines, StatusRevocation revocation,
               LetterReissues letterReissues) {
        this.letterReissues = letterReissues;
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.invoices = invoices;
        this.payments = payments;
        this.deadlines = deadlines;
        this.revocation = revocation;
    }

    View of(Application application) {
        Optional<Invoice> invoice = invoices.find(application.id());
        long received = payments.totalReceived(application.id());
        boolean pending = application.status() == ApplicationStatus.CERTIFICATE_VALID && revocation.pending(application);
        Optional<LetterReissue> letter = letterReissues.latest(application.id());
        Long amountDue = invoice.map(found -> found.totalAmount() - received)
                .filter(due -> due > 0 && application.status() == ApplicationStatus.AWAITING_PAYMENT)
                .orElse(null);
        return new View(application, STEPS.getOrDefault(application.status(), -1), deadlines(application), amountDue,
                invoice.isEmpty() && application.status() == ApplicationStatus.AWAITING_PAYMENT,
                invoiceAvailable(application, invoice),
                StatusActions.canResendLink(application),
                StatusActions.canWithdraw(application, received), received > 0,
                revocation.hasValidCertificate(application) && !pending, pending,
                StatusActions.canRequestLetter(application, letter),
                letter.filter(found -> LetterReissue.beforePickup(application.status())).orElse(null));
    }

    /** The stored invoice of an application that still has one to keep: not once it was withdrawn or cancelled unpaid. */
    Optional<Invoice> invoice(Application application) {
        Optional<Invoice> invoice = invoices.find(application.id());
        return invoiceAvailable(application, invoice) ? invoice : Optional.empty();
    }

    private static boolean invoiceAvailable(Application application, Optional<Invoice> invoice) {
        return invoice.isPresent() && application.status() != ApplicationStatus.WITHDRAWN
                && application.status() != ApplicationStatus.CANCELLED_UNPAID;
    }

    private List<Deadline> deadlines(Application application) {
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION)
                .processInstanceBusinessKey(application.orderNumber()).singleResult();
        List<Deadline> found = new ArrayList<>();
        if (instance == null) {
            return found;
        }
        for (String timer : DEADLINE_TIMERS) {
            Job job = managementService.createJobQuery().processInstanceId(instance.getId()).timers()
                    .activityId(timer).singleResult();
            if (job != null) {
                found.add(new Deadline(timer, until(job.getDuedate().toInstant())));
            }
        }
        if (application.status() == ApplicationStatus.CERTIFICATE_VALID
                && runtimeService.getVariable(instance.getId(), ProcessConstants.VAR_CERTIFICATE_NOT_AFTER)
                        instanceof Date notAfter) {
            found.add(new Deadline("CertificateNotAfter", until(notAfter.toInstant())));
        }
        return found;
    }

    /** A deadline at midnight is the end of the day before: 「5月1日まで」, not 「5月2日 0時00分まで」. */
    private String until(Instant instant) {
        ZonedDateTime local = instant.atZone(deadlines.zone());
        if (local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return local.minusDays(1).format(DAY);
        }
        return local.format(DAY_AND_TIME);
    }
}
