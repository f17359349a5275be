package org.certflow.certificate.renewal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.certflow.application.ApplicantDetails;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.certificate.renewal.RenewalLinks.RenewalLink;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Renewals: the link an expiry notice carries, the new application it opens filled in from the old one, the licence
 * image policy and what changed. A link renews only the certificate it was made for, and only while that certificate
 * is unrevoked and no other renewal of it is under way.
 */
@Component
public class Renewals {

    /** A renewal application in one of these stands for its certificate: the notices stop offering a new one. */
    private static final Set<ApplicationStatus> UNDER_WAY = EnumSet.of(ApplicationStatus.AWAITING_MAIN_APPLICATION,
            ApplicationStatus.AWAITING_PAYMENT, ApplicationStatus.IN_REVIEW, ApplicationStatus.RETURNED_FOR_CORRECTION,
            ApplicationStatus.AWAITING_PICKUP, ApplicationStatus.CERTIFICATE_VALID, ApplicationStatus.REVOKED,
            ApplicationStatus.CERTIFICATE_EXPIRED);

    /** What a usable link offers to renew: the old application and its certificate. */
    public record Offer(Application previous, IssuedCertificate certificate) {
    }

    private final JdbcClient jdbc;
    private final RenewalLinks links;
    private final ApplicationRepository applications;
    private final CertificateRegistry certificates;
    private final RenewalProperties properties;
    private final Clock clock;

    Renewals(JdbcClient jdbc, RenewalLinks links, ApplicationRepository applications, CertificateRegistry certificates,
             RenewalProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.links = links;
        this.applications = applications;
        this.certificates = certificates;
        this.properties = properties;
        this.clock = clock;
    }

    public LicenceImagePolicy licenceImagePolicy() {
        return properties.licenceImage();
    }

    /** A new link for the expiry notice of this certificate; the token is in the mail only. */
    public String newLink(IssuedCertificate certificate) {
        return links.create(certificate);
    }

    /** The renewal application already under way for this certificate, if any. */
    public Optional<Application> underWay(String serialNumber) {
        return jdbc.sql("select application_id from renewal where previous_serial_number = :serial order by created_at desc")
                .param("serial", serialNumber)
                .query(Long.class).list().stream()
                .map(applications::get)
                .filter(application -> UNDER_WAY.contains(application.status()))
                .findFirst();
    }

    /** What the link would renew, if it opens; changes nothing. */
    public Optional<Offer> offer(String token) {
        return links.findUsable(token).flatMap(this::offer);
    }

    /**
     * Uses the link and records the new application as its renewal: {@code open} makes that application from the
     * offer (in the caller's transaction). Empty, and nothing made, when the link does not open.
     */
    public Optional<Application> use(String token, Function<Offer, Application> open) {
        return links.use(token).flatMap(this::offer).map(offer -> {
            Application renewal = open.apply(offer);
            jdbc.sql("""
                    insert into renewal (application_id, previous_application_id, previous_serial_number, created_at)
                    values (:id, :previous, :serial, :now)
                    """)
                    .param("id", renewal.id())
                    .param("previous", offer.previous().id())
                    .param("serial", offer.certificate().serialNumber())
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            return renewal;
        });
    }

