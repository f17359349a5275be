package org.certflow.pki;

import java.io.IOException;
import java.math.BigInteger;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
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

/**
 * Signs certificates after a {@link CertificateProfile} and CRLs. Every date it writes (notBefore, notAfter,
 * thisUpdate, nextUpdate) comes from the injected clock, which is the engine's: tests that move time move the
 * certificates with it.
 */
class CaSigner {

    static final String BC = BouncyCastleProvider.PROVIDER_NAME;
    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    /** Tolerance for relying parties whose clocks run a little behind. */
    static final Duration BACKDATING = Duration.ofMinutes(5);
    static final Duration CRL_VALIDITY = Duration.ofDays(7);
    /** RFC 5280 reason codes that may appear in a full CRL (7 is unused, 8 only in delta CRLs). */
    private static final Set<Integer> CRL_REASONS = Set.of(0, 1, 2, 3, 4, 5, 6, 9, 10);

    static {
        if (Security.getProvider(BC) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private final PkiProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** The token of the CA keys, or {@code null} when they are PKCS#12 files. */
    private final Pkcs11Token token;

    CaSigner(PkiProperties properties, Clock clock) {
        this(properties, clock, null);
    }

    CaSigner(PkiProperties properties, Clock clock, Pkcs11Token token) {
        this.properties = properties;
        this.clock = clock;
        this.token = token;
    }

    /**
     * The provider of every signature this CA makes (certificates, CRLs, OCSP answers): the token's when the CA
     * keys are in one, Bouncy Castle's otherwise. Certificates and CRLs are built by Bouncy Castle either way.
     */
    java.security.Provider signatureProvider() {
        return token == null ? Security.getProvider(BC) : token.provider();
    }

    Instant now() {
        return clock.instant();
    }

    SecureRandom random() {
        return random;
    }

    /** C=JP, O=the chamber, optionally OU, and CN. */
    X500Name subject(String organizationalUnit, String commonName) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, properties.organization());
        if (organizationalUnit != null) {
            name.addRDN(BCStyle.OU, organizationalUnit);
        }
        return name.addRDN(BCStyle.CN, commonName).build();
    }

    /**
     * A new key pair certified after {@code profile}, with the chain up to the root.
     *
     * @param email  the rfc822Name of the subject alternative name, or {@code null}
     * @param issuer the issuer's key and chain, or {@code null} for the self-signed root
     */
    KeyStore.PrivateKeyEntry certify(CertificateProfile profile, X500Name subject, String email,
                                     KeyStore.PrivateKeyEntry issuer) {
        return certify(profile, subject, email, issuer, generateKeyPair(profile.keySize()));
    }

    /**
     * Like {@link #certify(CertificateProfile, X500Name, String, KeyStore.PrivateKeyEntry)} for a key of the CA
     * itself (root, issuing CA, OCSP signer, mail signer): with a token, the key pair is generated inside it and the
     * private key never leaves it.
     */
    KeyStore.PrivateKeyEntry certifyCaKey(CertificateProfile profile, X500Name subject, String email,
                                          KeyStore.PrivateKeyEntry issuer) {
        KeyPair keyPair = token == null ? generateKeyPair(profile.keySize())
                : token.generateKeyPair(profile.keySize());
        return certify(profile, subject, email, issuer, keyPair);
    }

    private KeyStore.PrivateKeyEntry certify(CertificateProfile profile, X500Name subject, String email,
                                             KeyStore.PrivateKeyEntry issuer, KeyPair keyPair) {
        X509Certificate certificate = certify(profile, subject, email, keyPair.getPublic(),
                issuer == null ? keyPair.getPrivate() : issuer.getPrivateKey(), issuer);
        List<Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        if (issuer != null) {
            chain.addAll(List.of(issuer.getCertificateChain()));
        }
        return new KeyStore.PrivateKeyEntry(keyPair.getPrivate(), chain.toArray(Certificate[]::new));
    }

    /**
     * A certificate after {@code profile} for a public key whose private key stays with its holder (an enrolment
     * over CMP): the same extensions, dates and pointers as {@link #certify(CertificateProfile, X500Name, String,
     * KeyStore.PrivateKeyEntry)} give a key generated here.
     */
    X509Certificate certify(CertificateProfile profile, X500Name subject, String email, PublicKey publicKey,
                            KeyStore.PrivateKeyEntry issuer) {
        return certify(profile, subject, email, publicKey, issuer.getPrivateKey(), issuer);
    }

