package org.certflow.certificate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.certificate.renewal.Renewals;
import org.certflow.pki.CertificateAuthority;
import org.certflow.pki.ClientCertificateRequest;
import org.certflow.pki.IssuedCredential;
import org.certflow.pki.Pkcs12Format;
import org.certflow.service.Deadlines;
import org.certflow.service.ProcessConstants;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Step 8 to 10 of the seed: the applicant logs in with the order number and the distribution letter's
 * password, sets a PIN and receives a PKCS#12 made at that moment. The key exists only in memory while
 * the file is built.
 */
@Component
public class CertificatePickup {

    /** Compared against when the order number is unknown, so both failures take the same time. */
    private final String decoyHash;

    public enum LoginOutcome {
        ACCEPTED,
        /** Picked up before, still within the window: a new pickup replaces the first certificate. */
        ACCEPTED_AGAIN,
        REFUSED, LOCKED, NOT_AVAILABLE, ALREADY_PICKED_UP,
        /** Within the window, but picked up {@link PickupLimit#maxPickups()} times already: the office decides. */
        LIMIT_REACHED
    }

    public record LoginResult(LoginOutcome outcome, Long applicationId) {
        static LoginResult of(LoginOutcome outcome) {
            return new LoginResult(outcome, null);
        }
    }

    private final ApplicationRepository applications;
    private final CertificateRegistry registry;
    private final CertificateAuthority authority;
    private final RuntimeService runtimeService;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final Deadlines deadlines;
    private final CaAudit audit;
    private final CertificateIssuance issuance;
    private final CrlPublication crls;
    private final MeterRegistry meters;
    private final PickupLimit limit;
    private final Renewals renewals;
    private final Clock clock;

    public CertificatePickup(ApplicationRepository applications, CertificateRegistry registry,
                             CertificateAuthority authority, RuntimeService runtimeService,
                             PasswordEncoder passwordEncoder, LoginThrottle throttle, Deadlines deadlines,
                             CaAudit audit, CertificateIssuance issuance, CrlPublication crls, MeterRegistry meters,
                             PickupLimit limit,
                             Renewals renewals, Clock clock) {
        this.applications = applications;
        this.registry = registry;
        this.authority = authority;
        this.runtimeService = runtimeService;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.deadlines = deadlines;
        this.audit = audit;
        this.issuance = issuance;
        this.crls = crls;
        this.meters = meters;
        this.limit = limit;
        this.renewals = renewals;
        this.clock = clock;
        this.decoyHash = passwordEncoder.encode("certflow-decoy-password");
    }

    /** How long a client that failed to log in too often waits: what the login page tells it. */
    public Duration loginLockTime() {
        return throttle.lockTime();
    }

    /** How often one application's certificate can be picked up. */
    public int maxPickups() {
        return limit.maxPickups();
    }

    /**
     * Checks the order number and the letter's password. A wrong order number and a wrong password look the
     * same and take the same time; too many failures lock the client address out of the order number, or out of
     * every order number.
     */
    @Transactional
    public LoginResult logIn(String orderNumber, String password, String clientAddress) {
        String order = orderNumber == null ? "" : orderNumber.strip();
        if (throttle.isLocked(order, clientAddress)) {
            return LoginResult.of(LoginOutcome.LOCKED);
        }
        Optional<Application> found = applications.findByOrderNumber(order);
        String hash = found.flatMap(application -> applications.pickupPasswordHash(application.id())).orElse(decoyHash);
        if (!passwordEncoder.matches(PickupPasswords.normalise(password), hash) || found.isEmpty()) {
            boolean locked = throttle.recordFailure(order, found.isPresent(), clientAddress);
            return LoginResult.of(locked ? LoginOutcome.LOCKED : LoginOutcome.REFUSED);
        }
        Application application = found.get();
        throttle.recordSuccess(order, clientAddress);
        if (application.status() == ApplicationStatus.AWAITING_PICKUP) {
            return new LoginResult(LoginOutcome.ACCEPTED, application.id());
        }
        if (application.status() == ApplicationStatus.CERTIFICATE_VALID) {
            if (!isWithinPickupWindow(application)) {
                return LoginResult.of(LoginOutcome.ALREADY_PICKED_UP);
            }
            return limitReached(application.id()) ? LoginResult.of(LoginOutcome.LIMIT_REACHED)
                    : new LoginResult(LoginOutcome.ACCEPTED_AGAIN, application.id());
        }
        return LoginResult.of(LoginOutcome.NOT_AVAILABLE);
    }

