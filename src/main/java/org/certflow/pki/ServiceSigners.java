package org.certflow.pki;

import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.x509.GeneralName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's own certificates under the issuing CA: the S/MIME signer of the service mails and the delegated
 * OCSP signer. Each is issued when missing and renewed in its last 30 days, or when it no longer matches the
 * issuing CA or the mail sender; at start for both, and while certflow runs for the mail signer, so that a
 * signature never shows an expired certificate.
 */
class ServiceSigners {

    static final String MAIL_SIGNING_ALIAS = "mail-signing";
    static final String OCSP_SIGNING_ALIAS = "ocsp-signing";
    static final Duration RENEWAL_WINDOW = Duration.ofDays(30);

    private static final Logger log = LoggerFactory.getLogger(ServiceSigners.class);

    private final KeystoreDirectory keystores;
    /** Where the mail signer's key is: the directory, or the token of the CA keys. */
    private final CaKeyStore mailKeys;
    private final CaHierarchy hierarchy;
    private final CaSigner signer;
    private final String mailSenderAddress;
    /** Replaced as a whole on renewal. */
    private volatile KeyStore.PrivateKeyEntry mailSigning;
    private final KeyStore.PrivateKeyEntry ocspSigning;

    ServiceSigners(KeystoreDirectory keystores, CaHierarchy hierarchy, CaSigner signer, String mailSenderAddress) {
        this(keystores, keystores, hierarchy, signer, mailSenderAddress, true);
    }

    /**
     * With the OCSP signer's key in {@code caKeys} (the directory or the token of the CA keys); without
     * {@code issuesMailSigner} (a bought mail-signing certificate signs the mails) no mail signer is issued.
     */
    ServiceSigners(KeystoreDirectory keystores, CaKeyStore caKeys, CaHierarchy hierarchy, CaSigner signer,
                   String mailSenderAddress, boolean issuesMailSigner) {
        this.keystores = keystores;
        this.mailKeys = caKeys;
        this.hierarchy = hierarchy;
        this.signer = signer;
        this.mailSenderAddress = mailSenderAddress.strip();
        this.mailSigning = issuesMailSigner ? keystores.locked(this::storedOrRenewedMailSigning) : null;
        this.ocspSigning = keystores.locked(() -> {
            KeyStore.PrivateKeyEntry ocsp = caKeys.load(KeystoreDirectory.OCSP_SIGNING_FILE, OCSP_SIGNING_ALIAS);
            if (ocsp == null || !hierarchy.issued(certificate(ocsp)) || renewalDue(certificate(ocsp))) {
                log.info("Issuing the delegated OCSP signing certificate in {}", caKeys.where());
                ocsp = signer.certifyCaKey(CertificateProfile.OCSP_SIGNER,
                        signer.subject(null, "certflow OCSP Responder"), null, hierarchy.issuing());
                caKeys.store(KeystoreDirectory.OCSP_SIGNING_FILE, ocsp, OCSP_SIGNING_ALIAS);
            }
            return ocsp;
        });
    }

    KeyStore.PrivateKeyEntry mailSigning() {
        if (mailSigning == null) {
            throw new IllegalStateException("certflow's CA issues no mail-signing certificate: the service mails are"
                    + " signed with the bought one (certflow.mail.signing.keystore)");
        }
        return mailSigning;
    }

    boolean issuesMailSigner() {
        return mailSigning != null;
    }

    KeyStore.PrivateKeyEntry ocspSigning() {
        return ocspSigning;
    }

    /**
     * Replaces the mail-signing certificate when it is due: a node takes the one another node stored already, or
     * issues and stores a new one. Returns whether the certificate changed.
     */
    synchronized boolean renewMailSigningIfDue() {
        if (mailSigning == null) {
            return false;
        }
        String reason = mailSigningRenewalReason(certificate(mailSigning));
        if (reason == null) {
            return false;
        }
        log.info("The mail-signing certificate is due: {}", reason);
        mailSigning = keystores.locked(this::storedOrRenewedMailSigning);
        return true;
    }

    /** Under the directory's lock: the stored certificate while it is good, else a new one, stored. */
    private KeyStore.PrivateKeyEntry storedOrRenewedMailSigning() {
        KeyStore.PrivateKeyEntry stored = withChain(
                mailKeys.load(KeystoreDirectory.MAIL_SIGNING_FILE, MAIL_SIGNING_ALIAS));
        if (stored == null) {
            log.warn("No mail-signing certificate in {}: issuing one for {}", mailKeys.where(), mailSenderAddress);
        } else {
            String reason = mailSigningRenewalReason(certificate(stored));
            if (reason == null) {
                return stored;
            }
            log.warn("Renewing the mail-signing certificate: {}", reason);
        }
        KeyStore.PrivateKeyEntry renewed = signer.certifyCaKey(CertificateProfile.MAIL_SIGNER,
                signer.subject(null, mailSenderAddress), mailSenderAddress, hierarchy.issuing());
        mailKeys.store(KeystoreDirectory.MAIL_SIGNING_FILE, renewed, MAIL_SIGNING_ALIAS);
        return renewed;
    }

    /** A token keeps the certificate alone: the chain up to the root is the current hierarchy's. */
    private KeyStore.PrivateKeyEntry withChain(KeyStore.PrivateKeyEntry entry) {
        if (entry == null || entry.getCertificateChain().length > 1) {
            return entry;
        }
        List<java.security.cert.Certificate> chain = new java.util.ArrayList<>();
        chain.add(entry.getCertificate());
        chain.addAll(List.of(hierarchy.issuing().getCertificateChain()));
        return new KeyStore.PrivateKeyEntry(entry.getPrivateKey(),
                chain.toArray(java.security.cert.Certificate[]::new));
    }

    /** Why the mail-signing certificate must be replaced, or {@code null} when it is still good. */
    private String mailSigningRenewalReason(X509Certificate certificate) {
        if (renewalDue(certificate)) {
            return "it expires on " + certificate.getNotAfter().toInstant();
        }
        if (!hierarchy.issued(certificate)) {
            return "it was not issued by the current issuing CA";
        }
        try {
            List<String> addresses = certificate.getSubjectAlternativeNames() == null ? List.of()
                    : certificate.getSubjectAlternativeNames().stream()
                            .filter(n -> Integer.valueOf(GeneralName.rfc822Name).equals(n.get(0)))
                            .map(n -> String.valueOf(n.get(1)))
                            .toList();
            if (!addresses.contains(mailSenderAddress)) {
                return "its address " + addresses + " differs from " + mailSenderAddress;
            }
        } catch (CertificateParsingException e) {
            return "its subject alternative name cannot be read";
        }
        return null;
    }

    private boolean renewalDue(X509Certificate certificate) {
        Instant renewFrom = certificate.getNotAfter().toInstant().minus(RENEWAL_WINDOW);
        return !signer.now().isBefore(renewFrom);
    }

    private static X509Certificate certificate(KeyStore.PrivateKeyEntry entry) {
        return (X509Certificate) entry.getCertificate();
    }
}
