package org.certflow.certificate.letter;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.certflow.application.Application;
import org.certflow.application.ApplicantTerms;
import org.certflow.application.ApplicationRepository;
import org.certflow.certificate.PickupPasswords;
import org.certflow.documents.DistributionLetter;
import org.certflow.documents.DistributionLetterPdf;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.ServiceProperties;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The new letter after an approved request, made once: its password is drawn when the applicant downloads it,
 * only its hash is kept, and the letter exists only in that response. Whoever reaches the status page later
 * (a forwarded link, a shared computer) finds nothing to fetch; a letter lost again takes a new request.
 */
@Component
public class ReissuedLetters {

    private final LetterReissues reissues;
    private final ApplicationRepository applications;
    private final DistributionLetterPdf letterPdf;
    private final PasswordEncoder passwordEncoder;
    private final ServiceProperties service;
    private final ApplicantTerms terms;
    private final DeadlineProperties deadlines;
    private final Clock clock;

    public ReissuedLetters(LetterReissues reissues, ApplicationRepository applications,
                           DistributionLetterPdf letterPdf, PasswordEncoder passwordEncoder,
                           ServiceProperties service, ApplicantTerms terms, DeadlineProperties deadlines,
                           Clock clock) {
        this.reissues = reissues;
        this.applications = applications;
        this.letterPdf = letterPdf;
        this.passwordEncoder = passwordEncoder;
        this.service = service;
        this.terms = terms;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /**
     * The new letter as a PDF, its password now the only one that logs in; empty when no approved letter waits.
     * A failure while rendering rolls the claim back, so the download stays on offer.
     */
    @Transactional
    public Optional<byte[]> download(long applicationId) {
        Application application = applications.lock(applicationId);
        Instant now = clock.instant();
        if (!LetterReissue.beforePickup(application.status()) || !reissues.claimDownload(applicationId, now)) {
            return Optional.empty();
        }
        String password = PickupPasswords.generate();
        applications.replacePickupPasswordHash(applicationId, passwordEncoder.encode(password), now);
        return Optional.of(letterPdf.render(new DistributionLetter(service.serviceName(), service.issuerName(),
                application.fullName(), application.email(), application.orderNumber(), service.url("/pickup"),
                password, terms.pickupWindow(), now.atZone(deadlines.zone()).toLocalDate())));
    }
}
