package org.certflow.pki;

import java.math.BigInteger;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.ContentSigner;
import org.certflow.application.EmailAddresses;
import org.certflow.application.RomajiNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The certificate authority as the rest of certflow sees it: a root CA, an issuing CA under it and the service's
 * own signers, kept as PKCS#12 files in {@link PkiProperties#directory()}, or, with {@code certflow.pki.pkcs11.*}
 * set, the keys of the root, the issuing CA, the OCSP signer and the mail signer in a PKCS#11 token ({@link Pkcs11Token}), generated
 * there and never exported. Behind it, {@link KeystoreDirectory} holds the files, {@link CaHierarchy} the start policy, {@link CertificateProfile} what each kind of certificate
 * says, {@link CaSigner} the signing with the injected clock, {@link ServiceSigners} the renewal of the service
 * certificates and {@link CrlNumbers} the numbering of CRLs.
 * <p>
 * Applicant keys are generated in {@link #issue(ClientCertificateRequest)} and only ever leave the CA inside the
 * PIN-protected PKCS#12 of {@link #pkcs12(IssuedCredential, char[], String)}; nothing about them is written.
 */
@Component
public class CertificateAuthority {

    private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);

    static final int MIN_REQUESTED_KEY_BITS = 2048;
    static final int MAX_REQUESTED_KEY_BITS = 4096;

    private final PkiProperties properties;
    private final KeystoreDirectory keystores;
    private final CaSigner signer;
    private final CaHierarchy hierarchy;
    private final ServiceSigners serviceSigners;
    private final CrlNumbers crlNumbers;

    public CertificateAuthority(PkiProperties properties, Clock clock, CrlNumbers crlNumbers) {
        if (!EmailAddresses.isValid(properties.mailSenderAddress().strip())) {
            throw new IllegalStateException("certflow.mail.from is not a usable e-mail address for the mail-signing"
                    + " certificate: " + properties.mailSenderAddress());
        }
        this.properties = properties;
        this.crlNumbers = crlNumbers;
        this.keystores = new KeystoreDirectory(properties.directory(), properties.keystorePassword());
        Pkcs11Token token = properties.inToken() ? Pkcs11Token.open(properties.pkcs11()) : null;
        CaKeyStore caKeys = token == null ? keystores : token;
        this.signer = new CaSigner(properties, clock, token);
        this.hierarchy = CaHierarchy.open(keystores, caKeys, signer, properties.generateMissing());
        this.serviceSigners = new ServiceSigners(keystores, caKeys, hierarchy, signer,
                properties.mailSenderAddress(), properties.issuesMailSigner());
        if (issuesMailSigner()) {
            log.info("Certificate authority ready: issuing CA {} (valid until {}), mail signing {} (valid until {})",
                    issuingCertificate().getSubjectX500Principal().getName(),
                    issuingCertificate().getNotAfter().toInstant(), properties.mailSenderAddress(),
                    mailSigningCertificate().getNotAfter().toInstant());
        } else {
            log.info("Certificate authority ready: issuing CA {} (valid until {}); mail is signed with a bought"
                    + " certificate, the CA issues none", issuingCertificate().getSubjectX500Principal().getName(),
                    issuingCertificate().getNotAfter().toInstant());
        }
    }

    /**
     * Generates a key pair for the applicant and certifies it under the issuing CA. The names and the address must
     * pass the rules the portal and Tasklist applied when they were typed ({@link RomajiNames},
     * {@link EmailAddresses}); anything else is refused here too.
     */
    public IssuedCredential issue(ClientCertificateRequest request) {
        ClientCertificateRequest checked = checked(request);
        KeyStore.PrivateKeyEntry entry = signer.certify(
                CertificateProfile.client(checked.validityYears(), properties.keySize()), subject(checked),
                checked.email(), hierarchy.issuing());
        List<X509Certificate> chain = certificates(entry);
        return new IssuedCredential(entry.getPrivateKey(), chain.get(0), chain.subList(1, chain.size()));
    }

    /**
     * Certifies a key its holder generated and keeps (an enrolment over CMP) after the same client profile and the
     * same rules for names and address as {@link #issue(ClientCertificateRequest)}. Only RSA keys of
     * {@value #MIN_REQUESTED_KEY_BITS} to {@value #MAX_REQUESTED_KEY_BITS} bits are taken, as the pickup generates.
     */
    public X509Certificate certify(PublicKey publicKey, ClientCertificateRequest request) {
        if (!(publicKey instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < MIN_REQUESTED_KEY_BITS
                || rsa.getModulus().bitLength() > MAX_REQUESTED_KEY_BITS) {
            throw new IllegalArgumentException("the key must be RSA with " + MIN_REQUESTED_KEY_BITS + " to "
                    + MAX_REQUESTED_KEY_BITS + " bits");
        }
        ClientCertificateRequest checked = checked(request);
        return signer.certify(CertificateProfile.client(checked.validityYears(), properties.keySize()),
                subject(checked), checked.email(), publicKey, hierarchy.issuing());
    }

    /**
     * Signs the CA's answers over CMP (RFC 9483 allows the CA to protect its responses with its own key): the RA
     * trusts this key already as the issuer of what it enrols, and what it signs is built by certflow, never
     * handed in by a client.
     */
    public ContentSigner protocolSigner() {
        return signer.contentSigner(hierarchy.issuing().getPrivateKey());
    }

    /** O= of every certificate this CA issues. */
    public String organization() {
        return properties.organization();
    }

    private X500Name subject(ClientCertificateRequest checked) {
        return signer.subject(checked.organizationalUnit(),
                RomajiNames.commonName(checked.familyNameRomaji(), checked.firstNameRomaji()));
    }

    /** The request with its values stripped, or an exception naming the rule it breaks. */
    private static ClientCertificateRequest checked(ClientCertificateRequest request) {
        String firstName = romaji(request.firstNameRomaji(), "first name");
        String familyName = romaji(request.familyNameRomaji(), "family name");
        if (!RomajiNames.fitTogether(familyName, firstName)) {
            // the values stay out of the message: it reaches the log, and they are the applicant's
            throw new IllegalArgumentException("common name longer than " + RomajiNames.MAX_COMMON_NAME_LENGTH
                    + " characters (" + RomajiNames.commonName(familyName, firstName).length() + ")");
        }
        String unit = request.organizationalUnit() == null ? "" : request.organizationalUnit().strip();
        if (unit.isEmpty() || unit.length() > RomajiNames.MAX_COMMON_NAME_LENGTH) {
            throw new IllegalArgumentException("organizational unit must have 1 to "
                    + RomajiNames.MAX_COMMON_NAME_LENGTH + " characters");
        }
        String email = request.email() == null ? "" : request.email().strip();
        if (!EmailAddresses.isValid(email)) {
            throw new IllegalArgumentException("not a usable e-mail address");
        }
        if (request.validityYears() != 1 && request.validityYears() != 2) {
            throw new IllegalArgumentException("validity must be 1 or 2 years, was " + request.validityYears());
        }
        return new ClientCertificateRequest(familyName, firstName, email, unit, request.validityYears());
    }

    /**
     * The credential as a PKCS#12 (PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC, SHA-256 MAC, DER) protected by
     * the applicant's PIN, with key, certificate and full chain.
     */
    public byte[] pkcs12(IssuedCredential credential, char[] pin, String friendlyName) {
        return pkcs12(credential, pin, friendlyName, Pkcs12Format.MODERN);
    }

    public byte[] pkcs12(IssuedCredential credential, char[] pin, String friendlyName, Pkcs12Format format) {
        List<X509Certificate> certificates = new ArrayList<>();
        certificates.add(credential.certificate());
        certificates.addAll(credential.chain());
        return Pkcs12Writer.build(credential.privateKey(), certificates, pin, friendlyName, format);
    }

    /** Issuing CA certificate, then root CA certificate. */
    public List<X509Certificate> chain() {
        return List.of(issuingCertificate(), rootCertificate());
    }

    public X509Certificate rootCertificate() {
        return hierarchy.rootCertificate();
    }

    public X509Certificate issuingCertificate() {
        return hierarchy.issuingCertificate();
    }

    /**
     * The service's S/MIME signing key with its chain (mail-signing, issuing, root) as a PKCS#12; not when the key
     * is in the token ({@link #mailSigningKeyInToken()}), which never lets it out.
     */
    public MailSigningKeystore mailSigningKeystore() {
        if (mailSigningKeyInToken()) {
            throw new IllegalStateException("the mail-signing key is in the PKCS#11 token and cannot be exported;"
                    + " sign with mailSigningKey()");
        }
        KeyStore.PrivateKeyEntry signing = serviceSigners.mailSigning();
        byte[] p12 = Pkcs12Writer.build(signing.getPrivateKey(), certificates(signing),
                keystores.password().toCharArray(), ServiceSigners.MAIL_SIGNING_ALIAS);
        return new MailSigningKeystore(p12, keystores.password(), ServiceSigners.MAIL_SIGNING_ALIAS,
                keystores.password());
    }

    /** Whether the service's S/MIME signing key is in the PKCS#11 token of the CA keys. */
    public boolean mailSigningKeyInToken() {
        return properties.inToken();
    }

    /**
     * The service's S/MIME signing key in the token, with its chain and the provider whose signatures use it; the
     * key object is a handle: its value never leaves the token.
     */
    public TokenSigningKey mailSigningKey() {
        if (!mailSigningKeyInToken()) {
            throw new IllegalStateException("the mail-signing key is a PKCS#12 file: use mailSigningKeystore()");
        }
        KeyStore.PrivateKeyEntry signing = serviceSigners.mailSigning();
        return new TokenSigningKey(signing.getPrivateKey(), certificates(signing), signer.signatureProvider());
    }

    /** Whether the CA issues the service's mail-signing certificate (not when a bought one signs the mails). */
    public boolean issuesMailSigner() {
        return serviceSigners.issuesMailSigner();
    }

    /** The service's current S/MIME signing certificate; only when {@link #issuesMailSigner()}. */
    public X509Certificate mailSigningCertificate() {
        return (X509Certificate) serviceSigners.mailSigning().getCertificate();
    }

    /**
     * Replaces the mail-signing certificate once it is within 30 days of its end, while certflow runs, so a
     * signature never shows an expired certificate: a node takes the one another node stored already, or
     * issues and stores a new one. Returns whether the certificate changed.
     */
    public boolean renewMailSigningIfDue() {
        return serviceSigners.renewMailSigningIfDue();
    }

    /**
     * Answers an OCSP request (RFC 6960, DER) about certificates of the issuing CA, signed by the delegated OCSP
     * signing certificate; {@code status} tells what the register knows of a serial number.
     */
    public byte[] ocspResponse(byte[] request, Function<BigInteger, OcspStatus> status) {
        KeyStore.PrivateKeyEntry ocsp = serviceSigners.ocspSigning();
        return new OcspAnswer(issuingCertificate(), ocsp.getPrivateKey(), (X509Certificate) ocsp.getCertificate(),
                signer.random(), signer.signatureProvider()).respond(request, status);
    }

    public X509Certificate ocspSigningCertificate() {
        return (X509Certificate) serviceSigners.ocspSigning().getCertificate();
    }

    /**
     * A CRL of the issuing CA listing {@code revoked}, valid for seven days, DER encoded. Its number is taken from
     * {@link CrlNumbers} within the caller's transaction before {@code revoked} is read: a node signing at the same
     * moment as another waits until the other's revocation is committed and lists it, so the CRL with the highest
     * number is never missing a revocation that an older one shows.
     */
    public byte[] crl(Supplier<List<RevokedCertificate>> revoked) {
        BigInteger number = crlNumbers.next();
        return signer.crl(revoked.get(), hierarchy.issuing(), number);
    }

    private static String romaji(String value, String what) {
        String name = value == null ? "" : value.strip();
        if (!RomajiNames.isValid(name)) {
            throw new IllegalArgumentException(what + " must be written in latin letters (romaji)");
        }
        return name;
    }

    private static List<X509Certificate> certificates(KeyStore.PrivateKeyEntry entry) {
        Certificate[] chain = entry.getCertificateChain();
        return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
    }
}
