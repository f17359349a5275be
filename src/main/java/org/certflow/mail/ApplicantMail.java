package org.certflow.mail;

import java.util.Locale;

/**
 * A mail certflow sends about an application. Each feature lists its own mails (an enum implementing this) and
 * writes their content ({@link ApplicantMailContent}); this package renders, signs and sends them.
 */
public interface ApplicantMail {

    /** The name the model's mail tasks give in their input {@code mail}; also the tag of the sent-mails metric. */
    String name();

    /**
     * The body template under {@code mail/}: by convention the mail's name in lower case with hyphens
     * ({@code PAYMENT_REMINDER} → {@code payment-reminder}); a mail that shares a template with others says so.
     */
    default String template() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The seed's exact subject. */
    String subject(Heading heading);

    /**
     * What subjects are made of.
     *
     * @param serviceName  the service's name, which prefixes most subjects
     * @param documentName the licence document the application was made with
     * @param pickupLabel  the label of the certificate, empty until the applicant has given their details
     */
    record Heading(String serviceName, String documentName, String orderNumber, String pickupLabel) {
    }
}