    /**
     * Issues the certificate, records it and tells the process, which mails the applicant about it; returns the
     * PKCS#12 protected by the PIN. A second pickup within the window tells the process that the new certificate
     * replaces the first: the process revokes the first ({@link #revokeSuperseded}), announces both and starts
     * the certificate's life over with the new one.
     *
     * @throws PickupLimitReachedException when the application's certificate was picked up
     *                                     {@link PickupLimit#maxPickups()} times already; nothing is issued
     */
    @Transactional
    public PickedUpCertificate pickUp(long applicationId, char[] pin) {
        return pickUp(applicationId, pin, Pkcs12Format.MODERN);
    }

    @Transactional
    public PickedUpCertificate pickUp(long applicationId, char[] pin, Pkcs12Format format) {
        // parallel pickups of one application (two sessions, two nodes) wait here for each other, so each sees the
        // certificates the one before issued, and the limit holds
        Application application = applications.lock(applicationId);
        boolean replacing = application.status() == ApplicationStatus.CERTIFICATE_VALID
                && isWithinPickupWindow(application);
        if (application.status() != ApplicationStatus.AWAITING_PICKUP && !replacing) {
            throw new IllegalStateException("Application " + application.orderNumber() + " is not awaiting pickup");
        }
        if (replacing && limitReached(applicationId)) {
            throw new PickupLimitReachedException(application.orderNumber(), limit.maxPickups());
        }
        IssuedCredential credential = authority.issue(new ClientCertificateRequest(
                application.details().familyNameRomaji(), application.details().firstNameRomaji(),
                application.email(),
                application.qualification().organizationalUnit(application.details().registrationNumber()),
                application.validityYears()));
        // packed before the audit log's lock is taken: the PIN's key derivation is slow on purpose
        byte[] pkcs12 = authority.pkcs12(credential, pin, application.pickupLabel(), format);
        Instant now = clock.instant();
        String applicant = "applicant " + application.orderNumber();
        issuance.record(applicationId, credential.certificate(), now, applicant);
        applications.recordPickup(applicationId, now);
        runtimeService.createMessageCorrelation(replacing ? ProcessConstants.MESSAGE_CERTIFICATE_REPLACED
                        : ProcessConstants.MESSAGE_CERTIFICATE_PICKED_UP)
                .processInstanceBusinessKey(application.orderNumber())
                .setVariable(ProcessConstants.VAR_CERTIFICATE_NOT_AFTER,
                        Date.from(credential.certificate().getNotAfter().toInstant()))
                .correlate();
        meters.counter("certflow.pickups", "format", format.name(), "second", String.valueOf(replacing)).increment();
        return new PickedUpCertificate(application.pickupLabel() + ".p12", pkcs12);
    }

    /**
     * The revocation of what a pickup superseded, run by the process after the pickup: every certificate of the
     * application but the newest that is still valid (a second pickup), and the certificate a renewal renews when its
     * applicant asked for that, are revoked as superseded, audited in the applicant's name and listed on a new CRL.
     * Nothing is left to do when a later run got here first.
     */
    @Transactional
    public void revokeSuperseded(long applicationId) {
        Application application = applications.lock(applicationId);
        List<IssuedCertificate> valid = registry.findAll(applicationId).stream()
                .filter(certificate -> certificate.revokedAt() == null).toList();
        List<IssuedCertificate> superseded = new ArrayList<>(valid.subList(0, Math.max(valid.size() - 1, 0)));
        renewals.previousToRevoke(applicationId).ifPresent(superseded::add);
        if (superseded.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String applicant = "applicant " + application.orderNumber();
        for (IssuedCertificate previous : superseded) {
            registry.revoke(previous.serialNumber(), RevocationReason.SUPERSEDED.code(), now);
            audit.record(CaAudit.Operation.REVOKE_CERTIFICATE, previous.subjectDn(), previous.serialNumber(),
                    applicant);
        }
        crls.publish("superseded at pickup of " + application.orderNumber(), applicant);
    }

    public record PickedUpCertificate(String fileName, byte[] pkcs12) {
    }

    /** A second pickup beyond {@link PickupLimit#maxPickups()}: nothing was issued. */
    public static class PickupLimitReachedException extends RuntimeException {
        PickupLimitReachedException(String orderNumber, int maxPickups) {
            super("Application " + orderNumber + " was picked up " + maxPickups + " times, the limit");
        }
    }

    private boolean limitReached(long applicationId) {
        return registry.findAll(applicationId).size() >= limit.maxPickups();
    }

    private boolean isWithinPickupWindow(Application application) {
        return application.approvedAt() != null
                && clock.instant().isBefore(deadlines.pickupWindowClosedAt(application.approvedAt()).toInstant());
    }
}
