package org.certflow.portal;

import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.certflow.application.Application;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.certificate.renewal.LicenceImagePolicy;
import org.certflow.certificate.renewal.Renewal;
import org.certflow.certificate.renewal.Renewals;
import org.certflow.service.DeadlineProperties;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the main application form adds for a renewal: which certificate it renews, the licence image policy, and the
 * choice to revoke the old certificate once the new one is picked up.
 */
@Component
class RenewalFormPart {

    private static final DateTimeFormatter JAPANESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    /** What the form and the confirmation page show of the renewal. */
    record RenewalNote(String serialNumber, String notAfter, String previousOrderNumber, boolean revokePrevious,
                       boolean newImageOnlyWhenChanged, boolean newImageAlways, boolean previousImageDeleted) {
    }

    private final Renewals renewals;
    private final DeadlineProperties deadlines;

    RenewalFormPart(Renewals renewals, DeadlineProperties deadlines) {
        this.renewals = renewals;
        this.deadlines = deadlines;
    }

    Optional<Renewal> of(Application application) {
        return renewals.of(application.id());
    }

    void describe(Application application, Model model) {
        renewals.of(application.id()).ifPresent(renewal -> {
            IssuedCertificate previous = renewals.previousCertificate(renewal);
            LicenceImagePolicy policy = renewals.licenceImagePolicy();
            model.addAttribute("renewal", new RenewalNote(previous.serialNumber(),
                    previous.notAfter().atZone(deadlines.zone()).format(JAPANESE_DATE),
                    renewals.previousApplication(renewal).orderNumber(), renewal.revokePrevious(),
                    policy == LicenceImagePolicy.WHEN_CHANGED, policy == LicenceImagePolicy.ALWAYS,
                    !renewals.imageToCarry(renewal)));
        });
    }

    void prefill(Application application, MainApplicationForm form) {
        renewals.of(application.id()).ifPresent(renewal -> form.setRevokePrevious(renewal.revokePrevious()));
    }

    /**
     * After the form's checks passed, for a renewal: the message key when the policy wants a new image that was not
     * uploaded; otherwise records the upload and the revocation choice.
     */
    Optional<String> save(Renewal renewal, MainApplicationForm form, boolean imageUploaded) {
        if (!imageUploaded) {
            Optional<String> refusal = renewals.licenceImageRefusal(renewal, form.toDetails());
            if (refusal.isPresent()) {
                return refusal;
            }
        } else {
            renewals.recordNewImage(renewal.applicationId());
        }
        renewals.chooseRevocation(renewal.applicationId(), Boolean.TRUE.equals(form.getRevokePrevious()));
        return Optional.empty();
    }
}
