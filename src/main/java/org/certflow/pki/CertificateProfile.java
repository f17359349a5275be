package org.certflow.pki;

import java.time.Period;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What one kind of certificate says, applied by {@link CaSigner#certify}: every certificate of the CA is one of the
 * profiles below with a subject and a key. Subject and authority key identifiers are always present (the latter not
 * on the self-signed root); a profile only names what differs.
 *
 * @param name                  for log lines and errors
 * @param basicConstraints      CA flag and path length
 * @param keyUsage              the bits of {@link KeyUsage}
 * @param extendedKeyUsages     none for the CAs
 * @param validity              from notBefore; never beyond the issuer's notAfter
 * @param keySize               RSA bits of the subject's key
 * @param issuerCertificatePath where the issuer's certificate is published below the base URL (AIA caIssuers), or
 *                              {@code null}
 * @param pointers              further extensions that point to the CA's services or policy
 */
record CertificateProfile(
        String name,
        BasicConstraints basicConstraints,
        int keyUsage,
        List<KeyPurposeId> extendedKeyUsages,
        Period validity,
        int keySize,
        String issuerCertificatePath,
        Set<Pointer> pointers) {

    enum Pointer {
        /** AIA id-ad-ocsp: the OCSP responder. */
        OCSP_RESPONDER,
        /** CRL distribution point: the CRL. */
        CRL,
        /** Certificate policies: the chamber's policy OID. */
        POLICY,
        /** id-pkix-ocsp-nocheck (RFC 6960 4.2.2.2.1): clients need not check the responder's own revocation. */
        OCSP_NO_CHECK
    }

    static final int CA_KEY_SIZE = 3072;
    static final int SERVICE_KEY_SIZE = 2048;
    private static final int SIGNING_AND_ENCRYPTION =
            KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment;

    static final CertificateProfile ROOT = new CertificateProfile("root CA", new BasicConstraints(true),
            KeyUsage.keyCertSign | KeyUsage.cRLSign, List.of(), Period.ofYears(20), CA_KEY_SIZE, null, Set.of());

    static final CertificateProfile ISSUING_CA = new CertificateProfile("issuing CA", new BasicConstraints(0),
            KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature, List.of(), Period.ofYears(10),
            CA_KEY_SIZE, "/pki/root-ca.crt", Set.of(Pointer.POLICY));

    static final CertificateProfile MAIL_SIGNER = new CertificateProfile("mail signing", new BasicConstraints(false),
            SIGNING_AND_ENCRYPTION, List.of(KeyPurposeId.id_kp_emailProtection), Period.ofYears(2), SERVICE_KEY_SIZE,
            "/pki/issuing-ca.crt", Set.of(Pointer.CRL, Pointer.POLICY));

    /** A delegated OCSP signer lives one year and is replaced in its last 30 days. */
    static final CertificateProfile OCSP_SIGNER = new CertificateProfile("OCSP signing", new BasicConstraints(false),
            KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_OCSPSigning), Period.ofDays(365), SERVICE_KEY_SIZE,
            null, Set.of(Pointer.OCSP_NO_CHECK));

    /** An applicant's certificate for TLS client authentication and S/MIME, for one or two years. */
    static CertificateProfile client(int validityYears, int keySize) {
        return new CertificateProfile("client", new BasicConstraints(false), SIGNING_AND_ENCRYPTION,
                List.of(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection),
                Period.ofYears(validityYears), keySize, "/pki/issuing-ca.crt",
                Set.of(Pointer.OCSP_RESPONDER, Pointer.CRL, Pointer.POLICY));
    }

    boolean has(Pointer pointer) {
        return pointers.contains(pointer);
    }
}
