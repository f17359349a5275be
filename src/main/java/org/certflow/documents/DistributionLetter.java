package org.certflow.documents;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The distribution letter (配布状) the applicant downloads before submitting the main application. It holds
 * the pickup password needed, with the order number, to download the certificate after the review.
 *
 * @param serviceName      e.g. {@code MCCI電子証明書サービス}; also the PDF author
 * @param issuerName       e.g. {@code 松本商工会議所}
 * @param applicantName    the applicant's name, or {@code null} to leave the line out
 * @param applicantEmail   the registered mail address the pickup mail goes to
 * @param orderNumber      e.g. {@code PBJ10000001}
 * @param pickupUrl        where the certificate is picked up
 * @param pickupPassword   the raw pickup password; the letter groups it by four only for display
 * @param pickupWindow     how long after the review the certificate can be downloaded, as the applicant reads it
 *                         (「30日」)
 * @param issuedOn         the date the letter was issued
 */
public record DistributionLetter(
        String serviceName,
        String issuerName,
        String applicantName,
        String applicantEmail,
        String orderNumber,
        String pickupUrl,
        String pickupPassword,
        String pickupWindow,
        LocalDate issuedOn) {

    public DistributionLetter {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(issuerName, "issuerName");
        Objects.requireNonNull(applicantEmail, "applicantEmail");
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(pickupUrl, "pickupUrl");
        Objects.requireNonNull(pickupPassword, "pickupPassword");
        Objects.requireNonNull(pickupWindow, "pickupWindow");
        Objects.requireNonNull(issuedOn, "issuedOn");
        if (pickupPassword.isBlank()) {
            throw new IllegalArgumentException("pickupPassword must not be blank");
        }
    }

    /** Never print the password in logs. */
    @Override
    public String toString() {
        return "DistributionLetter[orderNumber=" + orderNumber + ", issuedOn=" + issuedOn + "]";
    }
}
