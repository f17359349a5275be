package org.certflow.application;

import java.time.Instant;

/** One application for a certificate, from the provisional application to the end of the certificate's life. */
public record Application(
        long id,
        String orderNumber,
        ApplicationStatus status,
        Qualification qualification,
        String email,
        ApplicantDetails details,
        int validityYears,
        boolean chamberMember,
        int revision,
        String reviewComment,
        Instant createdAt,
        Instant submittedAt,
        Instant approvedAt) {

    /** What pages show in place of the personal data once it was reduced at the end of its retention period. */
    public static final String DELETED = "削除済み";

    /**
     * The applicant's personal data was reduced at the end of its retention period: the mail address, there from the
     * provisional application on, is emptied only then.
     */
    public boolean personalDataReduced() {
        return email == null;
    }

    public boolean hasDetails() {
        return details != null && details.familyName() != null;
    }

    /** The label the pickup mails carry: {@code BN-<FamilyName>.<FirstName>}. */
    public String pickupLabel() {
        return "BN-" + details.familyNameRomaji() + "." + details.firstNameRomaji();
    }

    public String fullName() {
        if (!hasDetails()) {
            return DELETED;
        }
        return details.familyName() + " " + details.firstName();
    }
}
