package org.certflow.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A freshly issued certificate with its private key. Lives in memory only: pack it with
 * {@link CertificateAuthority#pkcs12(IssuedCredential, char[], String)}, hand it out once and drop it.
 *
 * @param privateKey  the applicant's private key, never stored
 * @param certificate the applicant's certificate
 * @param chain       issuing CA certificate, then root CA certificate
 */
public record IssuedCredential(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

    public IssuedCredential {
        chain = List.copyOf(chain);
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "IssuedCredential[subject=" + certificate.getSubjectX500Principal().getName()
                + ", serial=" + certificate.getSerialNumber().toString(16) + "]";
    }
}
