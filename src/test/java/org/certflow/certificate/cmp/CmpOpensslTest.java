package org.certflow.certificate.cmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.pki.CertificateAuthority;
import org.certflow.support.CertflowTest;
import org.certflow.support.RequiredTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * certflow's CA answers OpenSSL's own CMP client ({@code openssl cmp}, an implementation independent of Bouncy
 * Castle) over HTTP: enrolment by PKCS#10 and by CRMF with the shared secret or an RA's signature, confirmation,
 * revocation; the certificates verify with {@code openssl verify} under certflow's chain and the revoked one is
 * refused with certflow's CRL. Every attack is refused with nothing issued.
 */
@CertflowTest
class CmpOpensslTest {

    static final String SECRET = "pass:cmp-test-secret-not-for-production";
    private static final String SANS = "sans:";

    @LocalServerPort int port;
    @Autowired CertificateAuthority ca;
    @Autowired CertificateRegistry registry;
    @Autowired JdbcClient jdbc;
    @TempDir Path work;

    Path openssl;
    Path chain;
    String organization;

    @BeforeEach
    void files() throws Exception {
        // the CA reads the engine's clock; OpenSSL sends the machine's time
        ClockUtil.reset();
        openssl = RequiredTools.openssl();
        organization = ca.organization();
        Path root = work.resolve("root.pem");
        Files.writeString(root, pem(ca.rootCertificate()));
        Files.writeString(work.resolve("issuing.pem"), pem(ca.issuingCertificate()));
        chain = root;
    }

    @Test
    void p10crWithTheSharedSecretIssuesACertificateThatVerifiesUnderCertflowsChain() throws Exception {
        Path csr = csr("p10", "/C=JP/O=" + organization + "/OU=RA-P10/CN=TARO YAMADA", "email:taro@example.jp");

        Result result = cmp("-cmd", "p10cr", "-ref", "test-ra", "-secret", SECRET, "-csr", csr.toString(),
                "-certout", work.resolve("p10.crt").toString());

        assertThat(result.exit()).as(result.output()).isZero();
        X509Certificate certificate = read(work.resolve("p10.crt"));
        assertThat(certificate.getSubjectX500Principal().getName())
                .isEqualTo("CN=TARO YAMADA,OU=RA-P10,O=" + organization + ",C=JP");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4");
        assertThat(verify(work.resolve("p10.crt")).output()).contains(": OK");
        IssuedCertificate recorded = registry.findBySerialNumber(certificate.getSerialNumber().toString(16))
                .orElseThrow();
        assertThat(recorded.applicationId()).isNull();
        assertThat(audited("ISSUE_CERTIFICATE", certificate)).isEqualTo("cmp ra test-ra");
        assertThat(state(certificate)).isEqualTo("CONFIRMED");
    }

    @Test
    void irThenRrRevokesTheCertificateAndCertflowsCrlListsIt() throws Exception {
        Path key = key("ir");

        Result enrolled = cmp("-cmd", "ir", "-ref", "test-ra", "-secret", SECRET, "-newkey", key.toString(),
                "-subject", "/C=JP/O=" + organization + "/OU=RA-IR/CN=HANAKO SATO", sans("hanako@example.jp"),
                "-certout", work.resolve("ir.crt").toString());

        assertThat(enrolled.exit()).as(enrolled.output()).isZero();
        X509Certificate certificate = read(work.resolve("ir.crt"));
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(1, "hanako@example.jp"));
        assertThat(verify(work.resolve("ir.crt")).output()).contains(": OK");

        Result revoked = cmp("-cmd", "rr", "-ref", "test-ra", "-secret", SECRET, "-oldcert",
                work.resolve("ir.crt").toString(), "-revreason", "1");

        assertThat(revoked.exit()).as(revoked.output()).isZero();
        IssuedCertificate recorded = registry.findBySerialNumber(certificate.getSerialNumber().toString(16))
                .orElseThrow();
        assertThat(recorded.revokedAt()).isNotNull();
        assertThat(recorded.revocationReason()).isEqualTo(1);
        assertThat(audited("REVOKE_CERTIFICATE", certificate)).isEqualTo("cmp rr (KEY_COMPROMISE)");
        Path crl = work.resolve("crl.der");
        Files.write(crl, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/pki/crl"))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body());
        Result checked = run(openssl.toString(), "verify", "-crl_check", "-CAfile", chain.toString(), "-untrusted",
                work.resolve("issuing.pem").toString(), "-CRLfile", pemCrl(crl).toString(),
                work.resolve("ir.crt").toString());
        assertThat(checked.exit()).isNotZero();
        assertThat(checked.output()).contains("certificate revoked");

        Result again = cmp("-cmd", "rr", "-ref", "test-ra", "-secret", SECRET, "-oldcert",
                work.resolve("ir.crt").toString());
        assertThat(again.exit()).isNotZero();
    }

