package org.certflow.pki;

/**
 * What goes into an applicant's client certificate.
 *
 * @param familyNameRomaji   family name in romaji, e.g. "Yamada"
 * @param firstNameRomaji    given name in romaji, e.g. "Taro"
 * @param email              the applicant's mail address (rfc822Name in the SAN)
 * @param organizationalUnit OU= of the subject, e.g. "ACT1-123456"
 * @param validityYears      1 or 2
 */
public record ClientCertificateRequest(
        String familyNameRomaji,
        String firstNameRomaji,
        String email,
        String organizationalUnit,
        int validityYears) {
}
