package org.certflow.certificate.cmp;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;

/**
 * A request the CA refuses: answered with a CMP error message carrying {@code failInfo} (a {@link PKIFailureInfo}
 * bit) and the reason in English, never with an HTTP error.
 */
class CmpRefusal extends RuntimeException {

    private final int failInfo;

    CmpRefusal(int failInfo, String reason) {
        super(reason);
        this.failInfo = failInfo;
    }

    int failInfo() {
        return failInfo;
    }
}