    public Optional<Renewal> of(long applicationId) {
        return jdbc.sql("""
                select application_id, previous_application_id, previous_serial_number, revoke_previous,
                       licence_image_carried
                from renewal where application_id = :id
                """)
                .param("id", applicationId)
                .query((rs, n) -> new Renewal(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4),
                        rs.getBoolean(5)))
                .optional();
    }

    public IssuedCertificate previousCertificate(Renewal renewal) {
        return certificates.findBySerialNumber(renewal.previousSerialNumber()).orElseThrow();
    }

    public Application previousApplication(Renewal renewal) {
        return applications.get(renewal.previousApplicationId());
    }

    public void chooseRevocation(long applicationId, boolean revokePrevious) {
        jdbc.sql("update renewal set revoke_previous = :revoke where application_id = :id")
                .param("revoke", revokePrevious)
                .param("id", applicationId)
                .update();
    }

    /** An image was uploaded for the renewal itself. */
    public void recordNewImage(long applicationId) {
        jdbc.sql("update renewal set licence_image_carried = false where application_id = :id")
                .param("id", applicationId)
                .update();
    }

    /**
     * Whether the renewal has an image without a new upload: one already on file, or the old application's, which
     * its retention period (certflow.retention.licence-image) may have deleted.
     */
    public boolean imageToCarry(Renewal renewal) {
        return applications.findLicenceImage(renewal.applicationId()).isPresent()
                || applications.findLicenceImage(renewal.previousApplicationId()).isPresent();
    }

    /**
     * The form was sent without an image, with these (checked) details: answers the message key when the policy
     * wants a new image for them. Otherwise, with no image on file yet, the old application's image is carried over.
     */
    public Optional<String> licenceImageRefusal(Renewal renewal, ApplicantDetails details) {
        Application previous = previousApplication(renewal);
        boolean onFile = applications.hasLicenceImage(renewal.applicationId());
        if (properties.licenceImage().requiresNewImage(previous.details(), details)) {
            return onFile && !renewal.licenceImageCarried() ? Optional.empty()
                    : Optional.of(properties.licenceImage() == LicenceImagePolicy.ALWAYS
                    ? "renewal.licenceImage.always" : "renewal.licenceImage.changed");
        }
        if (!onFile) {
            // read decrypted and stored again: the stored image is bound to its application and opens for no other
            var image = applications.findLicenceImage(previous.id());
            if (image.isEmpty()) {
                // the old image's retention period ended (certflow.retention.licence-image): it is gone for good
                return Optional.of("renewal.licenceImage.deleted");
            }
            applications.saveLicenceImage(renewal.applicationId(), image.get(), clock.instant());
            jdbc.sql("update renewal set licence_image_carried = true where application_id = :id")
                    .param("id", renewal.applicationId())
                    .update();
        }
        return Optional.empty();
    }

    /**
     * The certificate this application renews, when the applicant asked to revoke it, the application has a
     * certificate of its own now and the old one is still valid.
     */
    public Optional<IssuedCertificate> previousToRevoke(long applicationId) {
        Instant now = clock.instant();
        return of(applicationId)
                .filter(Renewal::revokePrevious)
                .filter(renewal -> certificates.findCurrent(applicationId).isPresent())
                .map(this::previousCertificate)
                .filter(certificate -> certificate.revokedAt() == null && certificate.notAfter().isAfter(now));
    }

    /** What the renewal changed against the old application, item by item, for the reviewer. */
    public List<RenewalChange> changes(Renewal renewal, Application current) {
        Application previous = previousApplication(renewal);
        List<RenewalChange> changes = new ArrayList<>();
        compare(changes, "資格", previous, current, application -> application.qualification().displayName());
        compare(changes, "メール", previous, current, Application::email);
        if (current.hasDetails()) {
            compare(changes, "登録番号", previous, current, a -> a.details().registrationNumber());
            compare(changes, "氏名", previous, current, Application::fullName);
            compare(changes, "フリガナ", previous, current,
                    a -> a.details().familyNameKana() + " " + a.details().firstNameKana());
            compare(changes, "ローマ字", previous, current,
                    a -> a.details().familyNameRomaji() + " " + a.details().firstNameRomaji());
            compare(changes, "生年月日", previous, current, a -> String.valueOf(a.details().dateOfBirth()));
            compare(changes, "事務所名", previous, current, a -> a.details().officeName());
            compare(changes, "電話番号", previous, current, a -> a.details().phone());
            compare(changes, "住所", previous, current,
                    a -> "〒" + a.details().postalCode() + " " + a.details().address());
        }
        compare(changes, "有効期間", previous, current, a -> a.validityYears() + "年");
        compare(changes, "会員", previous, current, a -> a.chamberMember() ? "会員" : "非会員");
        return changes;
    }

    private Optional<Offer> offer(RenewalLink link) {
        return certificates.findBySerialNumber(link.serialNumber())
                .filter(certificate -> certificate.applicationId() == link.previousApplicationId())
                .filter(certificate -> certificate.revokedAt() == null)
                .filter(certificate -> underWay(certificate.serialNumber()).isEmpty())
                .map(certificate -> new Offer(applications.get(link.previousApplicationId()), certificate));
    }

    private static void compare(List<RenewalChange> changes, String item, Application previous, Application current,
                                Function<Application, String> value) {
        String before = value.apply(previous);
        String after = value.apply(current);
        if (!Objects.equals(before, after)) {
            changes.add(new RenewalChange(item, before, after));
        }
    }
}
