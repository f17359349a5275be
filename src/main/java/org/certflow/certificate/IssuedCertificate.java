package org.certflow.certificate;

import java.time.Instant;

/**
 * A certificate certflow issued: its public part only; the private key left with the applicant.
 *
 * @param applicationId the application it was picked up for, or {@code null} when a registration authority enrolled
 *                      it over CMP
 */
public record IssuedCertificate(Long applicationId, String serialNumber, String subjectDn, Instant notBefore,
                                Instant notAfter, Instant revokedAt, Integer revocationReason) {
}
