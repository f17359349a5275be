package org.certflow.pki;

import java.math.BigInteger;

/** Where a CRL's number comes from: each call gives a number higher than any given before, on any node. */
@FunctionalInterface
public interface CrlNumbers {

    BigInteger next();
}
