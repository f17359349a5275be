package org.certflow.pki;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root CA and the issuing CA under it, loaded at start from their keystores. When they are missing, the start
 * policy ({@link PkiProperties#generateMissing()}) decides: the default run generates a development CA, production
 * refuses to start, because there the CA comes from files the operators put in place.
 *
 * @param root    the root's key and certificate
 * @param issuing the issuing CA's key with the chain issuing, root
 */
record CaHierarchy(KeyStore.PrivateKeyEntry root, KeyStore.PrivateKeyEntry issuing) {

    static final String ROOT_ALIAS = "root";
    static final String ISSUING_ALIAS = "issuing";

    private static final Logger log = LoggerFactory.getLogger(CaHierarchy.class);

    /** Loads both CAs, generating what is missing if the start policy allows; checks that they belong together. */
    static CaHierarchy open(KeystoreDirectory keystores, CaSigner signer, boolean generateMissing) {
        return open(keystores, keystores, signer, generateMissing);
    }

    /**
     * Like {@link #open(KeystoreDirectory, CaSigner, boolean)} with the CA keys in {@code keys}: the directory's
     * files or a PKCS#11 token, where a missing key is generated inside the token.
     */
    static CaHierarchy open(KeystoreDirectory keystores, CaKeyStore keys, CaSigner signer, boolean generateMissing) {
        return keystores.locked(() -> {
            KeyStore.PrivateKeyEntry root = keys.load(KeystoreDirectory.ROOT_FILE, ROOT_ALIAS);
            KeyStore.PrivateKeyEntry issuing = keys.load(KeystoreDirectory.ISSUING_FILE, ISSUING_ALIAS);
            if ((root == null || issuing == null) && !generateMissing) {
                throw new IllegalStateException(keys == keystores
                        ? "certflow cannot start: " + keystores.path() + " must hold the CA's "
                                + KeystoreDirectory.ROOT_FILE + " and " + KeystoreDirectory.ISSUING_FILE
                                + " (PKCS#12, password CERTFLOW_PKI_KEYSTORE_PASSWORD);"
                                + " in production the CA is loaded, never generated"
                                + " (certflow.pki.generate-missing=false)"
                        : "certflow cannot start: " + keys.where() + " must hold the CA's keys and certificates '"
                                + ROOT_ALIAS + "' and '" + ISSUING_ALIAS + "'; in production the CA is loaded,"
                                + " never generated (certflow.pki.generate-missing=false)");
            }
            if (root == null) {
                if (issuing != null) {
                    throw new IllegalStateException(keys.where() + " holds the issuing CA without the root;"
                            + " refusing to generate a new root over it");
                }
                log.warn("No certificate authority in {}: generating a DEVELOPMENT root and issuing CA. "
                        + "Do not use it in production.", keys.where());
                root = signer.certifyCaKey(CertificateProfile.ROOT, signer.subject(null, "certflow Root CA"), null,
                        null);
                keys.store(KeystoreDirectory.ROOT_FILE, root, ROOT_ALIAS);
            }
            X509Certificate rootCertificate = (X509Certificate) root.getCertificate();
            checkSelfSigned(rootCertificate);
            if (issuing == null) {
                log.warn("No issuing CA in {}: generating a DEVELOPMENT issuing CA under {}", keys.where(),
                        rootCertificate.getSubjectX500Principal().getName());
                issuing = signer.certifyCaKey(CertificateProfile.ISSUING_CA,
                        signer.subject(null, "certflow Issuing CA"), null, root);
                keys.store(KeystoreDirectory.ISSUING_FILE, issuing, ISSUING_ALIAS);
            }
            // an operator's keystore may hold the issuing certificate alone; what this CA signs carries the full chain
            CaHierarchy hierarchy = new CaHierarchy(root, new KeyStore.PrivateKeyEntry(issuing.getPrivateKey(),
                    new Certificate[] {issuing.getCertificate(), rootCertificate}));
            hierarchy.checkIssuedByRoot();
            return hierarchy;
        });
    }

    X509Certificate rootCertificate() {
        return (X509Certificate) root.getCertificate();
    }

    X509Certificate issuingCertificate() {
        return (X509Certificate) issuing.getCertificate();
    }

    /** Whether {@code certificate} carries a valid signature of the issuing CA. */
    boolean issued(X509Certificate certificate) {
        try {
            certificate.verify(issuingCertificate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void checkSelfSigned(X509Certificate root) {
        if (!root.getSubjectX500Principal().equals(root.getIssuerX500Principal())) {
            throw new IllegalStateException("root certificate is not self-issued: " + root.getSubjectX500Principal());
        }
        try {
            root.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("root certificate is not self-signed: " + root.getSubjectX500Principal(),
                    e);
        }
    }

    private void checkIssuedByRoot() {
        X509Certificate issuingCertificate = issuingCertificate();
        if (!issuingCertificate.getIssuerX500Principal().equals(rootCertificate().getSubjectX500Principal())) {
            throw new IllegalStateException("issuing CA " + issuingCertificate.getSubjectX500Principal()
                    + " is not issued by root " + rootCertificate().getSubjectX500Principal());
        }
        try {
            issuingCertificate.verify(rootCertificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("issuing CA " + issuingCertificate.getSubjectX500Principal()
                    + " does not carry the root's signature", e);
        }
    }
}
