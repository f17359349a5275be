package org.certflow.operations;

import org.certflow.support.SoftHsm;
import org.certflow.mail.MailSender;
import org.certflow.mail.OutgoingMail;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.mail.smime.SMIMESigned;
import jakarta.mail.internet.MimeMultipart;
import java.util.stream.Stream;
import java.nio.file.Path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.camunda.bpm.engine.IdentityService;
import org.certflow.CertflowApplication;
import org.certflow.application.Qualification;
import org.certflow.pki.CertificateAuthority;
import org.certflow.pki.ClientCertificateRequest;
import org.certflow.pki.PkiSettings;
import org.certflow.portal.PortalSubmissions;
import org.certflow.support.ReceivedMails;
import org.certflow.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * certflow as an operator starts it: the production profile with nothing but the environment variables the README
 * documents (an in-memory database and a test SMTP server in place of PostgreSQL and the relay), and as an attacker
 * meets it behind the reverse proxy.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTest {

    private static final String PUBLIC_URL = "https://certs.example.jp";
    private static final AtomicInteger STARTS = new AtomicInteger();

    private static GreenMail smtp;
    private static ConfigurableApplicationContext certflow;
    private static int port;

    @BeforeAll
    static void startProduction() throws IOException {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        port = freePort();
        certflow = production(documentedVariables(), port);
    }

    @AfterAll
    static void stop() {
        if (certflow != null) {
            certflow.close();
        }
        smtp.stop();
    }

    @Test
    void everyAddressInAnIssuedCertificateAndInTheMailsIsThePublicOne() throws Exception {
        X509Certificate certificate = certflow.getBean(CertificateAuthority.class).issue(
                new ClientCertificateRequest("Yamada", "Taro", "taro@example.jp", "ACT1-123456", 1)).certificate();
        Extensions extensions = new JcaX509CertificateHolder(certificate).getExtensions();
        List<String> crl = new ArrayList<>();
        for (DistributionPoint point : CRLDistPoint.fromExtensions(extensions).getDistributionPoints()) {
            crl.addAll(uris(GeneralNames.getInstance(point.getDistributionPoint().getName())));
        }
        assertThat(crl).containsExactly(PUBLIC_URL + "/pki/crl");
        List<String> ocsp = new ArrayList<>();
        List<String> issuer = new ArrayList<>();
        for (AccessDescription access : AuthorityInformationAccess.fromExtensions(extensions).getAccessDescriptions()) {
            (access.getAccessMethod().equals(AccessDescription.id_ad_ocsp) ? ocsp : issuer)
                    .addAll(uris(new GeneralNames(access.getAccessLocation())));
        }
        assertThat(ocsp).containsExactly(PUBLIC_URL + "/pki/ocsp");
        assertThat(issuer).containsExactly(PUBLIC_URL + "/pki/issuing-ca.crt");
        assertThat(CertificatePolicies.fromExtensions(extensions).getPolicyInformation())
                .extracting(policy -> policy.getPolicyIdentifier().getId()).containsExactly("2.999.1");

        certflow.getBean(PortalSubmissions.class).applyProvisionally("prod@example.jp",
                Qualification.REAL_ESTATE_APPRAISER);
        MimeMessage mail = Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> ReceivedMails.to(smtp, "prod@example.jp"), mails -> !mails.isEmpty()).get(0);
        assertThat(ReceivedMails.firstLink(mail)).startsWith(PUBLIC_URL + "/link/");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("certs@example.jp");
        assertThat(ReceivedMails.text(mail)).as("the office's number from CERTFLOW_CONTACT_PHONE")
                .contains("電話: 0263-99-0001");
        assertThat(ReceivedMails.verifiedSigner(mail).getSubjectAlternativeNames())
                .as("the mail-signing certificate follows CERTFLOW_MAIL_FROM")
                .anySatisfy(name -> assertThat(name.get(1)).isEqualTo("certs@example.jp"));
    }

    @Test
    void theAdministratorIsTheOneTheSettingsName() {
        IdentityService identity = certflow.getBean(IdentityService.class);
        assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list())
                .extracting(user -> user.getId()).containsExactly("chamber-admin");
        assertThat(identity.checkPassword("chamber-admin", "Kanri-Sha-2026!")).isTrue();
    }

    @Test
    void neitherTheDevMailboxNorItsSmtpServerExist() throws Exception {
        assertThat(certflow.getBeansOfType(GreenMail.class)).isEmpty();
        assertThat(send(HttpRequest.newBuilder(url("/dev/mailbox"))).statusCode())
                .as("from the machine itself").isEqualTo(404);
    }

    @Test
    void behindTheProxyAForgedLoopbackAddressIsTheClientsOwn() throws Exception {
        assertThat(send(HttpRequest.newBuilder(url("/actuator/prometheus"))).statusCode())
                .as("from the machine itself").isEqualTo(200);
        // what the proxy passes on when a remote client sends "X-Forwarded-For: 127.0.0.1" to a proxy that appends;
        // deploy/nginx.conf overwrites, which leaves "203.0.113.9" alone
        for (String forwarded : List.of("127.0.0.1, 203.0.113.9", "203.0.113.9")) {
            assertThat(send(HttpRequest.newBuilder(url("/actuator/prometheus")).header("X-Forwarded-For", forwarded))
                    .statusCode()).as(forwarded).isEqualTo(403);
            assertThat(send(HttpRequest.newBuilder(url("/dev/mailbox")).header("X-Forwarded-For", forwarded))
                    .statusCode()).as(forwarded).isEqualTo(403);
        }
    }

    @Test
    void fromAnAddressThatIsNoTrustedProxyTheForwardedHeaderIsIgnored() throws IOException {
        Map<String, Object> variables = documentedVariables();
        variables.put("CERTFLOW_TRUSTED_PROXIES", "192\\.0\\.2\\.1");
        int otherPort = freePort();
        try (ConfigurableApplicationContext untrusting = production(variables, otherPort)) {
            HttpResponse<String> metrics = send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + otherPort + "/actuator/prometheus"))
                    .header("X-Forwarded-For", "203.0.113.9"));
            assertThat(metrics.statusCode()).as("the peer is this machine, whatever the header says").isEqualTo(200);
        }
    }

    @Test
    void withoutAnAdministratorProductionDoesNotStart() {
        Map<String, Object> variables = documentedVariables();
        variables.remove("CERTFLOW_ADMIN_USER_ID");
        Throwable failure = catchThrowable(() -> production(variables, 0));
        assertThat(failure).isNotNull();
        assertThat(new MissingSettingFailureAnalyzer().analyze(failure).getDescription())
                .isEqualTo("certflow cannot start: the setting CERTFLOW_ADMIN_USER_ID is not set.");
    }

    @Test
    void withoutDataProtectionKeysProductionDoesNotStart(CapturedOutput output) {
        Map<String, Object> variables = documentedVariables();
        variables.remove("CERTFLOW_DATA_PROTECTION_KEYS");
        assertThat(catchThrowable(() -> production(variables, 0))).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("CERTFLOW_DATA_PROTECTION_KEYS in production) must be comma-separated entries id:key");
    }

    @Test
    void withAnEmptyDataProtectionKeyProductionDoesNotStartNorMakesAKeyOfItsOwn() {
        Map<String, Object> variables = documentedVariables();
        variables.put("CERTFLOW_DATA_PROTECTION_KEYS", "");
        Throwable failure = catchThrowable(() -> production(variables, 0));
        assertThat(failure).isNotNull();
        assertThat(failure).rootCause().hasMessageContaining("CERTFLOW_DATA_PROTECTION_KEYS");
    }

    @Test
    void withoutTheOfficesTelephoneNumberProductionDoesNotStart(CapturedOutput output) {
        Map<String, Object> variables = documentedVariables();
        variables.remove("CERTFLOW_CONTACT_PHONE");
        assertThat(catchThrowable(() -> production(variables, 0))).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("Property: certflow.contact.phone").contains("${CERTFLOW_CONTACT_PHONE}");
    }

    @Test
    void withAWeakAdministratorPasswordProductionDoesNotStart() {
        Map<String, Object> variables = documentedVariables();
        variables.put("CERTFLOW_ADMIN_PASSWORD", "password1");
        Throwable failure = catchThrowable(() -> production(variables, 0));
        assertThat(failure).isNotNull();
        assertThat(new AdministratorPasswordFailureAnalyzer().analyze(failure).getDescription())
                .contains("CERTFLOW_ADMIN_PASSWORD");
    }

    @Test
    void withTheExampleInvoiceRegistrationNumberProductionDoesNotStart(CapturedOutput output) {
        Map<String, Object> variables = documentedVariables();
        variables.put("CERTFLOW_INVOICE_REGISTRATION_NUMBER", "T1234567890123");
        assertThat(catchThrowable(() -> production(variables, 0))).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("'certflow.billing.registration-number'").contains("CERTFLOW_INVOICE_REGISTRATION_NUMBER");
    }

    @Test
    void withTheDevelopmentKeystorePasswordProductionDoesNotStart(CapturedOutput output) {
        Map<String, Object> variables = documentedVariables();
        variables.put("CERTFLOW_PKI_KEYSTORE_PASSWORD", PkiSettings.DEVELOPMENT_KEYSTORE_PASSWORD);
        assertThat(catchThrowable(() -> production(variables, 0))).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("'certflow.pki.keystore-password'").contains("CERTFLOW_PKI_KEYSTORE_PASSWORD")
                .doesNotContain(PkiSettings.DEVELOPMENT_KEYSTORE_PASSWORD);
    }

    @Test
    void withTheCaKeysInAPkcs11TokenProductionSignsWithTheTokenAndKeepsNoKeyOnDisk() throws Exception {
        Map<String, Object> variables = documentedVariables();
        variables.put("CERTFLOW_PKI_PKCS11_LIBRARY", SoftHsm.MODULE.toString());
        variables.put("CERTFLOW_PKI_PKCS11_TOKEN_LABEL", SoftHsm.token("production"));
        variables.put("CERTFLOW_PKI_PKCS11_PIN", SoftHsm.PIN);
        try (ConfigurableApplicationContext inToken = production(variables, 0)) {
            CertificateAuthority authority = inToken.getBean(CertificateAuthority.class);
            assertThat(authority.mailSigningKeyInToken()).isTrue();
            try (Stream<Path> files = Files.walk(Path.of((String) variables.get("CERTFLOW_PKI_DIRECTORY")))) {
                assertThat(files.filter(Files::isRegularFile).map(path -> path.getFileName().toString()))
                        .containsOnly(".lock");
            }
            inToken.getBean(MailSender.class).send(new OutgoingMail("hsm@hsm.example.jp", "登録のご案内",
                    "登録のご案内です。"));
            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage received = smtp.getReceivedMessagesForDomain("hsm.example.jp")[0];
            SMIMESigned signed = new SMIMESigned((MimeMultipart) received.getContent());
            SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
            assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                    .build(authority.mailSigningCertificate()))).isTrue();
            authority.mailSigningCertificate().verify(authority.issuingCertificate().getPublicKey());
        }
    }

    @Test
    void withAPkcs11ModuleThatIsNotThereProductionDoesNotStartNamingTheSettingButNotThePin(CapturedOutput output) {
        Map<String, Object> variables = documentedVariables();
        variables.put("CERTFLOW_PKI_PKCS11_LIBRARY", "/usr/lib/nowhere/libpkcs11.so");
        variables.put("CERTFLOW_PKI_PKCS11_TOKEN_LABEL", "certflow-ca");
        variables.put("CERTFLOW_PKI_PKCS11_PIN", "Hsm-User-Pin-2026");
        assertThat(catchThrowable(() -> production(variables, 0))).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("certflow.pki.pkcs11.library: there is no PKCS#11 module at /usr/lib/nowhere/libpkcs11.so")
                .contains("CERTFLOW_PKI_PKCS11_LIBRARY").doesNotContain("Hsm-User-Pin-2026");
    }

    @Test
    void withOnlyPartOfThePkcs11SettingsProductionDoesNotStart(CapturedOutput output) {
        Map<String, Object> variables = documentedVariables();
        variables.put("CERTFLOW_PKI_PKCS11_PIN", "Hsm-User-Pin-2026");
        assertThat(catchThrowable(() -> production(variables, 0))).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("certflow.pki.pkcs11.library, token-label and pin must be set together")
                .doesNotContain("Hsm-User-Pin-2026");
    }

    /** What the README's production section lists, with test values. */
    private static Map<String, Object> documentedVariables() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> variables = new HashMap<>();
        variables.put("CERTFLOW_DATABASE_URL", TestDatabase.freshDatabaseUrl(
                "production_" + UUID.randomUUID().toString().substring(0, 8)));
        variables.put("CERTFLOW_DATABASE_USERNAME", TestDatabase.username());
        variables.put("CERTFLOW_DATABASE_PASSWORD", "");
        variables.put("CERTFLOW_SMTP_HOST", "127.0.0.1");
        variables.put("CERTFLOW_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
        variables.put("CERTFLOW_SMTP_STARTTLS", "false");
        variables.put("CERTFLOW_MAIL_FROM", "certs@example.jp");
        variables.put("CERTFLOW_BASE_URL", PUBLIC_URL + "/");
        variables.put("CERTFLOW_SESSION_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
        byte[] dataKey = new byte[32];
        new SecureRandom().nextBytes(dataKey);
        variables.put("CERTFLOW_DATA_PROTECTION_KEYS", "2026-12:" + Base64.getEncoder().encodeToString(dataKey));
        variables.put("CERTFLOW_DATA_PROTECTION_CURRENT_KEY", "2026-12");
        variables.put("CERTFLOW_ADMIN_USER_ID", "chamber-admin");
        variables.put("CERTFLOW_ADMIN_PASSWORD", "Kanri-Sha-2026!");
        variables.put("CERTFLOW_INVOICE_REGISTRATION_NUMBER", "T9876543210987");
        variables.put("CERTFLOW_BANK_ACCOUNT", "試験銀行 本店 普通 7654321 ショウコウカイギショ");
        variables.put("CERTFLOW_PKI_POLICY_OID", "2.999.1");
        variables.put("CERTFLOW_CONTACT_PHONE", "0263-99-0001");
        variables.put("CERTFLOW_PKI_KEYSTORE_PASSWORD", "production-test-store");
        variables.put("CERTFLOW_PKI_GENERATE_MISSING", "true");
        try {
            variables.put("CERTFLOW_PKI_DIRECTORY", Files.createTempDirectory("certflow-production").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return variables;
    }

    /**
     * One port for the application and its management endpoints (CERTFLOW_MANAGEMENT_PORT), so that the test sees
     * the loopback-only metrics on the port the proxy would reach. Each start has an engine of its own name, and
     * none has Camunda's webapps: their filters are registered in one static registry per JVM, and a second start
     * would take over the filters of the test context the other tests share.
     */
    private static ConfigurableApplicationContext production(Map<String, Object> variables, int port) {
        Map<String, Object> environment = new HashMap<>(variables);
        if (port != 0) {
            environment.put("CERTFLOW_MANAGEMENT_PORT", String.valueOf(port));
        }
        return new SpringApplicationBuilder(CertflowApplication.class).profiles("production")
                .properties(environment)
                .run("--server.port=" + port, "--spring.main.banner-mode=off", "--camunda.bpm.webapp.enabled=false",
                        "--camunda.bpm.process-engine-name=production" + STARTS.incrementAndGet());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static List<String> uris(GeneralNames names) {
        List<String> uris = new ArrayList<>();
        for (GeneralName name : names.getNames()) {
            if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
                uris.add(ASN1IA5String.getInstance(name.getName()).getString());
            }
        }
        return uris;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
