package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.certflow.mail.MailSigning;
import org.certflow.mail.PurchasedMailCertificate;
import org.certflow.pki.CertificateAuthority;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.RequiredTools;
import org.certflow.support.TestPublicCa;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;

/**
 * certflow started with a mail-signing certificate bought from a public S/MIME CA (a test "public CA" here): the
 * first service mail an applicant gets is signed with it and verifies with that CA's root alone, certflow's own CA
 * issues no mail-signing certificate, and the portal says nothing about trusting certflow's root by hand.
 */
@CertflowTest
class PurchasedMailSignatureTest {

    static final String PASSWORD = "Kaumono-no-Himitsu-2026";
    static final Path WORK = Path.of("target", "bought-mail-signing");
    static TestPublicCa publicCa;
    static Path keystore;

    @DynamicPropertySource
    static void boughtCertificate(DynamicPropertyRegistry registry) throws Exception {
        Files.createDirectories(WORK);
        publicCa = new TestPublicCa(PASSWORD);
        keystore = publicCa.issue(WORK.resolve("mail-signing.p12"), "jcan-secretariat@mcci.or.jp",
                Duration.ofDays(365), true);
        registry.add("certflow.mail.signing.keystore", keystore::toString);
        registry.add("certflow.mail.signing.keystore-password", () -> PASSWORD);
        // a context of its own: its own CA directory and in-memory database
        registry.add("certflow.pki.directory", () -> WORK.resolve("pki").toString());
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:certflow-bought;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000");
        // and its own engine name: Camunda keeps one engine per name in a registry of the JVM, and the webapps and
        // the REST API of the other tests' context look theirs up there as "default"
        registry.add("camunda.bpm.process-engine-name", () -> "bought_mail_signing");
    }

    @LocalServerPort int port;
    @Autowired GreenMail greenMail;
    @Autowired ProcessDriver driver;
    @Autowired MailSigning signing;
    @Autowired CertificateAuthority authority;
    @Autowired ApplicationContext context;

    @Test
    void theFirstMailIsSignedWithTheBoughtCertificateAndThePortalAsksNoTrust() throws Exception {
        assertThat(signing).isInstanceOf(PurchasedMailCertificate.class);
        assertThat(authority.issuesMailSigner()).isFalse();
        assertThat(WORK.resolve("pki").resolve("mail-signing.p12")).doesNotExist();
        Health health = context.getBean("certificateAuthorityHealthIndicator", HealthIndicator.class).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("mailSignerExpiresSoon", false)
                .containsEntry("mailSignerNotAfter", publicCa.lastIssued().getNotAfter().toInstant().toString());

        String email = "bought.signature@example.jp";
        PortalClient browser = new PortalClient(port);
        browser.get("/");
        HttpResponse<String> sent = browser.post("/apply", Map.of("obligationsAccepted", "true",
                "privacyNoticeAccepted", "true", "email", email, "emailConfirmation", email,
                "qualification", "FIRST_CLASS_ARCHITECT"));
        String page = browser.get(sent.headers().firstValue("Location").orElseThrow()).body();
        assertThat(page).contains("仮申込を受け付けました").doesNotContain("メールの電子署名について")
                .doesNotContain("root-ca.crt");
        assertThat(new PortalClient(port).get("/pickup/install").body()).contains("電子証明書のインストール")
                .doesNotContain("ルート証明書の信頼").doesNotContain("root-ca.crt");

        driver.runDueJobs();
        MimeMessage mail = ReceivedMails.withSubject(greenMail, email,
                "MCCI電子証明書サービス 建築士免許証画像アップロードURL");
        assertThat(ReceivedMails.text(mail)).contains("電子署名を付けています").doesNotContain("ルート証明書")
                .doesNotContain("/pickup/install");
        RequiredTools.openssl();
        Path eml = WORK.resolve("first-mail.eml");
        try (OutputStream out = Files.newOutputStream(eml)) {
            mail.writeTo(out);
        }
        Path root = WORK.resolve("public-root.pem");
        Files.writeString(root, TestPublicCa.pem(publicCa.root()));
        Path signer = WORK.resolve("signer.pem");
        Process verify = new ProcessBuilder("openssl", "smime", "-verify", "-in", eml.toString(),
                "-CAfile", root.toString(), "-signer", signer.toString(), "-out", WORK.resolve("text.txt").toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("Verification successful");
        X509Certificate signedBy = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(signer));
        assertThat(signedBy).isEqualTo(publicCa.lastIssued());
        assertThat(signedBy.getIssuerX500Principal()).isNotEqualTo(authority.issuingCertificate()
                .getSubjectX500Principal());
    }
}
