package org.certflow.pki;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A signing key that stays in the PKCS#11 token: signatures are made with {@code provider}, which hands the data
 * to the token; {@code privateKey} is a handle, whose value the token never gives out.
 *
 * @param privateKey the key's handle
 * @param chain      its certificate first, then the issuing CA's and the root's
 * @param provider   the provider of the token
 */
public record TokenSigningKey(PrivateKey privateKey, List<X509Certificate> chain, Provider provider) {

    public TokenSigningKey {
        chain = List.copyOf(chain);
    }
}
