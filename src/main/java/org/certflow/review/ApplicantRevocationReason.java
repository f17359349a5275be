package org.certflow.review;

import java.util.Optional;

import org.certflow.certificate.RevocationReason;

/**
 * The reasons the applicant can give on the status page, in their words, and the RFC 5280 reason each becomes on
 * the CRL and in OCSP.
 * <p>
 * A lost certificate file or device still holds the private key, protected only by its PIN: whoever finds it can
 * try to use it, so RFC 5280's keyCompromise ("the subject's private key … is suspected to have been compromised")
 * applies, not cessationOfOperation, which says the certificate is merely no longer needed and lets relying parties
 * trust what was signed before. Changed details map to affiliationChanged ("the subject's name or other information
 * in the certificate has been modified"); superseded would claim a replacement exists, which this request does not
 * issue.
 */
public enum ApplicantRevocationReason {
    LOSS("紛失", RevocationReason.KEY_COMPROMISE),
    KEY_COMPROMISE("鍵の危殆化", RevocationReason.KEY_COMPROMISE),
    DETAILS_CHANGED("記載事項の変更", RevocationReason.AFFILIATION_CHANGED);

    private final String label;
    private final RevocationReason rfc5280;

    ApplicantRevocationReason(String label, RevocationReason rfc5280) {
        this.label = label;
        this.rfc5280 = rfc5280;
    }

    public String label() {
        return label;
    }

    public RevocationReason rfc5280() {
        return rfc5280;
    }

    /** The reason a form sent, or empty for anything else. */
    public static Optional<ApplicantRevocationReason> parse(String name) {
        for (ApplicantRevocationReason reason : values()) {
            if (reason.name().equals(name)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
