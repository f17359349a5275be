package org.certflow.pki;

import java.time.Instant;

/** What the register of issued certificates knows of one serial number, as OCSP reports it. */
public record OcspStatus(Kind kind, Instant revokedAt, int reason) {

    public enum Kind {
        GOOD, REVOKED, UNKNOWN
    }

    public static OcspStatus good() {
        return new OcspStatus(Kind.GOOD, null, 0);
    }

    public static OcspStatus unknown() {
        return new OcspStatus(Kind.UNKNOWN, null, 0);
    }

    public static OcspStatus revoked(Instant at, int reason) {
        return new OcspStatus(Kind.REVOKED, at, reason);
    }
}
