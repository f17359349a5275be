package org.certflow.certificate;

import java.util.function.Function;

import org.certflow.mail.ApplicantMail;

/** The mails about a certificate's life: pickup, its reminders, issuance, expiry and revocation. */
public enum CertificateMail implements ApplicantMail {
    PICKUP("pickup", heading -> "電子証明書取得のお願い/ " + labelled(heading)),
    PICKUP_REMINDER("pickup-reminder", heading -> "電子証明書取得のお願い(再送)/ " + labelled(heading)),
    PICKUP_SECOND_REMINDER("pickup-second-reminder", heading -> "電子証明書取得のお願い(再再送)/ " + labelled(heading)),
    AUTOMATIC_CANCELLATION("automatic-cancellation", heading -> "電子証明書自動キャンセルのお知らせ/ " + labelled(heading)),
    EXPIRY_THREE_MONTHS("expiry-notice", heading -> heading.serviceName() + " 有効期限のお知らせ(三ヶ月前)"),
    EXPIRY_ONE_MONTH("expiry-notice", heading -> heading.serviceName() + " 有効期限のお知らせ(一ヶ月前)"),
    EXPIRY_DAY("expiry-notice", heading -> heading.serviceName() + " 有効期限のお知らせ(当日)"),
    REVOCATION("revocation", heading -> heading.serviceName() + " 失効のお知らせ"),
    /** Each certificate issued at a pickup, sent once per certificate. */
    CERTIFICATE_ISSUED("certificate-issued", heading -> "電子証明書発行のお知らせ/ " + labelled(heading)),
    /** Each certificate revoked because a later pickup replaced it, sent once per certificate. */
    CERTIFICATE_SUPERSEDED("certificate-superseded", heading -> heading.serviceName() + " 失効のお知らせ");

    private final String template;
    private final Function<Heading, String> subject;

    CertificateMail(String template, Function<Heading, String> subject) {
        this.template = template;
        this.subject = subject;
    }

    @Override
    public String template() {
        return template;
    }

    @Override
    public String subject(Heading heading) {
        return subject.apply(heading);
    }

    private static String labelled(Heading heading) {
        return heading.orderNumber() + " : " + heading.pickupLabel();
    }
}
