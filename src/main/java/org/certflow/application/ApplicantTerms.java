package org.certflow.application;

import org.certflow.service.DeadlineProperties;
import org.certflow.service.JapaneseSpans;
import org.springframework.stereotype.Component;

/**
 * The periods and limits that mails, pages and letters state, read from the settings and limits that enforce them:
 * an operator who changes {@code certflow.deadlines.pickup-window} changes what every text promises with it. Mails
 * and pages know it as {@code terms}.
 */
@Component
public class ApplicantTerms {

    private static final int MEGABYTE = 1024 * 1024;

    private final DeadlineProperties deadlines;

    public ApplicantTerms(DeadlineProperties deadlines) {
        this.deadlines = deadlines;
    }

    /** How long the mailed one-time link opens the main application form. */
    public String oneTimeLink() {
        return JapaneseSpans.of(deadlines.oneTimeLink());
    }

    /** How long a review usually takes. */
    public String reviewTime() {
        return JapaneseSpans.of(deadlines.reviewFollowUp());
    }

    /** How long after the review the certificate can be picked up. */
    public String pickupWindow() {
        return JapaneseSpans.of(deadlines.pickupWindow());
    }

    /** The largest licence image the portal takes. */
    public String licenceImageSize() {
        return LicenceImageCheck.MAX_BYTES / MEGABYTE + "MB";
    }
}
