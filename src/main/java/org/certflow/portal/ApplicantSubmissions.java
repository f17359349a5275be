package org.certflow.portal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.application.Qualification;
import org.certflow.certificate.renewal.Renewals;
import org.certflow.privacy.PrivacyConsents;
import org.certflow.service.ProcessConstants;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the applicant's forms change, each in one transaction with the process step it triggers. */
@Component
class ApplicantSubmissions {

    /** The version of the user obligations (利用者の義務) that the portal shows and the applicant accepts. */
    static final String OBLIGATIONS_VERSION = "2026-11";

    private final ApplicationRepository applications;
    private final OneTimeLinks links;
    private final RuntimeService runtimeService;
    private final PasswordEncoder passwordEncoder;
    private final Renewals renewals;
    private final PrivacyConsents privacyConsents;
    private final Clock clock;

    ApplicantSubmissions(ApplicationRepository applications, OneTimeLinks links, RuntimeService runtimeService,
                         PasswordEncoder passwordEncoder, Renewals renewals, PrivacyConsents privacyConsents,
                         Clock clock) {
        this.privacyConsents = privacyConsents;
        this.applications = applications;
        this.links = links;
        this.runtimeService = runtimeService;
        this.passwordEncoder = passwordEncoder;
        this.renewals = renewals;
        this.clock = clock;
    }

    /**
     * A renewal link is used: a new application, filled in from the old certificate's application, enters the model
     * where a one-time link would have led, waiting for the main application. Empty when the link does not open.
     * The applicant has accepted the obligations and the privacy notice on the renewal page.
     */
    @Transactional
    Optional<Application> renew(String token) {
        return renewals.use(token, offer -> {
            Application previous = offer.previous();
            Instant now = clock.instant();
            Application renewal = applications.createProvisional(previous.email(), previous.qualification(),
                    OBLIGATIONS_VERSION, now);
            privacyConsents.recordConsent(renewal.id(), now);
            applications.saveDetails(renewal.id(), previous.details(), previous.validityYears(),
                    previous.chamberMember(), now);
            runtimeService.createProcessInstanceByKey(ProcessConstants.CERTIFICATE_APPLICATION)
                    .businessKey(renewal.orderNumber())
                    .setVariable(ProcessConstants.VAR_APPLICATION_ID, renewal.id())
                    .startBeforeActivity(ProcessConstants.ACTIVITY_WAIT_FOR_MAIN_APPLICATION)
                    .execute();
            return renewal;
        });
    }

    /** The form has checked that the applicant accepted the obligations and the privacy notice. */
    @Transactional
    Application applyProvisionally(String email, Qualification qualification) {
        Instant now = clock.instant();
        Application application = applications.createProvisional(email, qualification, OBLIGATIONS_VERSION, now);
        privacyConsents.recordConsent(application.id(), now);
        runtimeService.startProcessInstanceByKey(ProcessConstants.CERTIFICATE_APPLICATION, application.orderNumber(),
                Map.of(ProcessConstants.VAR_APPLICATION_ID, application.id()));
        return application;
    }

    /**
     * Step 5, or the resubmission after a correction: the process moves on, the links die. A second submission
     * racing the first (a double click) waits for the first's row lock, then finds the application sent and
     * changes nothing. Answers whether the application is sent, by this call or the one it raced; false when it
     * waits for neither any more (the link expired meanwhile), so that nobody is told it was received.
     */
    @Transactional
    boolean submit(long applicationId, String pickupPassword) {
        Application application = applications.get(applicationId);
        if (application.status() == ApplicationStatus.RETURNED_FOR_CORRECTION) {
            if (!applications.recordResubmission(applicationId, clock.instant())) {
                return sentMeanwhile(applicationId);
            }
            links.retireAll(applicationId);
            correlate(ProcessConstants.MESSAGE_CORRECTED_APPLICATION_SUBMITTED, application);
            return true;
        }
        if (!applications.recordSubmission(applicationId, passwordEncoder.encode(pickupPassword), clock.instant())) {
            return sentMeanwhile(applicationId);
        }
        links.retireAll(applicationId);
        correlate(ProcessConstants.MESSAGE_MAIN_APPLICATION_SUBMITTED, application);
        return true;
    }

    /** A sent application waits for its eligibility check, its payment or its review; a lapsed one stands at an end. */
    private boolean sentMeanwhile(long applicationId) {
        ApplicationStatus status = applications.get(applicationId).status();
        return status == ApplicationStatus.AWAITING_ELIGIBILITY || status == ApplicationStatus.AWAITING_PAYMENT
                || status == ApplicationStatus.IN_REVIEW;
    }

    private void correlate(String message, Application application) {
        runtimeService.createMessageCorrelation(message)
                .processInstanceBusinessKey(application.orderNumber())
                .correlate();
    }
}
