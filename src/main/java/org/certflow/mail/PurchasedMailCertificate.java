package org.certflow.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mail-signing certificate bought from a publicly trusted S/MIME CA, read from the PKCS#12 file that
 * {@code certflow.mail.signing.*} names and checked once at start: the file opens with the password, it holds one
 * key entry (or the named alias), the certificate is valid now, allows digital signatures and e-mail protection,
 * and carries the sender address {@code certflow.mail.from}. Every service mail is signed with it and carries the
 * chain from the file.
 */
public final class PurchasedMailCertificate implements MailSigning {

    static final String KEYSTORE = "certflow.mail.signing.keystore";
    static final String PASSWORD = "certflow.mail.signing.keystore-password";
    static final String ALIAS = "certflow.mail.signing.alias";
    static final String FROM = "certflow.mail.from";
    /** A certificate this close to its end is announced in the log at start and in the health details. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private static final Logger log = LoggerFactory.getLogger(PurchasedMailCertificate.class);
    private static final String EMAIL_PROTECTION = KeyPurposeId.id_kp_emailProtection.getId();

    private final SigningKeystore keystore;
    private final List<X509Certificate> chain;

    private PurchasedMailCertificate(SigningKeystore keystore, List<X509Certificate> chain) {
        this.keystore = keystore;
        this.chain = List.copyOf(chain);
    }

    /**
     * Reads and checks the bought certificate.
     *
     * @throws MailSigningCertificateException naming the setting to correct
     */
    public static PurchasedMailCertificate load(MailSigningProperties settings, String senderAddress, Instant now) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(settings.keystore().strip()));
        } catch (IOException | RuntimeException e) {
            throw new MailSigningCertificateException(KEYSTORE,
                    "the file " + settings.keystore() + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        String password = settings.keystorePassword() == null ? "" : settings.keystorePassword();
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            // a wrong password and a damaged file look the same to PKCS#12
            throw new MailSigningCertificateException(PASSWORD, "the PKCS#12 file " + settings.keystore()
                    + " does not open with this password (or is not a PKCS#12 file)");
        }
        String alias = keyAlias(store, settings);
        KeyStore.PrivateKeyEntry entry;
        try {
            entry = (KeyStore.PrivateKeyEntry) store.getEntry(alias,
                    new KeyStore.PasswordProtection(password.toCharArray()));
        } catch (GeneralSecurityException e) {
            throw new MailSigningCertificateException(PASSWORD,
                    "the key entry '" + alias + "' does not open with the file's password");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (java.security.cert.Certificate certificate : entry.getCertificateChain()) {
            chain.add((X509Certificate) certificate);
        }
        X509Certificate certificate = chain.get(0);
        check(certificate, senderAddress, now);
        if (chain.size() == 1) {
            log.warn("The mail-signing file {} holds the certificate without its chain: mail programs may not"
                    + " find the intermediate CA", settings.keystore());
        }
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.minus(EXPIRY_WARNING).isBefore(now)) {
            log.warn("The bought mail-signing certificate {} expires on {}: renew it and replace {}",
                    certificate.getSubjectX500Principal().getName(), notAfter, KEYSTORE);
        }
        log.info("Service mails are signed with the bought certificate {} (issuer {}, valid until {})",
                certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                notAfter);
        return new PurchasedMailCertificate(new SigningKeystore(bytes, password, alias, password), chain);
    }

    private static String keyAlias(KeyStore store, MailSigningProperties settings) {
        try {
            if (settings.alias() != null && !settings.alias().isBlank()) {
                String alias = settings.alias().strip();
                if (!store.isKeyEntry(alias)) {
                    throw new MailSigningCertificateException(ALIAS,
                            "the file " + settings.keystore() + " holds no key entry '" + alias + "'");
                }
                return alias;
            }
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            if (keys.isEmpty()) {
                throw new MailSigningCertificateException(KEYSTORE,
                        "the file " + settings.keystore() + " holds no private key");
            }
            if (keys.size() > 1) {
                throw new MailSigningCertificateException(ALIAS, "the file " + settings.keystore()
                        + " holds several private keys " + keys + ": name the one to use");
            }
            return keys.get(0);
        } catch (java.security.KeyStoreException e) {
            throw new MailSigningCertificateException(KEYSTORE, "the file " + settings.keystore() + " cannot be read");
        }
    }

    private static void check(X509Certificate certificate, String senderAddress, Instant now) {
        String subject = certificate.getSubjectX500Principal().getName();
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new MailSigningCertificateException(KEYSTORE, "the certificate " + subject
                    + " is valid only from " + certificate.getNotBefore().toInstant());
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new MailSigningCertificateException(KEYSTORE, "the certificate " + subject + " expired on "
                    + certificate.getNotAfter().toInstant());
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && (keyUsage.length == 0 || !keyUsage[0])) {
            throw new MailSigningCertificateException(KEYSTORE, "the certificate " + subject
                    + " does not allow digital signatures (key usage digitalSignature)");
        }
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            if (purposes != null && !purposes.contains(EMAIL_PROTECTION)) {
                throw new MailSigningCertificateException(KEYSTORE, "the certificate " + subject
                        + " is not for e-mail (extended key usage emailProtection missing: " + purposes + ")");
            }
        } catch (CertificateParsingException e) {
            throw new MailSigningCertificateException(KEYSTORE, "the certificate's extended key usage cannot be read");
        }
        List<String> addresses = addresses(certificate);
        String sender = senderAddress.strip().toLowerCase(Locale.ROOT);
        if (addresses.stream().noneMatch(a -> a.strip().toLowerCase(Locale.ROOT).equals(sender))) {
            throw new MailSigningCertificateException(KEYSTORE, "the certificate " + subject + " is for "
                    + addresses + ", not for the sender address " + FROM + " = " + senderAddress
                    + ": mail programs would flag every mail");
        }
    }

    /** The rfc822Name entries of the subject alternative name, else the e-mail address in the subject. */
    static List<String> addresses(X509Certificate certificate) {
        List<String> addresses = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                certificate.getSubjectAlternativeNames().stream()
                        .filter(n -> Integer.valueOf(GeneralName.rfc822Name).equals(n.get(0)))
                        .forEach(n -> addresses.add(String.valueOf(n.get(1))));
            }
        } catch (CertificateParsingException e) {
            throw new MailSigningCertificateException(KEYSTORE, "the certificate's subject alternative name cannot be read");
        }
        if (addresses.isEmpty()) {
            X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            for (RDN rdn : subject.getRDNs(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
                ASN1Encodable value = rdn.getFirst().getValue();
                addresses.add(value instanceof ASN1String s ? s.getString() : value.toString());
            }
        }
        return addresses;
    }

    @Override
    public SigningKeystore keystore() {
        return keystore;
    }

    /** The signing certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The signing certificate first, then its issuers as the file gives them. */
    public List<X509Certificate> chain() {
        return chain;
    }
}
