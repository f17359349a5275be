package org.certflow.support;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A publicly trusted S/MIME CA as far as the test knows: a root, an intermediate, end-entity certificates. */
public final class TestPublicCa {

    private final String password;
    private final KeyPairGenerator generator;
    private final JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final KeyPair intermediateKeys;
    private final X509Certificate intermediate;
    private X509Certificate lastIssued;
    private long serial = 10;

    /** A new CA; its files are protected by {@code password}, as a bought file is. */
    public TestPublicCa(String password) throws Exception {
        this.password = password;
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Instant now = Instant.now();
        rootKeys = generator.generateKeyPair();
        X500Name rootName = new X500Name("CN=Test Public S/MIME Root,O=Test Trust Services");
        root = sign(new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))),
                rootName, rootKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(rootKeys.getPublic())), rootKeys);
        intermediateKeys = generator.generateKeyPair();
        intermediate = sign(new JcaX509v3CertificateBuilder(root, BigInteger.TWO,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1825))),
                new X500Name("CN=Test Public S/MIME Intermediate,O=Test Trust Services"),
                intermediateKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(root))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(intermediateKeys.getPublic())), rootKeys);
    }

    /**
     * A bought-like certificate for {@code address} in a PKCS#12 file with the intermediate, valid until
     * {@code validFor} from now (negative: expired), for e-mail or, without {@code forMail}, for TLS clients.
     */
    public Path issue(Path file, String address, Duration validFor, boolean forMail) throws Exception {
        Instant now = Instant.now();
        KeyPair keys = generator.generateKeyPair();
        Instant notAfter = now.plus(validFor);
        Instant notBefore = validFor.isNegative() ? notAfter.minus(Duration.ofDays(365)) : now.minus(Duration.ofHours(1));
        X509Certificate certificate = sign(new JcaX509v3CertificateBuilder(intermediate,
                BigInteger.valueOf(serial++), Date.from(notBefore), Date.from(notAfter),
                new X500Name("CN=MCCI電子証明書サービス,O=Test Subscriber"), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(forMail
                        ? KeyPurposeId.id_kp_emailProtection : KeyPurposeId.id_kp_clientAuth))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, address)))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(intermediate))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic())), intermediateKeys);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("bought", keys.getPrivate(), password.toCharArray(),
                new X509Certificate[] {certificate, intermediate});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        Files.write(file, out.toByteArray());
        lastIssued = certificate;
        return file;
    }

    public X509Certificate root() {
        return root;
    }

    /** The certificate of the last {@link #issue}. */
    public X509Certificate lastIssued() {
        return lastIssued;
    }

    public static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }
}