    @Test
    void crWithTheSignatureOfAnAuthorisedRaIsAnsweredUnderTheCasSignature() throws Exception {
        Path key = key("cr");

        Result result = cmp("-cmd", "cr", "-cert", "src/test/resources/cmp/ra-test.pem", "-key",
                "src/test/resources/cmp/ra-test-key.pem", "-trusted", chain.toString(), "-newkey", key.toString(),
                "-subject", "/C=JP/O=" + organization + "/OU=RA-SIG/CN=JIRO SUZUKI", sans("jiro@example.jp"),
                "-certout", work.resolve("cr.crt").toString());

        assertThat(result.exit()).as(result.output()).isZero();
        X509Certificate certificate = read(work.resolve("cr.crt"));
        assertThat(verify(work.resolve("cr.crt")).output()).contains(": OK");
        assertThat(audited("ISSUE_CERTIFICATE", certificate))
                .isEqualTo("cmp ra CN=Test RA (test only),O=certflow tests,C=JP");
    }

    @Test
    void aCertificateTheClientRejectsInItsCertConfIsRevoked() throws Exception {
        Path key = key("reject");

        // the client cannot validate the new certificate under this anchor, so its certConf says "rejection"
        Result result = cmp("-cmd", "ir", "-ref", "test-ra", "-secret", SECRET, "-newkey", key.toString(),
                "-subject", "/C=JP/O=" + organization + "/OU=RA-REJECT/CN=SABURO ITO", sans("saburo@example.jp"),
                "-out_trusted", "src/test/resources/cmp/unknown-ra.pem", "-certout",
                work.resolve("reject.crt").toString());

        assertThat(result.exit()).as(result.output()).isNotZero();
        String serial = jdbc.sql("""
                select t.serial_number from cmp_transaction t
                join issued_certificate c on c.serial_number = t.serial_number
                where c.subject_dn like '%OU=RA-REJECT%' and t.state = 'REJECTED'
                """).query(String.class).single();
        IssuedCertificate rejected = registry.findBySerialNumber(serial).orElseThrow();
        assertThat(rejected.revokedAt()).isNotNull();
        assertThat(rejected.revocationReason()).isEqualTo(5);
    }

    @Test
    void aWrongSecretAnUnknownRaAndNoProtectionAreRefusedAndNothingIsIssued() throws Exception {
        long before = issuedCount();
        Path key = key("attack");
        String subject = "/C=JP/O=" + organization + "/OU=RA-ATTACK/CN=EVE MALLORY";

        Result wrongSecret = cmp("-cmd", "ir", "-ref", "test-ra", "-secret", "pass:not-the-secret-at-all",
                "-newkey", key.toString(), "-subject", subject, sans("eve@example.jp"), "-unprotected_errors",
                "-certout", work.resolve("eve.crt").toString());
        Result wrongReference = cmp("-cmd", "ir", "-ref", "other-ra", "-secret", SECRET,
                "-newkey", key.toString(), "-subject", subject, sans("eve@example.jp"), "-unprotected_errors",
                "-certout", work.resolve("eve.crt").toString());
        Result unknownRa = cmp("-cmd", "ir", "-cert", "src/test/resources/cmp/unknown-ra.pem", "-key",
                "src/test/resources/cmp/unknown-ra-key.pem", "-trusted", chain.toString(), "-newkey", key.toString(),
                "-subject", subject, sans("eve@example.jp"), "-unprotected_errors",
                "-certout", work.resolve("eve.crt").toString());
        Result unprotected = cmp("-cmd", "ir", "-unprotected_requests", "-ref", "test-ra", "-secret", SECRET,
                "-newkey", key.toString(), "-subject", subject, sans("eve@example.jp"), "-unprotected_errors",
                "-certout", work.resolve("eve.crt").toString());

        for (Result refused : List.of(wrongSecret, wrongReference, unknownRa, unprotected)) {
            assertThat(refused.exit()).as(refused.output()).isNotZero();
            assertThat(refused.output()).containsIgnoringCase("badMessageCheck");
        }
        assertThat(issuedCount()).isEqualTo(before);
    }

    @Test
    void aCaCertificateAnotherOrganisationOrAnExtraExtensionIsRefused() throws Exception {
        long before = issuedCount();
        String subject = "/C=JP/O=" + organization + "/OU=RA-CA/CN=EVE MALLORY";
        Path caRequest = csr("ca", subject, "email:eve@example.jp", "basicConstraints=critical,CA:TRUE");
        Path otherOrganisation = csr("org", "/C=JP/O=Evil Corp/OU=RA-CA/CN=EVE MALLORY", "email:eve@example.jp");
        Path noEmail = csr("noemail", subject, null);
        Path dnsName = csr("dns", subject, "DNS:www.example.jp");
        Path extraName = csr("extra", subject + "/serialNumber=1234", "email:eve@example.jp");

        for (Path csr : List.of(caRequest, otherOrganisation, noEmail, dnsName, extraName)) {
            Result result = cmp("-cmd", "p10cr", "-ref", "test-ra", "-secret", SECRET, "-csr", csr.toString());
            assertThat(result.exit()).as(csr + ": " + result.output()).isNotZero();
            assertThat(result.output()).as(csr.toString()).containsIgnoringCase("badCertTemplate");
        }
        assertThat(issuedCount()).isEqualTo(before);
    }

