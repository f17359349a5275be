package org.certflow.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.Payments;
import org.certflow.certificate.letter.LetterReissue;
import org.certflow.certificate.letter.LetterReissues;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the status page may set in motion, each decided again on the server from the application as it stands, its
 * row locked: the status link itself, the main application's link sent again, the withdrawal (before payment, or
 * during the review with a refund to follow), a new distribution letter. The model does the
 * rest (the mails, the status, the timers, the letter request's task).
 */
@Component
class StatusActions {

    /** A request the application's state (or a limit) does not allow now; the key names the page's message. */
    static final class Refused extends RuntimeException {
        private final String messageKey;

        Refused(String messageKey) {
            super(messageKey, null, false, false);
            this.messageKey = messageKey;
        }

        String messageKey() {
            return messageKey;
        }
    }

    private final ApplicationRepository applications;
    private final Payments payments;
    private final OneTimeLinks links;
    private final StatusRequestThrottle throttle;
    private final RuntimeService runtimeService;
    private final LetterReissues letterReissues;
    private final Clock clock;

    StatusActions(ApplicationRepository applications, Payments payments, OneTimeLinks links,
                  StatusRequestThrottle throttle, RuntimeService runtimeService, LetterReissues letterReissues,
                  Clock clock) {
        this.applications = applications;
        this.payments = payments;
        this.links = links;
        this.throttle = throttle;
        this.runtimeService = runtimeService;
        this.letterReissues = letterReissues;
        this.clock = clock;
    }

    /**
     * Mails a status link when the order number and the address belong together; otherwise nothing happens, and
     * the caller answers the same either way.
     */
    @Transactional
    void requestLink(String orderNumber, String email) {
        Optional<Application> application = applications.findByOrderNumber(orderNumber)
                .filter(found -> found.email() != null && sameAddress(found.email(), email));
        application.ifPresent(found -> runtimeService.startProcessInstanceByKey(
                ProcessConstants.APPLICATION_STATUS_LINK, found.orderNumber(),
                Map.of(ProcessConstants.VAR_APPLICATION_ID, found.id())));
    }

    /**
     * The link to the application form again (for the main application, or for the correction the review asked
     * for), from the model: a new link, the old one dead, the same order number and deadline.
     */
    @Transactional
    void resendLink(long applicationId) {
        Application application = applications.lock(applicationId);
        if (!canResendLink(application)) {
            throw new Refused("status.resend.notNow");
        }
        if (throttle.resendRefusedUntil(application.email()).isPresent()) {
            throw new Refused("status.resend.tooMany");
        }
        correlate(ProcessConstants.MESSAGE_UPLOAD_LINK_REQUESTED, application);
    }

    /**
     * Ends the application: before anything was paid, or once paid while the review has not decided yet, when the
     * model goes on to refund the money received.
     */
    @Transactional
    void withdraw(long applicationId) {
        Application application = applications.lock(applicationId);
        long received = payments.totalReceived(applicationId);
        if (!canWithdraw(application, received)) {
            throw new Refused(received > 0 ? "status.withdraw.paid" : "status.withdraw.notNow");
        }
        correlate(ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN, application);
        links.retireAll(applicationId);
    }

    /**
     * Asks ra-admins for a new distribution letter: only while the review or the pickup waits, and one request at
     * a time. The old letter keeps working until a request is approved.
     */
    @Transactional
    void requestLetter(long applicationId, String note) {
        Application application = applications.lock(applicationId);
        if (!LetterReissue.REQUESTABLE.contains(application.status())) {
            throw new Refused("status.letter.notNow");
        }
        if (letterReissues.latest(applicationId).filter(LetterReissue::open).isPresent()) {
            throw new Refused("status.letter.open");
        }
        if (note.length() > LetterReissues.NOTE_MAX) {
            throw new Refused("status.letter.noteTooLong");
        }
        letterReissues.add(applicationId, note.isEmpty() ? null : note, clock.instant());
        correlate(ProcessConstants.MESSAGE_LETTER_REISSUE_REQUESTED, application);
    }

    static boolean canRequestLetter(Application application, Optional<LetterReissue> latest) {
        return LetterReissue.REQUESTABLE.contains(application.status()) && latest.filter(LetterReissue::open).isEmpty();
    }

    static boolean canResendLink(Application application) {
        return application.status().acceptsMainApplication();
    }

    /**
     * Before the main application; during the eligibility check or with the invoice out, nothing received; or, with
     * money received, in the review before its decision or while a correction is awaited (the model refunds what
     * was received).
     */
    static boolean canWithdraw(Application application, long received) {
        return switch (application.status()) {
            case AWAITING_MAIN_APPLICATION -> true;
            case AWAITING_ELIGIBILITY, AWAITING_PAYMENT -> received == 0;
            case IN_REVIEW, RETURNED_FOR_CORRECTION -> received > 0;
            default -> false;
        };
    }

    private void correlate(String message, Application application) {
        runtimeService.createMessageCorrelation(message)
                .processInstanceBusinessKey(application.orderNumber())
                .correlate();
    }

    /** Compared in constant time, so the answer's timing does not tell how much of an address was right. */
    private static boolean sameAddress(String stored, String typed) {
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8), typed.getBytes(StandardCharsets.UTF_8));
    }
}
