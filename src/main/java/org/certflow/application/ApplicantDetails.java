package org.certflow.application;

/** What the applicant enters in the main application form, already checked and normalised. */
public record ApplicantDetails(
        String familyName,
        String firstName,
        String familyNameKana,
        String firstNameKana,
        String familyNameRomaji,
        String firstNameRomaji,
        String phone,
        String postalCode,
        String address,
        String registrationNumber) {
}