    private X509Certificate certify(CertificateProfile profile, X500Name subject, String email, PublicKey publicKey,
                                    PrivateKey signingKey, KeyStore.PrivateKeyEntry issuer) {
        X509Certificate issuerCertificate = issuer == null ? null : (X509Certificate) issuer.getCertificate();
        Instant notBefore = now().minus(BACKDATING);
        Instant notAfter = notBefore.atZone(ZoneOffset.UTC).plus(profile.validity()).toInstant();
        if (issuerCertificate != null && issuerCertificate.getNotAfter().toInstant().isBefore(notAfter)) {
            notAfter = issuerCertificate.getNotAfter().toInstant();
        }
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = issuerCertificate == null
                    ? new JcaX509v3CertificateBuilder(subject, serial(), Date.from(notBefore), Date.from(notAfter),
                            subject, publicKey)
                    : new JcaX509v3CertificateBuilder(issuerCertificate, serial(), Date.from(notBefore),
                            Date.from(notAfter), subject, publicKey);
            builder.addExtension(Extension.basicConstraints, true, profile.basicConstraints())
                    .addExtension(Extension.keyUsage, true, new KeyUsage(profile.keyUsage()))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(publicKey));
            if (!profile.extendedKeyUsages().isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(profile.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
            }
            if (profile.has(CertificateProfile.Pointer.OCSP_NO_CHECK)) {
                builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            }
            if (email != null) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
            }
            if (issuerCertificate != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        authorityKeyIdentifier(issuerCertificate));
            }
            addPointers(builder, profile);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(signingKey)));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            // not the subject: an applicant's name and registration number stay out of the log
            throw new IllegalStateException("cannot issue a " + profile.name() + " certificate", e);
        }
    }

    private void addPointers(X509v3CertificateBuilder builder, CertificateProfile profile) throws CertIOException {
        List<AccessDescription> access = new ArrayList<>();
        if (profile.issuerCertificatePath() != null) {
            access.add(new AccessDescription(AccessDescription.id_ad_caIssuers,
                    uri(profile.issuerCertificatePath())));
        }
        if (profile.has(CertificateProfile.Pointer.OCSP_RESPONDER)) {
            access.add(new AccessDescription(AccessDescription.id_ad_ocsp, uri("/pki/ocsp")));
        }
        if (profile.has(CertificateProfile.Pointer.CRL)) {
            DistributionPointName crl = new DistributionPointName(new GeneralNames(uri("/pki/crl")));
            builder.addExtension(Extension.cRLDistributionPoints, false,
                    new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(crl, null, null)}));
        }
        if (!access.isEmpty()) {
            builder.addExtension(Extension.authorityInfoAccess, false,
                    new AuthorityInformationAccess(access.toArray(AccessDescription[]::new)));
        }
        if (profile.has(CertificateProfile.Pointer.POLICY)) {
            builder.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                    new PolicyInformation(new ASN1ObjectIdentifier(properties.policyOid()))));
        }
    }

    /** A CRL of {@code issuer} listing {@code revoked}, valid for {@link #CRL_VALIDITY}, DER encoded. */
    byte[] crl(List<RevokedCertificate> revoked, KeyStore.PrivateKeyEntry issuer, BigInteger number) {
        Instant now = now();
        X509Certificate issuerCertificate = (X509Certificate) issuer.getCertificate();
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuerCertificate, Date.from(now));
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
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    authorityKeyIdentifier(issuerCertificate));
            return builder.build(signer(issuer.getPrivateKey())).getEncoded();
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build CRL", e);
        }
    }

    /** The issuer's own subject key identifier, so that chains built by the operator's tools link up too. */
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate issuer)
            throws GeneralSecurityException {
        byte[] extension = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getPublicKey());
        }
        try {
            return new AuthorityKeyIdentifier(SubjectKeyIdentifier.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(extension)).getKeyIdentifier());
        } catch (IOException e) {
            throw new GeneralSecurityException("unreadable subject key identifier in "
                    + issuer.getSubjectX500Principal(), e);
        }
    }

    ContentSigner contentSigner(PrivateKey key) {
        try {
            return signer(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with the CA key", e);
        }
    }

    private ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(signatureProvider())
                .setSecureRandom(random).build(key);
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

    private GeneralName uri(String path) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, properties.baseUrl() + path);
    }
}
