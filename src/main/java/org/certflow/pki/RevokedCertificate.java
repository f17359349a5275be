package org.certflow.pki;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One entry of the CRL.
 *
 * @param serial    serial number of the revoked certificate
 * @param revokedAt time of revocation
 * @param reason    RFC 5280 CRLReason code (0 unspecified, 1 keyCompromise, 3 affiliationChanged,
 *                  4 superseded, 5 cessationOfOperation, 6 certificateHold, 9 privilegeWithdrawn, ...)
 */
public record RevokedCertificate(BigInteger serial, Instant revokedAt, int reason) {
}
