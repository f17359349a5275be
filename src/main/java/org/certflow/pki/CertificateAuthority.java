package org.certflow.pki;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The certificate authority: a root CA, an issuing CA under it, and the service's S/MIME signing certificate,
 * kept as PKCS#12 files in {@link PkiProperties#directory()} and generated there on first start.
 * <p>
 * Applicant keys are generated in {@link #issue(ClientCertificateRequest)} and only ever leave this class inside
 * the PIN-protected PKCS#12 of {@link #pkcs12(IssuedCredential, char[], String)}; nothing about them is written.
 */
@Component
public class CertificateAuthority {

    static final String BC = BouncyCastleProvider.PROVIDER_NAME;

    static final String ROOT_FILE = "root.p12";
    static final String ISSUING_FILE = "issuing.p12";
    static final String MAIL_SIGNING_FILE = "mail-signing.p12";
    static final String ROOT_ALIAS = "root";
    static final String ISSUING_ALIAS = "issuing";
    static final String MAIL_SIGNING_ALIAS = "mail-signing";
    static final String OCSP_SIGNING_FILE = "ocsp-signing.p12";
    static final String OCSP_SIGNING_ALIAS = "ocsp-signing";
    /** A delegated OCSP signer lives one year and is replaced in its last 30 days, at start. */
    static final Duration OCSP_SIGNING_VALIDITY = Duration.ofDays(365);

    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    static final int CA_KEY_SIZE = 3072;
    static final int MAIL_SIGNING_KEY_SIZE = 2048;
    static final Duration MAIL_SIGNING_RENEWAL_WINDOW = Duration.ofDays(30);
    static final Duration BACKDATING = Duration.ofMinutes(5);
    static final Duration CRL_VALIDITY = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);

    /** Names as they are written on the certificate: latin letters, spaces, hyphens, apostrophes, dots. */
    private static final Pattern ROMAJI = Pattern.compile("[A-Za-z][A-Za-z .'\\-]*");
    /** A plain ASCII address (rfc822Name is an IA5String): dot-atom local part and a dotted host name. */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@[A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?)+");
    /** ub-common-name and ub-organizational-unit-name of RFC 5280. */
    private static final int MAX_NAME_LENGTH = 64;
    /** RFC 5280 reason codes that may appear in a full CRL (7 is unused, 8 only in delta CRLs). */
    private static final Set<Integer> CRL_REASONS = Set.of(0, 1, 2, 3, 4, 5, 6, 9, 10);

    private final PkiProperties properties;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lastCrlNumber = new AtomicLong();

    private final PrivateKey rootKey;
    private final X509Certificate rootCertificate;
    private final PrivateKey issuingKey;
    private final X509Certificate issuingCertificate;
    private final Path directory;
    /** Decides when the mail-signing and OCSP certificates are due for renewal. */
    private final Clock clock;
    /** The S/MIME signing key with its certificate; replaced as a whole on renewal. */
    private volatile KeyStore.PrivateKeyEntry mailSigning;
    private final PrivateKey ocspSigningKey;
    private final X509Certificate ocspSigningCertificate;

    @Autowired
    public CertificateAuthority(PkiProperties properties) {
        this(properties, Clock.systemUTC());
    }

    CertificateAuthority(PkiProperties properties, Clock clock) {
        registerBouncyCastle();
        this.properties = properties;
        this.clock = clock;
        Path directory = properties.directory().toAbsolutePath().normalize();
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            restrictToOwner(directory, true);
            // several nodes may share the directory: only one of them creates the CA
            try (FileChannel lockChannel = FileChannel.open(directory.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {

                KeyStore.PrivateKeyEntry root = loadEntry(directory.resolve(ROOT_FILE), ROOT_ALIAS);
                KeyStore.PrivateKeyEntry issuing = loadEntry(directory.resolve(ISSUING_FILE), ISSUING_ALIAS);
                if ((root == null || issuing == null) && !properties.generateMissing()) {
                    throw new IllegalStateException("certflow cannot start: " + directory + " must hold the CA's "
                            + ROOT_FILE + " and " + ISSUING_FILE + " (PKCS#12, password CERTFLOW_PKI_KEYSTORE_PASSWORD);"
                            + " in production the CA is loaded, never generated (certflow.pki.generate-missing=false)");
                }
                if (root == null) {
                    if (issuing != null) {
                        throw new IllegalStateException(directory.resolve(ISSUING_FILE)
                                + " exists without " + ROOT_FILE + "; refusing to generate a new root over it");
                    }
                    log.warn("No certificate authority in {}: generating a DEVELOPMENT root and issuing CA. "
                            + "Do not use it in production.", directory);
                    root = createRoot();
                    store(directory.resolve(ROOT_FILE), root, ROOT_ALIAS);
                }
                this.rootKey = root.getPrivateKey();
                this.rootCertificate = (X509Certificate) root.getCertificate();
                checkSelfSigned(rootCertificate);

                if (issuing == null) {
                    log.warn("No issuing CA in {}: generating a DEVELOPMENT issuing CA under {}", directory,
                            rootCertificate.getSubjectX500Principal().getName());
                    issuing = createIssuing();
                    store(directory.resolve(ISSUING_FILE), issuing, ISSUING_ALIAS);
                }
                this.issuingKey = issuing.getPrivateKey();
                this.issuingCertificate = (X509Certificate) issuing.getCertificate();
                checkIssuedBy(issuingCertificate, rootCertificate);

                Path mailFile = directory.resolve(MAIL_SIGNING_FILE);
                KeyStore.PrivateKeyEntry mail = loadEntry(mailFile, MAIL_SIGNING_ALIAS);
                String renewal = mail == null ? null : mailSigningRenewalReason((X509Certificate) mail.getCertificate());
                if (mail == null || renewal != null) {
                    if (mail == null) {
                        log.warn("No mail-signing certificate in {}: issuing one for {}", directory,
                                properties.mailSenderAddress());
                    } else {
                        log.warn("Renewing the mail-signing certificate: {}", renewal);
                    }
                    mail = createMailSigning();
                    store(mailFile, mail, MAIL_SIGNING_ALIAS);
                }
                this.mailSigning = mail;

                Path ocspFile = directory.resolve(OCSP_SIGNING_FILE);
                KeyStore.PrivateKeyEntry ocsp = loadEntry(ocspFile, OCSP_SIGNING_ALIAS);
                if (ocsp == null || ocspSigningRenewalDue((X509Certificate) ocsp.getCertificate())) {
                    log.info("Issuing the delegated OCSP signing certificate in {}", directory);
                    ocsp = createOcspSigning();
                    store(ocspFile, ocsp, OCSP_SIGNING_ALIAS);
                }
                this.ocspSigningKey = ocsp.getPrivateKey();
                this.ocspSigningCertificate = (X509Certificate) ocsp.getCertificate();
            }
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot load or create the certificate authority in " + directory, e);
        }
        log.info("Certificate authority ready: issuing CA {} (valid until {}), mail signing {} (valid until {})",
                issuingCertificate.getSubjectX500Principal().getName(), issuingCertificate.getNotAfter().toInstant(),
                properties.mailSenderAddress(), mailSigningCertificate().getNotAfter().toInstant());
    }

    // ---------------------------------------------------------------------------------------------------------
    // public API

    /** Generates a key pair for the applicant and certifies it under the issuing CA. */
    public IssuedCredential issue(ClientCertificateRequest request) {
        String firstName = romaji(request.firstNameRomaji(), "first name");
        String familyName = romaji(request.familyNameRomaji(), "family name");
        String commonName = (firstName + " " + familyName).toUpperCase(Locale.ROOT);
        requireLength(commonName, "common name");
        String unit = request.organizationalUnit() == null ? "" : request.organizationalUnit().strip();
        if (unit.isEmpty()) {
            throw new IllegalArgumentException("organizational unit is required");
        }
        requireLength(unit, "organizational unit");
        String email = email(request.email());
        if (request.validityYears() != 1 && request.validityYears() != 2) {
            throw new IllegalArgumentException("validity must be 1 or 2 years, was " + request.validityYears());
        }

        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, properties.organization())
                .addRDN(BCStyle.OU, unit)
                .addRDN(BCStyle.CN, commonName)
                .build();
        KeyPair keyPair = generateKeyPair(properties.keySize());
        Instant notBefore = Instant.now().minus(BACKDATING);
        Instant notAfter = plusYears(notBefore, request.validityYears());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuingCertificate, serial(),
                    Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(
                            KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                            KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection}))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keyPair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(issuingCertificate))
                    .addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint())
                    .addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                            new AccessDescription[] {
                                    new AccessDescription(AccessDescription.id_ad_caIssuers,
                                            uri(properties.baseUrl() + "/pki/issuing-ca.crt")),
                                    new AccessDescription(AccessDescription.id_ad_ocsp,
                                            uri(properties.baseUrl() + "/pki/ocsp"))}))
                    .addExtension(Extension.certificatePolicies, false, policies());
            X509Certificate certificate = sign(builder, issuingKey);
            return new IssuedCredential(keyPair.getPrivate(), certificate, chain());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot issue certificate for " + commonName, e);
        }
    }

    /**
     * The credential as a PKCS#12 (PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC, SHA-256 MAC, DER) protected by
     * the applicant's PIN, with key, certificate and full chain.
     */
    public byte[] pkcs12(IssuedCredential credential, char[] pin, String friendlyName) {
        return pkcs12(credential, pin, friendlyName, Pkcs12Format.MODERN);
    }

    public byte[] pkcs12(IssuedCredential credential, char[] pin, String friendlyName, Pkcs12Format format) {
        List<X509Certificate> certificates = new java.util.ArrayList<>();
        certificates.add(credential.certificate());
        certificates.addAll(credential.chain());
        return Pkcs12Writer.build(credential.privateKey(), certificates, pin, friendlyName, format);
    }

    /** Issuing CA certificate, then root CA certificate. */
    public List<X509Certificate> chain() {
        return List.of(issuingCertificate, rootCertificate);
    }

    public X509Certificate rootCertificate() {
        return rootCertificate;
    }

    public X509Certificate issuingCertificate() {
        return issuingCertificate;
    }

    /** The service's S/MIME signing key with its chain (mail-signing, issuing, root). */
    public MailSigningKeystore mailSigningKeystore() {
        String password = properties.keystorePassword();
        KeyStore.PrivateKeyEntry signer = mailSigning;
        byte[] p12 = Pkcs12Writer.build(signer.getPrivateKey(),
                List.of((X509Certificate) signer.getCertificate(), issuingCertificate, rootCertificate),
                password.toCharArray(), MAIL_SIGNING_ALIAS);
        return new MailSigningKeystore(p12, password, MAIL_SIGNING_ALIAS, password);
    }

    /** The service's current S/MIME signing certificate. */
    public X509Certificate mailSigningCertificate() {
        return (X509Certificate) mailSigning.getCertificate();
    }

    /**
     * Replaces the mail-signing certificate once it is within 30 days of its end, while certflow runs, so a
     * signature never shows an expired certificate: a node takes the one another node stored already, or
     * issues and stores a new one. Returns whether the certificate changed.
     */
    public synchronized boolean renewMailSigningIfDue() {
        String reason = mailSigningRenewalReason(mailSigningCertificate());
        if (reason == null) {
            return false;
        }
        Path mailFile = directory.resolve(MAIL_SIGNING_FILE);
        try (FileChannel lockChannel = FileChannel.open(directory.resolve(".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            KeyStore.PrivateKeyEntry stored = loadEntry(mailFile, MAIL_SIGNING_ALIAS);
            KeyStore.PrivateKeyEntry entry = stored;
            if (stored == null || mailSigningRenewalReason((X509Certificate) stored.getCertificate()) != null) {
                log.warn("Renewing the mail-signing certificate: {}", reason);
                entry = createMailSigning();
                store(mailFile, entry, MAIL_SIGNING_ALIAS);
            }
            this.mailSigning = entry;
            return true;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot renew the mail-signing certificate in " + directory, e);
        }
    }

    /**
     * Answers an OCSP request (RFC 6960, DER) about certificates of the issuing CA, signed by the delegated OCSP
     * signing certificate; {@code status} tells what the register knows of a serial number.
     */
    public byte[] ocspResponse(byte[] request, Function<BigInteger, OcspStatus> status) {
        return new OcspAnswer(issuingCertificate, ocspSigningKey, ocspSigningCertificate, random)
                .respond(request, status);
    }

    public X509Certificate ocspSigningCertificate() {
        return ocspSigningCertificate;
    }

    /** A CRL of the issuing CA listing {@code revoked}, valid for seven days, DER encoded. */
    public byte[] crl(List<RevokedCertificate> revoked) {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuingCertificate, Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(CRL_VALIDITY)));
        for (RevokedCertificate entry : revoked) {
            if (entry.serial() == null || entry.serial().signum() <= 0) {
                throw new IllegalArgumentException("revoked serial must be positive: " + entry.serial());
            }
            if (entry.revokedAt() == null) {
                throw new IllegalArgumentException("revocation time missing for serial " + entry.serial());
            }
            if (!CRL_REASONS.contains(entry.reason())) {
                throw new IllegalArgumentException("not a CRL reason code: " + entry.reason());
            }
            // reason 0 (unspecified) is expressed by leaving the reason code out, as RFC 5280 asks
            builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reason());
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(nextCrlNumber(now))));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(issuingCertificate));
            X509CRLHolder crl = builder.build(signer(issuingKey));
            return crl.getEncoded();
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build CRL", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // CA setup

    private KeyStore.PrivateKeyEntry createRoot()
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        KeyPair keyPair = generateKeyPair(CA_KEY_SIZE);
        X500Name name = caName("certflow Root CA");
        Instant notBefore = Instant.now().minus(BACKDATING);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                Date.from(plusYears(notBefore, 20)), name, keyPair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(keyPair.getPublic()));
        X509Certificate certificate = sign(builder, keyPair.getPrivate());
        return new KeyStore.PrivateKeyEntry(keyPair.getPrivate(), new Certificate[] {certificate});
    }

    private KeyStore.PrivateKeyEntry createIssuing()
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        KeyPair keyPair = generateKeyPair(CA_KEY_SIZE);
        Instant notBefore = Instant.now().minus(BACKDATING);
        Instant notAfter = min(plusYears(notBefore, 10), rootCertificate.getNotAfter().toInstant());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(rootCertificate, serial(),
                Date.from(notBefore), Date.from(notAfter), caName("certflow Issuing CA"), keyPair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(
                        KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(keyPair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(rootCertificate))
                .addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        AccessDescription.id_ad_caIssuers, uri(properties.baseUrl() + "/pki/root-ca.crt")))
                .addExtension(Extension.certificatePolicies, false, policies());
        X509Certificate certificate = sign(builder, rootKey);
        return new KeyStore.PrivateKeyEntry(keyPair.getPrivate(),
                new Certificate[] {certificate, rootCertificate});
    }

    private KeyStore.PrivateKeyEntry createMailSigning()
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        String address = email(properties.mailSenderAddress());
        KeyPair keyPair = generateKeyPair(MAIL_SIGNING_KEY_SIZE);
        Instant notBefore = Instant.now().minus(BACKDATING);
        Instant notAfter = min(plusYears(notBefore, 2), issuingCertificate.getNotAfter().toInstant());
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, properties.organization())
                .addRDN(BCStyle.CN, address)
                .build();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuingCertificate, serial(),
                Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(
                        KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, address)))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(keyPair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(issuingCertificate))
                .addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint())
                .addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        AccessDescription.id_ad_caIssuers, uri(properties.baseUrl() + "/pki/issuing-ca.crt")))
                .addExtension(Extension.certificatePolicies, false, policies());
        X509Certificate certificate = sign(builder, issuingKey);
        return new KeyStore.PrivateKeyEntry(keyPair.getPrivate(),
                new Certificate[] {certificate, issuingCertificate, rootCertificate});
    }

    private KeyStore.PrivateKeyEntry createOcspSigning()
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        KeyPair keyPair = generateKeyPair(MAIL_SIGNING_KEY_SIZE);
        Instant notBefore = Instant.now().minus(BACKDATING);
        Instant notAfter = min(notBefore.plus(OCSP_SIGNING_VALIDITY), issuingCertificate.getNotAfter().toInstant());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuingCertificate, serial(),
                Date.from(notBefore), Date.from(notAfter), caName("certflow OCSP Responder"), keyPair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
                // RFC 6960 4.2.2.2.1: clients need not check the responder's own revocation
                .addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false,
                        DERNull.INSTANCE)
                .addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(keyPair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(issuingCertificate));
        X509Certificate certificate = sign(builder, issuingKey);
        return new KeyStore.PrivateKeyEntry(keyPair.getPrivate(),
                new Certificate[] {certificate, issuingCertificate, rootCertificate});
    }

    private boolean ocspSigningRenewalDue(X509Certificate certificate) {
        try {
            certificate.verify(issuingCertificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            return true;
        }
        return !clock.instant().isBefore(certificate.getNotAfter().toInstant().minus(MAIL_SIGNING_RENEWAL_WINDOW));
    }

    /** Why the stored mail-signing certificate must be replaced, or {@code null} when it is still good. */
    private String mailSigningRenewalReason(X509Certificate certificate) {
        Instant renewFrom = certificate.getNotAfter().toInstant().minus(MAIL_SIGNING_RENEWAL_WINDOW);
        if (!clock.instant().isBefore(renewFrom)) {
            return "it expires on " + certificate.getNotAfter().toInstant();
        }
        try {
            certificate.verify(issuingCertificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            return "it was not issued by the current issuing CA";
        }
        try {
            List<String> addresses = certificate.getSubjectAlternativeNames() == null ? List.of()
                    : certificate.getSubjectAlternativeNames().stream()
                            .filter(n -> Integer.valueOf(GeneralName.rfc822Name).equals(n.get(0)))
                            .map(n -> String.valueOf(n.get(1)))
                            .toList();
            if (!addresses.contains(properties.mailSenderAddress().strip())) {
                return "its address " + addresses + " differs from " + properties.mailSenderAddress();
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return "its subject alternative name cannot be read";
        }
        return null;
    }

    private X500Name caName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, properties.organization())
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static void checkSelfSigned(X509Certificate root) throws GeneralSecurityException {
        if (!root.getSubjectX500Principal().equals(root.getIssuerX500Principal())) {
            throw new IllegalStateException("root certificate is not self-issued: " + root.getSubjectX500Principal());
        }
        root.verify(root.getPublicKey());
    }

    private static void checkIssuedBy(X509Certificate certificate, X509Certificate issuer)
            throws GeneralSecurityException {
        X500Principal expected = issuer.getSubjectX500Principal();
        if (!certificate.getIssuerX500Principal().equals(expected)) {
            throw new IllegalStateException("issuing CA " + certificate.getSubjectX500Principal()
                    + " is not issued by root " + expected);
        }
        certificate.verify(issuer.getPublicKey());
    }

    // ---------------------------------------------------------------------------------------------------------
    // key stores

    private KeyStore.PrivateKeyEntry loadEntry(Path file, String alias) throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            return null;
        }
        char[] password = properties.keystorePassword().toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, password);
        } catch (IOException e) {
            throw new IOException("cannot open " + file + " (wrong certflow.pki.keystore-password?)", e);
        }
        KeyStore.Entry entry = keyStore.getEntry(alias, new KeyStore.PasswordProtection(password));
        if (!(entry instanceof KeyStore.PrivateKeyEntry privateKeyEntry)) {
            throw new IllegalStateException(file + " holds no private key entry '" + alias + "'");
        }
        return privateKeyEntry;
    }

    private void store(Path file, KeyStore.PrivateKeyEntry entry, String alias) throws IOException {
        List<X509Certificate> certificates = Arrays.stream(entry.getCertificateChain())
                .map(X509Certificate.class::cast)
                .toList();
        byte[] p12 = Pkcs12Writer.build(entry.getPrivateKey(), certificates,
                properties.keystorePassword().toCharArray(), alias);
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            restrictToOwner(temporary, false);
            Files.write(temporary, p12);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path path, boolean directory) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("cannot restrict permissions of {}", path, e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    private static void registerBouncyCastle() {
        if (Security.getProvider(BC) == null) {
            synchronized (CertificateAuthority.class) {
                if (Security.getProvider(BC) == null) {
                    Security.addProvider(new BouncyCastleProvider());
                }
            }
        }
    }

    private KeyPair generateKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation unavailable", e);
        }
    }

    /** A positive random serial of at most 159 bits, so that its DER encoding fits in 20 octets. */
    private BigInteger serial() {
        BigInteger serial;
        do {
            serial = new BigInteger(159, random);
        } while (serial.bitLength() < 64);
        return serial;
    }

    private long nextCrlNumber(Instant now) {
        long candidate = now.getEpochSecond();
        return lastCrlNumber.updateAndGet(last -> Math.max(last + 1, candidate));
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
    }

    private ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(BC).setSecureRandom(random).build(key);
    }

    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate issuer)
            throws GeneralSecurityException {
        byte[] extension = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        try {
            if (extension != null) {
                SubjectKeyIdentifier ski = SubjectKeyIdentifier.getInstance(
                        JcaX509ExtensionUtils.parseExtensionValue(extension));
                return new AuthorityKeyIdentifier(ski.getKeyIdentifier());
            }
        } catch (IOException e) {
            throw new GeneralSecurityException("unreadable subject key identifier in "
                    + issuer.getSubjectX500Principal(), e);
        }
        PublicKey publicKey = issuer.getPublicKey();
        return new AuthorityKeyIdentifier(
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey).getKeyIdentifier());
    }

    private CRLDistPoint crlDistributionPoint() {
        DistributionPointName name = new DistributionPointName(new GeneralNames(uri(properties.baseUrl() + "/pki/crl")));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)});
    }

    private CertificatePolicies policies() {
        return new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(properties.policyOid())));
    }

    private static GeneralName uri(String value) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, value);
    }

    private static Instant plusYears(Instant start, int years) {
        return ZonedDateTime.ofInstant(start, ZoneOffset.UTC).plusYears(years).toInstant();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String romaji(String value, String what) {
        String name = value == null ? "" : value.strip().replaceAll("\\s+", " ");
        if (!ROMAJI.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be written in latin letters (romaji): " + value);
        }
        return name;
    }

    private static String email(String value) {
        String address = value == null ? "" : value.strip();
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw new IllegalArgumentException("not a usable e-mail address: " + value);
        }
        return address;
    }

    private static void requireLength(String value, String what) {
        if (value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(what + " longer than " + MAX_NAME_LENGTH + " characters: " + value);
        }
    }
}
