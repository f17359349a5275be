package org.certflow.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.certflow.mail.MailProperties;
import org.certflow.mail.MailSender;
import org.certflow.mail.MailSigning;
import org.certflow.mail.OutgoingMail;
import org.certflow.pki.CertificateAuthorityTest.Result;
import org.certflow.support.RequiredTools;
import org.certflow.support.SoftHsm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The CA keys in a PKCS#11 token: SoftHSM2, with tokens of this test run in a temporary directory
 * ({@link SoftHsm}). Everything here runs without a Spring context: the real {@link CertificateAuthority} and
 * {@link MailSender}, checked by OpenSSL.
 */
class Pkcs11CertificateAuthorityTest {

    private static final Path MODULE = SoftHsm.MODULE;
    private static final String PIN = SoftHsm.PIN;
    private static final String WRONG_PIN = "Not-The-Pin-0815";
    private static final String FROM = "jcan-secretariat@mcci.or.jp";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static String caToken;
    private static String untouchedToken;
    private static Path caDirectory;
    private static CertificateAuthority ca;

    @TempDir
    Path work;

    @BeforeAll
    static void createCa() throws Exception {
        caToken = SoftHsm.token("ca");
        untouchedToken = SoftHsm.token("untouched");
        caDirectory = Files.createTempDirectory("certflow-pki-hsm");
        ca = TestAuthority.create(properties(caDirectory, caToken, PIN));
    }

    @AfterAll
    static void deleteCaDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(caDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void certificatesCrlsOcspAnswersAndMailsSignedInTheTokenVerifyWithOpenssl() throws Exception {
        RequiredTools.openssl();
        IssuedCredential credential = ca.issue(CertificateAuthorityTest.request(1));
        Path root = pem("root.pem", ca.rootCertificate());
        Path issuing = pem("issuing.pem", ca.issuingCertificate());
        Path trust = pem("trust.pem", ca.rootCertificate(), ca.issuingCertificate());
        Path leaf = pem("leaf.pem", credential.certificate());

        Result verified = CertificateAuthorityTest.run("openssl", "verify", "-purpose", "sslclient", "-CAfile",
                root.toString(), "-untrusted", issuing.toString(), leaf.toString());
        assertThat(verified.output()).as(verified.output()).contains(leaf + ": OK");

        // the PKCS#12 the applicant picks up opens with the PIN and holds the key of the certificate
        byte[] pkcs12 = ca.pkcs12(credential, "Pin-4711-abc".toCharArray(), "Taro Yamada");
        KeyStore picked = KeyStore.getInstance("PKCS12");
        picked.load(new java.io.ByteArrayInputStream(pkcs12), "Pin-4711-abc".toCharArray());
        assertThat(picked.getCertificate(picked.aliases().nextElement())).isEqualTo(credential.certificate());

        Instant revokedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BigInteger serial = credential.certificate().getSerialNumber();
        byte[] crl = ca.crl(() -> List.of(new RevokedCertificate(serial, revokedAt, 1)));
        Path crlFile = Files.write(work.resolve("crl.der"), crl);
        Result crlText = CertificateAuthorityTest.run("openssl", "crl", "-inform", "DER", "-in", crlFile.toString(),
                "-CAfile", trust.toString(), "-noout", "-text");
        assertThat(crlText.output()).as(crlText.output()).contains("verify OK")
                .contains("Serial Number: " + java.util.HexFormat.of().withUpperCase()
                        .formatHex(serial.toByteArray()).replaceFirst("^00", ""));
        Result revoked = CertificateAuthorityTest.run("openssl", "verify", "-crl_check", "-CAfile", trust.toString(),
                "-CRLfile", pemCrl(crl).toString(), leaf.toString());
        assertThat(revoked.output()).as(revoked.output()).contains("certificate revoked");

        Path request = work.resolve("request.der");
        Result asked = CertificateAuthorityTest.run("openssl", "ocsp", "-issuer", issuing.toString(), "-cert",
                leaf.toString(), "-no_nonce", "-reqout", request.toString());
        assertThat(asked.exitCode()).as(asked.output()).isZero();
        byte[] answer = ca.ocspResponse(Files.readAllBytes(request),
                asked(serial, OcspStatus.revoked(revokedAt, 1)));
        Path response = Files.write(work.resolve("response.der"), answer);
        Result ocsp = CertificateAuthorityTest.run("openssl", "ocsp", "-respin", response.toString(), "-no_nonce",
                "-issuer", issuing.toString(), "-cert", leaf.toString(), "-CAfile", trust.toString());
        assertThat(ocsp.output()).as(ocsp.output()).contains("Response verify OK")
                .contains(leaf + ": revoked").contains("Reason: keyCompromise");

        // a service mail through the real MailSender, signed by the token, as it reaches the SMTP server
        MailSender sender = new MailSender(new MailProperties(FROM, "MCCI電子証明書サービス", 2525), smtp(),
                tokenSigning());
        sender.send(new OutgoingMail("taro.yamada@example.jp", "登録のご案内", "登録のご案内です。", List.of()),
                "<hsm-test@certflow>");
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getMessageID()).isEqualTo("<hsm-test@certflow>");
        Path mail = work.resolve("signed.eml");
        try (OutputStream out = Files.newOutputStream(mail)) {
            received.writeTo(out);
        }
        Result smime = CertificateAuthorityTest.run("openssl", "smime", "-verify", "-in", mail.toString(),
                "-CAfile", root.toString(), "-purpose", "smimesign");
        assertThat(smime.output()).as(smime.output()).contains("Verification successful");
        Path signer = work.resolve("signer.pem");
        CertificateAuthorityTest.run("openssl", "smime", "-verify", "-in", mail.toString(), "-CAfile",
                root.toString(), "-signer", signer.toString(), "-out", "/dev/null");
        assertThat(Files.readString(signer)).isEqualTo(Files.readString(pem("mail.pem",
                ca.mailSigningCertificate())));
    }

