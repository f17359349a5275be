package org.certflow.application;

import java.time.LocalDate;

/** What the applicant enters in the main application form, already checked and normalised. */
public record ApplicantDetails(
        String familyName,
        String firstName,
        String familyNameKana,
        String firstNameKana,
        String familyNameRomaji,
        String firstNameRomaji,
        LocalDate dateOfBirth,
        String officeName,
        String phone,
        String postalCode,
        String address,
        String registrationNumber) {
}
