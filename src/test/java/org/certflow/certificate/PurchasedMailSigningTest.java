package org.certflow.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.bouncycastle.mail.smime.SMIMESigned;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.certflow.mail.MailProperties;
import org.certflow.mail.MailSender;
import org.certflow.mail.MailSigning;
import org.certflow.mail.MailSigningProperties;
import org.certflow.mail.OutgoingMail;
import org.certflow.mail.PurchasedMailCertificate;
import org.certflow.support.RequiredTools;
import org.certflow.support.TestPublicCa;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A mail-signing certificate bought from a public S/MIME CA (here a test "public CA": a root, an intermediate and
 * the end-entity certificate) signs the service mails, and mail programs verify it against that CA's root alone.
 * A file that would make every mail look forged stops the start, naming the setting and never the password.
 * The context is the mail sender and the real {@link MailSigningConfig}, started with the settings an operator sets.
 */
@ExtendWith(OutputCaptureExtension.class)
class PurchasedMailSigningTest {

    static final String FROM = "jcan-secretariat@mcci.or.jp";
    static final String PASSWORD = "Kaumono-no-Himitsu-2026";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    static Path dir;

    static TestPublicCa publicCa;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MailProperties.class, MailSigningProperties.class})
    @Import({MailSigningConfig.class, MailSender.class})
    static class MailContext {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @BeforeAll
    static void buyCertificate() throws Exception {
        publicCa = new TestPublicCa(PASSWORD);
    }

    @Test
    void theBoughtCertificateSignsTheMailAndVerifiesWithThePublicRootAlone() throws Exception {
        Path p12 = publicCa.issue(dir.resolve("bought.p12"), FROM.toUpperCase(), Duration.ofDays(365), true);
        try (ConfigurableApplicationContext context = start(p12, PASSWORD)) {
            MailSigning signing = context.getBean(MailSigning.class);
            assertThat(signing).isInstanceOf(PurchasedMailCertificate.class);
            assertThat(signing.keystore().toString()).doesNotContain(PASSWORD);
            assertThat(context.getBean(MailSigningProperties.class).toString()).doesNotContain(PASSWORD);
            context.getBean(MailSender.class).send(new OutgoingMail("yamada.taro@example.jp",
                    "MCCI電子証明書サービス 仮申込受付", "山田 太郎 様\n\n仮申込を受け付けました。\n", List.of()));
        }
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);

        RequiredTools.openssl();
        Path eml = dir.resolve("mail.eml");
        try (OutputStream out = Files.newOutputStream(eml)) {
            received[0].writeTo(out);
        }
        Path root = dir.resolve("public-root.pem");
        Files.writeString(root, TestPublicCa.pem(publicCa.root()));
        Path signer = dir.resolve("signer.pem");
        Process verify = new ProcessBuilder("openssl", "smime", "-verify", "-in", eml.toString(),
                "-CAfile", root.toString(), "-signer", signer.toString(),
                "-out", dir.resolve("content.txt").toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("Verification successful");
        assertThat(verify.exitValue()).isZero();

        X509Certificate signedBy = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(signer));
        assertThat(signedBy).isEqualTo(publicCa.lastIssued());
        assertThat(signedBy.getIssuerX500Principal().getName()).contains("Test Public S/MIME Intermediate")
                .doesNotContain("certflow");
        // the chain from the file travels with the mail: the intermediate is in the signature
        SMIMESigned signed = new SMIMESigned((MimeMultipart) received[0].getContent());
        assertThat(signed.getCertificates().getMatches(null)).hasSize(2);
    }

    @Test
    void aWrongPasswordStopsTheStartNamingTheSettingNotThePassword(CapturedOutput output) throws Exception {
        Path p12 = publicCa.issue(dir.resolve("password.p12"), FROM, Duration.ofDays(365), true);
        String wrong = "Machigai-Pasuwado-42";
        assertThat(catchThrowable(() -> start(p12, wrong).close())).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("certflow.mail.signing.keystore-password")
                .contains("CERTFLOW_MAIL_SIGNING_KEYSTORE_PASSWORD")
                .doesNotContain(wrong).doesNotContain(PASSWORD);
    }

    @Test
    void aCertificateForAnotherAddressStopsTheStart(CapturedOutput output) throws Exception {
        Path p12 = publicCa.issue(dir.resolve("other.p12"), "someone-else@mcci.or.jp", Duration.ofDays(365), true);
        assertThat(catchThrowable(() -> start(p12, PASSWORD).close())).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("certflow.mail.signing.keystore").contains("someone-else@mcci.or.jp")
                .contains("certflow.mail.from = " + FROM).doesNotContain(PASSWORD);
    }

    @Test
    void anExpiredCertificateStopsTheStart(CapturedOutput output) throws Exception {
        Path p12 = publicCa.issue(dir.resolve("expired.p12"), FROM, Duration.ofDays(-1), true);
        assertThat(catchThrowable(() -> start(p12, PASSWORD).close())).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("certflow.mail.signing.keystore").contains("expired on").doesNotContain(PASSWORD);
    }

    @Test
    void aCertificateNotForMailStopsTheStart(CapturedOutput output) throws Exception {
        Path p12 = publicCa.issue(dir.resolve("tls.p12"), FROM, Duration.ofDays(365), false);
        assertThat(catchThrowable(() -> start(p12, PASSWORD).close())).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("certflow.mail.signing.keystore").contains("emailProtection").doesNotContain(PASSWORD);
    }

    @Test
    void aCertificateInItsLastMonthIsAnnounced(CapturedOutput output) throws Exception {
        Path p12 = publicCa.issue(dir.resolve("soon.p12"), FROM, Duration.ofDays(10), true);
        start(p12, PASSWORD).close();
        assertThat(output.getOut()).contains("The bought mail-signing certificate")
                .contains("renew it and replace certflow.mail.signing.keystore").doesNotContain(PASSWORD);
    }

    private static ConfigurableApplicationContext start(Path p12, String password) {
        return new SpringApplicationBuilder(MailContext.class)
                .web(WebApplicationType.NONE)
                .properties("certflow.mail.signing.keystore=" + p12,
                        "certflow.mail.signing.keystore-password=" + password,
                        "spring.mail.host=127.0.0.1",
                        "spring.mail.port=" + greenMail.getSmtp().getPort())
                .run();
    }

}