    @Test
    void aReplayedRequestIsRefusedWithoutIssuing() throws Exception {
        Path key = key("replay");
        Path saved = work.resolve("ir-request.der");
        Result first = cmp("-cmd", "ir", "-ref", "test-ra", "-secret", SECRET, "-newkey", key.toString(),
                "-subject", "/C=JP/O=" + organization + "/OU=RA-REPLAY/CN=ICHIRO TANAKA", sans("ichiro@example.jp"),
                "-certout", work.resolve("replay.crt").toString(), "-reqout",
                saved + "," + work.resolve("certconf.der"));
        assertThat(first.exit()).as(first.output()).isZero();
        long before = issuedCount();

        for (Path replayed : List.of(saved, work.resolve("certconf.der"))) {
            HttpResponse<byte[]> answer = post(Files.readAllBytes(replayed));
            assertThat(answer.statusCode()).isEqualTo(200);
            PKIMessage message = PKIMessage.getInstance(answer.body());
            assertThat(message.getBody().getType()).isEqualTo(PKIBody.TYPE_ERROR);
            ErrorMsgContent error = ErrorMsgContent.getInstance(message.getBody().getContent());
            assertThat(error.getPKIStatusInfo().getStatus().intValue()).isEqualTo(2);
            assertThat(error.getPKIStatusInfo().getFailInfo().intValue() & PKIFailureInfo.badRequest)
                    .isEqualTo(PKIFailureInfo.badRequest);
        }
        assertThat(issuedCount()).isEqualTo(before);
    }

    @Test
    void garbageAndOversizedBodiesGetACmpErrorOrA413NeverA500() throws Exception {
        HttpResponse<byte[]> garbage = post("not a CMP message".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(PKIMessage.getInstance(garbage.body()).getBody().getType()).isEqualTo(PKIBody.TYPE_ERROR);

        assertThat(post(new byte[70_000]).statusCode()).isEqualTo(413);

        HttpResponse<byte[]> wrongType = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base() + "/pki/cmp")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(wrongType.statusCode()).isEqualTo(415);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    record Result(int exit, String output) {
    }

    Result cmp(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "cmp", "-server",
                "127.0.0.1:" + port, "-path", "pki/cmp", "-recipient", "/CN=certflow"));
        for (String option : options) {
            if (option.startsWith(SANS)) {
                String email = option.substring(SANS.length());
                Path config = work.resolve("sans-" + email + ".cnf");
                Files.writeString(config, "[sans]\nsubjectAltName = email:" + email + "\n");
                command.addAll(List.of("-config", config.toString(), "-reqexts", "sans"));
            } else {
                command.add(option);
            }
        }
        return run(command.toArray(String[]::new));
    }

    /** The e-mail address as subjectAltName of an ir or cr ({@code -sans} of OpenSSL 3.0 knows no e-mail). */
    static String sans(String email) {
        return SANS + email;
    }

    Result verify(Path certificate) throws Exception {
        return run(openssl.toString(), "verify", "-CAfile", chain.toString(), "-untrusted",
                work.resolve("issuing.pem").toString(), certificate.toString());
    }

    Path key(String name) throws Exception {
        Path key = work.resolve(name + ".key");
        Result result = run(openssl.toString(), "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                "-out", key.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        return key;
    }

    Path csr(String name, String subject, String subjectAltName, String... extensions) throws Exception {
        Path csr = work.resolve(name + ".csr");
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "req", "-new", "-key",
                key(name).toString(), "-subj", subject, "-out", csr.toString()));
        if (subjectAltName != null) {
            command.addAll(List.of("-addext", "subjectAltName=" + subjectAltName));
        }
        for (String extension : extensions) {
            command.addAll(List.of("-addext", extension));
        }
        Result result = run(command.toArray(String[]::new));
        assertThat(result.exit()).as(result.output()).isZero();
        return csr;
    }

    Path pemCrl(Path der) throws Exception {
        Path pem = work.resolve("crl.pem");
        Result result = run(openssl.toString(), "crl", "-inform", "DER", "-in", der.toString(), "-out",
                pem.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        return pem;
    }

    Result run(String... command) throws Exception {
        Path output = Files.createTempFile(work, "out", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Result(process.exitValue(), Files.readString(output));
    }

    HttpResponse<byte[]> post(byte[] body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/pki/cmp"))
                .header("Content-Type", "application/pkixcmp").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    long issuedCount() {
        return jdbc.sql("select count(*) from issued_certificate").query(Long.class).single();
    }

    String audited(String operation, X509Certificate certificate) {
        return jdbc.sql("select actor from ca_audit where operation = :operation and serial = :serial")
                .param("operation", operation).param("serial", certificate.getSerialNumber().toString(16))
                .query(String.class).single();
    }

    String state(X509Certificate certificate) {
        return jdbc.sql("select state from cmp_transaction where serial_number = :serial")
                .param("serial", certificate.getSerialNumber().toString(16)).query(String.class).single();
    }

    static X509Certificate read(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