    @Test
    void noPrivateKeyOfTheCaExistsOutsideTheToken() throws Exception {
        List<String> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(caDirectory)) {
            paths.filter(Files::isRegularFile).map(path -> path.getFileName().toString()).forEach(files::add);
        }
        // only the lock the nodes share: no keystore, no key of any kind
        assertThat(files).containsOnly(".lock");
        assertThat(ca.mailSigningKeyInToken()).isTrue();
        assertThatThrownBy(ca::mailSigningKeystore).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be exported");

        Pkcs11Token token = Pkcs11Token.open(settings(caToken, PIN));
        assertThat(token.load(CaHierarchy.ROOT_ALIAS).getCertificate()).isEqualTo(ca.rootCertificate());
        assertThat(token.load(CaHierarchy.ISSUING_ALIAS).getCertificate()).isEqualTo(ca.issuingCertificate());
        assertThat(token.load(ServiceSigners.OCSP_SIGNING_ALIAS).getCertificate())
                .isEqualTo(ca.ocspSigningCertificate());
        assertThat(token.load(ServiceSigners.MAIL_SIGNING_ALIAS).getCertificate())
                .isEqualTo(ca.mailSigningCertificate());
        for (String alias : List.of(CaHierarchy.ROOT_ALIAS, CaHierarchy.ISSUING_ALIAS,
                ServiceSigners.OCSP_SIGNING_ALIAS, ServiceSigners.MAIL_SIGNING_ALIAS)) {
            PrivateKey key = token.load(alias).getPrivateKey();
            assertThat(key.getEncoded()).as(alias + " cannot be exported").isNull();
            // SunPKCS11 reads CKA_TOKEN, CKA_SENSITIVE and CKA_EXTRACTABLE from the token for this description
            assertThat(key.toString()).as(alias).contains("token object", "sensitive", "unextractable");
        }
    }

    @Test
    void aSecondStartWithTheSameTokenReusesTheCa() {
        CertificateAuthority restarted = TestAuthority.create(properties(caDirectory, caToken, PIN));

        assertThat(restarted.issuingCertificate().getSerialNumber())
                .isEqualTo(ca.issuingCertificate().getSerialNumber());
        assertThat(restarted.rootCertificate()).isEqualTo(ca.rootCertificate());
        assertThat(restarted.ocspSigningCertificate()).isEqualTo(ca.ocspSigningCertificate());
        assertThat(restarted.mailSigningCertificate()).isEqualTo(ca.mailSigningCertificate());
        assertThat(restarted.mailSigningKey().chain())
                .containsExactly(ca.mailSigningCertificate(), ca.issuingCertificate(), ca.rootCertificate());
        X509Certificate issued = restarted.issue(CertificateAuthorityTest.request(2)).certificate();
        assertThat(ca.issuingCertificate().getSubjectX500Principal()).isEqualTo(issued.getIssuerX500Principal());
        assertThat(issued).satisfies(certificate -> certificate.verify(ca.issuingCertificate().getPublicKey()));
    }

    @Test
    void aWrongPinStopsTheStartNamingTheSettingButNotThePin() throws Exception {
        Path directory = Files.createDirectory(work.resolve("pki"));
        assertThatThrownBy(() -> TestAuthority.create(properties(directory, untouchedToken, WRONG_PIN)))
                .isInstanceOf(Pkcs11TokenException.class)
                .hasMessageContaining("certflow.pki.pkcs11.pin").hasMessageContaining("CKR_PIN_INCORRECT")
                .hasMessageNotContaining(WRONG_PIN)
                .satisfies(failure -> assertThat(printed(startFailure(failure)))
                        .contains("certflow.pki.pkcs11.pin", "CERTFLOW_PKI_PKCS11_PIN").doesNotContain(WRONG_PIN));
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.endsWith(".p12"));
        }
    }

    @Test
    void aMissingModuleOrTokenStopsTheStartNamingTheSetting() {
        PkiSettings.Pkcs11 noModule = new PkiSettings.Pkcs11("/usr/lib/nowhere/libpkcs11.so", caToken, PIN);
        assertThatThrownBy(() -> TestAuthority.create(withToken(work, noModule)))
                .isInstanceOf(Pkcs11TokenException.class)
                .hasMessageContaining("certflow.pki.pkcs11.library").hasMessageContaining("/usr/lib/nowhere")
                .hasMessageNotContaining(PIN)
                .satisfies(failure -> assertThat(printed(startFailure(failure)))
                        .contains("certflow.pki.pkcs11.library", "CERTFLOW_PKI_PKCS11_LIBRARY").doesNotContain(PIN));

        PkiSettings.Pkcs11 noToken = settings("no-such-token", PIN);
        assertThatThrownBy(() -> TestAuthority.create(withToken(work, noToken)))
                .isInstanceOf(Pkcs11TokenException.class)
                .hasMessageContaining("certflow.pki.pkcs11.token-label").hasMessageContaining("no-such-token")
                .hasMessageNotContaining(PIN);
    }

    @Test
    void settingsNameAllThreeOrNone() {
        assertThat(new PkiSettings.Pkcs11(null, null, null).configured()).isFalse();
        assertThat(new PkiSettings.Pkcs11("", " ", "").isComplete()).isTrue();
        assertThat(new PkiSettings.Pkcs11(MODULE.toString(), caToken, null).isComplete()).isFalse();
        assertThat(new PkiSettings.Pkcs11(MODULE.toString(), caToken, PIN).isComplete()).isTrue();
        assertThat(new PkiSettings.Pkcs11(MODULE.toString(), caToken, PIN).toString()).doesNotContain(PIN);
        assertThat(properties(caDirectory, caToken, PIN).toString()).doesNotContain(PIN);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static PkiProperties properties(Path directory, String token, String pin) {
        return withToken(directory, settings(token, pin));
    }

    private static PkiProperties withToken(Path directory, PkiSettings.Pkcs11 pkcs11) {
        PkiProperties files = TestAuthority.properties(directory);
        return new PkiProperties(files.directory(), files.keystorePassword(), files.organization(),
                files.mailSenderAddress(), files.baseUrl(), files.policyOid(), files.keySize(),
                files.generateMissing(), pkcs11);
    }

    private static PkiSettings.Pkcs11 settings(String token, String pin) {
        return new PkiSettings.Pkcs11(MODULE.toString(), token, pin);
    }

    /** What the start prints: the failure analysis of certflow's analysers, as Spring Boot would find it. */
    private static FailureAnalysis startFailure(Throwable failure) {
        Throwable asStarted = new BeanCreationException("certificateAuthority", "cannot create", failure);
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.logging(
                        org.apache.commons.logging.LogFactory.getLog(Pkcs11CertificateAuthorityTest.class)));
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(asStarted);
            if (analysis != null) {
                return analysis;
            }
        }
        return fail("no failure analyser explains %s", failure);
    }

    private static String printed(FailureAnalysis analysis) {
        return analysis.getDescription() + "\n" + analysis.getAction();
    }

    private static java.util.function.Function<BigInteger, OcspStatus> asked(BigInteger serial, OcspStatus status) {
        return asked -> asked.equals(serial) ? status : OcspStatus.unknown();
    }

    /** As the certificate package's MailSigningConfig hands the CA's key to the mail sender. */
    private static MailSigning tokenSigning() {
        return new MailSigning() {
            @Override
            public SigningKeystore keystore() {
                throw new IllegalStateException("the key is in the token");
            }

            @Override
            public TokenKey tokenKey() {
                TokenSigningKey key = ca.mailSigningKey();
                return new TokenKey(key.privateKey(), key.chain(), key.provider());
            }
        };
    }

    private static org.springframework.boot.autoconfigure.mail.MailProperties smtp() {
        org.springframework.boot.autoconfigure.mail.MailProperties smtp =
                new org.springframework.boot.autoconfigure.mail.MailProperties();
        smtp.setHost("127.0.0.1");
        smtp.setPort(greenMail.getSmtp().getPort());
        return smtp;
    }

    private Path pem(String name, X509Certificate... certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        }
        return Files.writeString(work.resolve(name), text.toString());
    }

    private Path pemCrl(byte[] der) throws IOException {
        String base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return Files.writeString(work.resolve("crl.pem"), "-----BEGIN X509 CRL-----\n" + base64
                + "\n-----END X509 CRL-----\n");
    }
}
