package org.certflow.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.certflow.support.RequiredTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final char[] PIN = "Pin-4711-abc".toCharArray();

    static Path caDirectory;
    static PkiProperties properties;
    static CertificateAuthority ca;

    @TempDir
    Path work;

    @BeforeAll
    static void createAuthority() {
        caDirectory = TestAuthority.directory();
        properties = TestAuthority.properties(caDirectory);
        ca = TestAuthority.authority();
    }

    static PkiProperties properties(Path directory) {
        return TestAuthority.properties(directory);
    }

    static ClientCertificateRequest request(int years) {
        return new ClientCertificateRequest("Yamada", "Taro", "taro.yamada@example.jp", "ACT1-123456", years);
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void chainVerifiesWithOpenssl() throws Exception {
        RequiredTools.openssl();
        IssuedCredential credential = ca.issue(request(1));
        Path root = writePem("root.pem", ca.rootCertificate());
        Path issuing = writePem("issuing.pem", ca.issuingCertificate());
        Path leaf = writePem("leaf.pem", credential.certificate());

        Result result = run("openssl", "verify", "-purpose", "sslclient", "-CAfile", root.toString(),
                "-untrusted", issuing.toString(), leaf.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains(leaf + ": OK");

        Result smime = run("openssl", "verify", "-purpose", "smimesign", "-CAfile", root.toString(),
                "-untrusted", issuing.toString(), leaf.toString());
        assertThat(smime.output()).contains(": OK");
    }

    @Test
    void certificateProfile() throws Exception {
        IssuedCredential credential = ca.issue(request(1));
        X509Certificate certificate = credential.certificate();

        assertThat(certificate.getSubjectX500Principal().getName())
                .isEqualTo("CN=TARO YAMADA,OU=ACT1-123456,O=Matsumoto Chamber of Commerce and Industry,C=JP");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.issuingCertificate().getSubjectX500Principal());
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
        certificate.verify(ca.issuingCertificate().getPublicKey());

        assertThat(certificate.getSerialNumber().signum()).isPositive();
        assertThat(certificate.getSerialNumber().bitLength()).isLessThanOrEqualTo(159);

        // digitalSignature, nonRepudiation, keyEncipherment; critical
        assertThat(certificate.getKeyUsage()).startsWith(true, true, true, false, false, false, false);
        assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
        assertThat(certificate.getExtendedKeyUsage()).containsExactlyInAnyOrder(
                KeyPurposeId.id_kp_clientAuth.getId(), KeyPurposeId.id_kp_emailProtection.getId());
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getSubjectAlternativeNames())
                .containsExactly(List.of(GeneralName.rfc822Name, "taro.yamada@example.jp"));
        assertThat(certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        assertThat(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
        assertThat(certificate.getExtensionValue("2.5.29.32")).as("certificatePolicies").isNotNull();

        assertThat(credential.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(((java.security.interfaces.RSAKey) certificate.getPublicKey()).getModulus().bitLength())
                .isEqualTo(2048);
        assertThat(credential.chain()).containsExactly(ca.issuingCertificate(), ca.rootCertificate());
        assertThat(credential.toString()).doesNotContain("modulus", "exponent");
        assertKeyMatches(credential.privateKey(), certificate);
    }

    @Test
    void urlsAndPoliciesAsOpensslSeesThem() throws Exception {
        RequiredTools.openssl();
        Path leaf = writePem("leaf.pem", ca.issue(request(2)).certificate());
        Result text = run("openssl", "x509", "-in", leaf.toString(), "-noout", "-text");
        assertThat(text.output())
                .contains("URI:https://certs.example.jp/pki/crl")
                .contains("CA Issuers - URI:https://certs.example.jp/pki/issuing-ca.crt")
                .contains("OCSP - URI:https://certs.example.jp/pki/ocsp")
                .contains("Policy: 1.3.6.1.4.1.99999.1.1")
                .contains("TLS Web Client Authentication, E-mail Protection")
                .contains("Digital Signature, Non Repudiation, Key Encipherment")
                .contains("email:taro.yamada@example.jp");
    }

    @Test
    void validityOneOrTwoYearsBackdatedFiveMinutes() {
        Instant before = Instant.now();
        X509Certificate one = ca.issue(request(1)).certificate();
        X509Certificate two = ca.issue(request(2)).certificate();
        Instant after = Instant.now();

        Instant notBefore = one.getNotBefore().toInstant();
        assertThat(notBefore).isBetween(before.minus(Duration.ofMinutes(5)).minusSeconds(1),
                after.minus(Duration.ofMinutes(5)));
        assertThat(one.getNotAfter().toInstant())
                .isEqualTo(notBefore.atZone(ZoneOffset.UTC).plusYears(1).toInstant());
        assertThat(two.getNotAfter().toInstant())
                .isEqualTo(two.getNotBefore().toInstant().atZone(ZoneOffset.UTC).plusYears(2).toInstant());
    }

    @Test
    void rejectsBadRequests() {
        assertThatThrownBy(() -> ca.issue(request(3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issue(new ClientCertificateRequest("山田", "太郎", "a@example.jp", "ACT1-1", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issue(new ClientCertificateRequest("Yamada", "Taro", "no-at-sign", "ACT1-1", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issue(new ClientCertificateRequest("Yamada", "Taro", "a@example.jp", " ", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pkcs12OpensWithPinInJdkAndBouncyCastle() throws Exception {
        IssuedCredential credential = ca.issue(request(1));
        byte[] p12 = ca.pkcs12(credential, PIN, "Taro Yamada");

        for (KeyStore keyStore : List.of(KeyStore.getInstance("PKCS12", "SunJSSE"), KeyStore.getInstance("PKCS12", "BC"))) {
            keyStore.load(new ByteArrayInputStream(p12), PIN);
            List<String> aliases = Collections.list(keyStore.aliases());
            String alias = aliases.stream().filter(a -> isKey(keyStore, a)).findFirst().orElseThrow();
            assertThat(alias).isEqualToIgnoringCase("Taro Yamada");
            PrivateKey key = (PrivateKey) keyStore.getKey(alias, PIN);
            assertThat(key.getEncoded()).isEqualTo(credential.privateKey().getEncoded());
            assertThat(keyStore.getCertificateChain(alias)).as(keyStore.getProvider().getName())
                    .containsExactly(credential.certificate(), ca.issuingCertificate(), ca.rootCertificate());
        }
    }

    @Test
    void pkcs12WrongPinFails() throws Exception {
        byte[] p12 = ca.pkcs12(ca.issue(request(1)), PIN, "Taro Yamada");
        KeyStore keyStore = KeyStore.getInstance("PKCS12", "SunJSSE");
        assertThatThrownBy(() -> keyStore.load(new ByteArrayInputStream(p12), "wrong-pin".toCharArray()))
                .isInstanceOf(IOException.class);
        KeyStore bc = KeyStore.getInstance("PKCS12", "BC");
        assertThatThrownBy(() -> bc.load(new ByteArrayInputStream(p12), "wrong-pin".toCharArray()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void pkcs12IsModernForOpensslAndKeytool() throws Exception {
        RequiredTools.openssl();
        Path file = work.resolve("client.p12");
        Files.write(file, ca.pkcs12(ca.issue(request(1)), PIN, "Taro Yamada"));

        Result info = run("openssl", "pkcs12", "-info", "-in", file.toString(), "-noout",
                "-passin", "pass:" + new String(PIN));
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(info.output())
                .contains("MAC: sha256")
                .contains("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC")
                .contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC")
                .contains("PRF hmacWithSHA256");

        Result wrong = run("openssl", "pkcs12", "-info", "-in", file.toString(), "-noout", "-passin", "pass:nope");
        assertThat(wrong.exitCode()).isNotZero();

        RequiredTools.onPath("keytool", "openjdk-17-jdk-headless");
        Result keytool = run("keytool", "-list", "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PIN));
        assertThat(keytool.exitCode()).as(keytool.output()).isZero();
        assertThat(keytool.output()).containsIgnoringCase("taro yamada").contains("PrivateKeyEntry");
    }

    @Test
    void legacyPkcs12UsesTripleDesAndSha1ForOldClients() throws Exception {
        Path file = work.resolve("legacy.p12");
        Files.write(file, ca.pkcs12(ca.issue(request(1)), PIN, "Taro Yamada", Pkcs12Format.LEGACY));
        java.security.KeyStore jdk = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            jdk.load(in, PIN);
        }
        assertThat(jdk.getCertificateChain(jdk.aliases().nextElement())).hasSize(3);

        RequiredTools.openssl();
        // OpenSSL 3 reads 3DES without its legacy provider; only RC2 would need it
        Result info = run("openssl", "pkcs12", "-info", "-in", file.toString(), "-noout",
                "-passin", "pass:" + new String(PIN));
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(info.output())
                .contains("MAC: sha1")
                .contains("pbeWithSHA1And3-KeyTripleDES-CBC");
    }

    @Test
    void restartLoadsTheSameAuthority() throws Exception {
        CertificateAuthority again = TestAuthority.create(properties(caDirectory));
        assertThat(again.rootCertificate()).isEqualTo(ca.rootCertificate());
        assertThat(again.issuingCertificate()).isEqualTo(ca.issuingCertificate());
        assertThat(again.chain()).containsExactly(ca.issuingCertificate(), ca.rootCertificate());
        assertThat(certificateOf(again.mailSigningKeystore())).isEqualTo(certificateOf(ca.mailSigningKeystore()));
    }

    @Test
    void firstStartCreatesKeystoresAndSecondStartLoadsThem(@TempDir Path fresh) throws Exception {
        Path directory = fresh.resolve("pki");
        CertificateAuthority first = TestAuthority.create(properties(directory));
        assertThat(directory.resolve("root.p12")).exists();
        assertThat(directory.resolve("issuing.p12")).exists();
        assertThat(directory.resolve("mail-signing.p12")).exists();
        assertThat(first.rootCertificate()).isNotEqualTo(ca.rootCertificate());

        CertificateAuthority second = TestAuthority.create(properties(directory));
        assertThat(second.rootCertificate()).isEqualTo(first.rootCertificate());
        assertThat(second.issuingCertificate()).isEqualTo(first.issuingCertificate());
        assertThat(certificateOf(second.mailSigningKeystore())).isEqualTo(certificateOf(first.mailSigningKeystore()));
    }

    @Test
    void rootAndIssuingProfile() throws Exception {
        X509Certificate root = ca.rootCertificate();
        X509Certificate issuing = ca.issuingCertificate();
        assertThat(root.getSubjectX500Principal().getName())
                .isEqualTo("CN=certflow Root CA,O=Matsumoto Chamber of Commerce and Industry,C=JP");
        root.verify(root.getPublicKey());
        issuing.verify(root.getPublicKey());
        assertThat(((java.security.interfaces.RSAKey) root.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(((java.security.interfaces.RSAKey) issuing.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(issuing.getBasicConstraints()).isZero();
        assertThat(Duration.between(root.getNotBefore().toInstant(), root.getNotAfter().toInstant()).toDays())
                .isBetween(365L * 20, 366L * 20);
        assertThat(Duration.between(issuing.getNotBefore().toInstant(), issuing.getNotAfter().toInstant()).toDays())
                .isBetween(365L * 10, 366L * 10);
    }

    @Test
    void productionRefusesToGenerateAMissingCa(@TempDir Path empty) {
        PkiProperties production = new PkiProperties(empty, "secret", properties.organization(),
                properties.mailSenderAddress(), properties.baseUrl(), properties.policyOid(), 2048, false);
        assertThatThrownBy(() -> TestAuthority.create(production))
                .hasStackTraceContaining("must hold the CA's root.p12 and issuing.p12");
    }

    @Test
    void wrongKeystorePasswordFailsLoudly() {
        PkiProperties wrong = new PkiProperties(caDirectory, "not-the-password", properties.organization(),
                properties.mailSenderAddress(), properties.baseUrl(), properties.policyOid(), 2048, true);
        assertThatThrownBy(() -> TestAuthority.create(wrong)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void mailSigningKeystoreLoadsWithItsPasswords() throws Exception {
        MailSigningKeystore mail = ca.mailSigningKeystore();
        assertThat(mail.toString()).doesNotContain(mail.storePassword());
        for (String provider : List.of("SunJSSE", "BC")) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12", provider);
            keyStore.load(new ByteArrayInputStream(mail.pkcs12()), mail.storePassword().toCharArray());
            assertThat(keyStore.isKeyEntry(mail.keyAlias())).as(provider).isTrue();
            PrivateKey key = (PrivateKey) keyStore.getKey(mail.keyAlias(), mail.keyPassword().toCharArray());
            X509Certificate certificate = (X509Certificate) keyStore.getCertificate(mail.keyAlias());
            assertThat(keyStore.getCertificateChain(mail.keyAlias())).hasSize(3);
            assertThat(certificate.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_emailProtection.getId());
            assertThat(certificate.getSubjectAlternativeNames())
                    .containsExactly(List.of(GeneralName.rfc822Name, "jcan-secretariat@mcci.or.jp"));
            assertThat(certificate.getKeyUsage()).startsWith(true, true, true);
            certificate.verify(ca.issuingCertificate().getPublicKey());
            assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant())
                    .toDays()).isBetween(365L * 2, 366L * 2);
            assertKeyMatches(key, certificate);
        }
    }

    @Test
    void crlListsRevokedSerialAndVerifies() throws Exception {
        BigInteger serial = ca.issue(request(1)).certificate().getSerialNumber();
        Instant revokedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        byte[] der = ca.crl(() -> List.of(new RevokedCertificate(serial, revokedAt, 1),
                new RevokedCertificate(BigInteger.valueOf(4242), revokedAt, 0)));

        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        crl.verify(ca.issuingCertificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.issuingCertificate().getSubjectX500Principal());
        X509CRLEntry entry = crl.getRevokedCertificate(serial);
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationDate().toInstant()).isEqualTo(revokedAt);
        assertThat(entry.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        assertThat(crl.getRevokedCertificate(BigInteger.valueOf(4242)).getRevocationReason()).isNull();
        assertThat(Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()))
                .isEqualTo(Duration.ofDays(7));
        assertThat(crl.getExtensionValue(Extension.cRLNumber.getId())).isNotNull();
        assertThat(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();

        RequiredTools.openssl();
        Path file = work.resolve("ca.crl");
        Files.write(file, der);
        Result text = run("openssl", "crl", "-inform", "DER", "-in", file.toString(), "-noout", "-text");
        assertThat(text.exitCode()).as(text.output()).isZero();
        Matcher listed = Pattern.compile("Serial Number: ([0-9A-Fa-f]+)")
                .matcher(text.output());
        assertThat(listed.find()).as(text.output()).isTrue();
        // openssl pads the serial to whole bytes, so compare numbers rather than text
        assertThat(new BigInteger(listed.group(1), 16)).isEqualTo(serial);
        assertThat(text.output())
                .contains("Key Compromise")
                .contains("X509v3 CRL Number");
        Path issuing = writePem("issuing.pem", ca.issuingCertificate());
        Result verify = run("openssl", "crl", "-inform", "DER", "-in", file.toString(), "-noout",
                "-CAfile", issuing.toString());
        assertThat(verify.output()).contains("verify OK");
    }

    @Test
    void crlNumbersIncrease() throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509CRL first = (X509CRL) factory.generateCRL(new ByteArrayInputStream(ca.crl(List::of)));
        X509CRL second = (X509CRL) factory.generateCRL(new ByteArrayInputStream(ca.crl(List::of)));
        assertThat(crlNumber(second)).isGreaterThan(crlNumber(first));
        assertThatThrownBy(() -> ca.crl(() -> List.of(new RevokedCertificate(BigInteger.TEN, Instant.now(), 7))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static BigInteger crlNumber(X509CRL crl) throws IOException {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        return org.bouncycastle.asn1.x509.CRLNumber.getInstance(
                org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils.parseExtensionValue(value)).getCRLNumber();
    }

    private static X509Certificate certificateOf(MailSigningKeystore mail) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(new ByteArrayInputStream(mail.pkcs12()), mail.storePassword().toCharArray());
        return (X509Certificate) keyStore.getCertificate(mail.keyAlias());
    }

    private static boolean isKey(KeyStore keyStore, String alias) {
        try {
            return keyStore.isKeyEntry(alias);
        } catch (Exception e) {
            return false;
        }
    }

    private static void assertKeyMatches(PrivateKey key, X509Certificate certificate) throws Exception {
        byte[] data = "certflow".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    private Path writePem(String name, X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(certificate);
        }
        Path file = work.resolve(name);
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    record Result(int exitCode, String output) {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
