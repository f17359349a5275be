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

    public boolean hasDetails() {
        return details != null && details.familyName() != null;
    }

    /** The label the pickup mails carry: {@code BN-<FamilyName>.<FirstName>}. */
    public String pickupLabel() {
        return "BN-" + details.familyNameRomaji() + "." + details.firstNameRomaji();
    }

    public String fullName() {
        return details.familyName() + " " + details.firstName();
    }
}
