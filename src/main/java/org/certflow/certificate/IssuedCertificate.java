package org.certflow.certificate;

import java.time.Instant;

/** A certificate certflow issued: its public part only; the private key left with the applicant. */
public record IssuedCertificate(long applicationId, String serialNumber, String subjectDn, Instant notBefore,
                                Instant notAfter, Instant revokedAt, Integer revocationReason) {
}
