package org.certflow.review;

import java.time.Instant;
import java.util.Optional;

import org.certflow.application.Qualification;

/**
 * An ra-admin's decision on a 「その他」 applicant: eligible at a fee category of the fee table, or not eligible
 * for the reason the applicant is told.
 */
public record EligibilityRecord(long applicationId, boolean eligible, Qualification feeCategory, String reason,
                                String decidedBy, Instant decidedAt) {

    /** The fee category the invoice applies, when the applicant was found eligible. */
    public Optional<Qualification> eligibleAt() {
        return eligible ? Optional.ofNullable(feeCategory) : Optional.empty();
    }
}
