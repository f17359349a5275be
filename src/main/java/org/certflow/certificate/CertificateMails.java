package org.certflow.certificate;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.certflow.application.Application;
import org.certflow.certificate.renewal.Renewals;
import org.certflow.mail.ApplicantMailContent;
import org.certflow.mail.MailDraft;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.Deadlines;
import org.certflow.service.JapaneseSpans;
import org.certflow.service.ServiceProperties;
import org.springframework.stereotype.Component;

/** What the certificate's mails say: where and until when to pick it up, its serial number and dates. */
@Component
class CertificateMails implements ApplicantMailContent<CertificateMail> {

    /** The page that explains installing the file and trusting the root; it needs no login. */
    static final String INSTALL_HELP_PATH = "/pickup/install";

    private final CertificateRegistry certificates;
    private final ServiceProperties service;
    private final Deadlines deadlines;
    private final DeadlineProperties deadlineProperties;
    private final Renewals renewals;
    private final Clock clock;

    CertificateMails(CertificateRegistry certificates, ServiceProperties service, Deadlines deadlines,
                     DeadlineProperties deadlineProperties, Renewals renewals, Clock clock) {
        this.certificates = certificates;
        this.service = service;
        this.deadlines = deadlines;
        this.deadlineProperties = deadlineProperties;
        this.renewals = renewals;
        this.clock = clock;
    }

    @Override
    public Collection<CertificateMail> mails() {
        return List.of(CertificateMail.values());
    }

    @Override
    public List<Copy> copies(CertificateMail mail, Application application, String visit) {
        return switch (mail) {
            case CERTIFICATE_ISSUED, CERTIFICATE_SUPERSEDED -> announcements(mail, application);
            case PICKUP, PICKUP_REMINDER, PICKUP_SECOND_REMINDER, AUTOMATIC_CANCELLATION ->
                    List.of(Copy.toApplicant(application, visit, draft -> pickup(application, draft)));
            case EXPIRY_THREE_MONTHS, EXPIRY_ONE_MONTH, EXPIRY_DAY -> expiringCertificate(application)
                    .map(certificate -> List.of(Copy.toApplicant(application, visit,
                            draft -> expiry(mail, certificate, draft))))
                    .orElse(List.of());
            case REVOCATION -> List.of(Copy.toApplicant(application, visit, draft -> revocation(application, draft)));
        };
    }

    /**
     * One mail per certificate of the application, keyed by its serial number rather than by the visit: a second
     * pickup may interrupt the model before the first one's mail went out, and whichever task runs next announces
     * every certificate not yet announced, each exactly once.
     */
    private List<Copy> announcements(CertificateMail mail, Application application) {
        return certificates.findAll(application.id()).stream()
                .filter(certificate -> mail == CertificateMail.CERTIFICATE_ISSUED || superseded(certificate))
                .map(certificate -> new Copy("application-" + application.id() + ":certificate-"
                        + certificate.serialNumber() + ":" + mail.name(), application.email(),
                        draft -> announce(mail, application, certificate, draft)))
                .toList();
    }

    private static boolean superseded(IssuedCertificate certificate) {
        return certificate.revocationReason() != null
                && certificate.revocationReason() == RevocationReason.SUPERSEDED.code();
    }

    private void announce(CertificateMail mail, Application application, IssuedCertificate certificate,
                          MailDraft draft) {
        draft.put("serialNumber", certificate.serialNumber());
        if (mail == CertificateMail.CERTIFICATE_ISSUED) {
            draft.put("pickupLabel", application.pickupLabel())
                    .put("installHelpUrl", service.url(INSTALL_HELP_PATH))
                    .putDate("notBefore", certificate.notBefore())
                    .putDate("notAfter", certificate.notAfter());
            renewals.previousToRevoke(application.id())
                    .ifPresent(renewed -> draft.put("renewedSerialNumber", renewed.serialNumber()));
        } else {
            draft.putDate("revokedOn", certificate.revokedAt());
        }
    }

    private void pickup(Application application, MailDraft draft) {
        Instant openedAt = application.approvedAt() == null ? clock.instant() : application.approvedAt();
        draft.put("pickupUrl", service.url("/pickup"))
                .put("pickupLabel", application.pickupLabel())
                .put("installHelpUrl", service.url(INSTALL_HELP_PATH))
                .putDate("lastDay", deadlines.pickupLastDay(openedAt));
    }

    /**
     * The certificate the expiry notices are about; none once it is revoked, as when a renewal's applicant asked to
     * revoke it at the new certificate's pickup.
     */
    private Optional<IssuedCertificate> expiringCertificate(Application application) {
        return certificates.findLatest(application.id()).filter(certificate -> certificate.revokedAt() == null);
    }

    /** Each notice offers a renewal through a new link, unless a renewal of this certificate is under way. */
    private void expiry(CertificateMail mail, IssuedCertificate certificate, MailDraft draft) {
        draft.putDate("notAfter", certificate.notAfter())
                .put("when", switch (mail) {
                    case EXPIRY_THREE_MONTHS -> JapaneseSpans.of(deadlineProperties.expiryFirstNotice()) + "後";
                    case EXPIRY_ONE_MONTH -> JapaneseSpans.of(deadlineProperties.expirySecondNotice()) + "後";
                    default -> "本日";
                })
                .put("serialNumber", certificate.serialNumber());
        renewals.underWay(certificate.serialNumber()).ifPresentOrElse(
                renewal -> draft.put("renewalOrderNumber", renewal.orderNumber()),
                () -> draft.put("renewalUrl", service.url("/renewal/" + renewals.newLink(certificate))));
    }

    private void revocation(Application application, MailDraft draft) {
        IssuedCertificate certificate = certificates.findLatest(application.id()).orElseThrow();
        draft.put("serialNumber", certificate.serialNumber())
                .putDate("revokedOn", certificate.revokedAt() == null ? clock.instant() : certificate.revokedAt())
                .put("reason", certificate.revocationReason() == null ? RevocationReason.UNSPECIFIED.label()
                        : RevocationReason.ofCode(certificate.revocationReason()).label());
    }
}
