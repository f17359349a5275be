package org.certflow.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.Qualification;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.support.CertflowTest;
import org.certflow.support.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The running OCSP responder answers what the register knows: good for a valid certificate, revoked with time
 * and reason, unknown for a serial certflow never issued; the answer is signed by the delegated OCSP signing
 * certificate, and openssl accepts it with the root as trust anchor.
 */
@CertflowTest
class OcspResponderTest {

    @LocalServerPort int port;
    @Autowired CertificateAuthority ca;
    @Autowired CertificateRegistry registry;
    @Autowired ApplicationRepository applications;
    @TempDir Path work;

    @Test
    void answersGoodRevokedAndUnknownSignedByTheDelegatedResponder() throws Exception {
        X509Certificate good = registered();
        X509Certificate revoked = registered();
        long revokedApplication = registry.findBySerialNumber(revoked.getSerialNumber().toString(16)).orElseThrow()
                .applicationId();
        Instant revokedAt = Instant.now().minusSeconds(60);
        registry.revokeAll(revokedApplication, 1, revokedAt);

        X509Certificate signer = ca.ocspSigningCertificate();
        assertThat(signer.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_OCSPSigning.getId());
        signer.verify(ca.issuingCertificate().getPublicKey());

        BasicOCSPResp goodAnswer = ask(good.getSerialNumber());
        assertThat(goodAnswer.getResponses()[0].getCertStatus()).isNull();
        assertThat(goodAnswer.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer))).isTrue();
        assertThat(goodAnswer.getCerts()).hasSize(1);

        Object revokedStatus = ask(revoked.getSerialNumber()).getResponses()[0].getCertStatus();
        assertThat(revokedStatus).isInstanceOf(RevokedStatus.class);
        assertThat(((RevokedStatus) revokedStatus).getRevocationReason()).isEqualTo(1);
        assertThat(((RevokedStatus) revokedStatus).getRevocationTime().toInstant().getEpochSecond())
                .isEqualTo(revokedAt.getEpochSecond());

        assertThat(ask(BigInteger.valueOf(4242)).getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);

        HttpResponse<byte[]> garbage = post(new byte[] {1, 2, 3});
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(new OCSPResp(garbage.body()).getStatus()).isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);

        RequiredTools.openssl();
        Path trust = pem("trust.pem", ca.rootCertificate(), ca.issuingCertificate());
        Path issuing = pem("issuing.pem", ca.issuingCertificate());
        CertificateAuthorityTest.Result goodCheck = openssl(issuing, pem("good.pem", good), trust);
        assertThat(goodCheck.output()).contains("Response verify OK").contains("good.pem: good");
        CertificateAuthorityTest.Result revokedCheck = openssl(issuing, pem("revoked.pem", revoked), trust);
        assertThat(revokedCheck.output()).contains("Response verify OK").contains("revoked.pem: revoked")
                .contains("Reason: keyCompromise");
    }

    @Test
    void answersARequestSentWithGet() throws Exception {
        X509Certificate good = registered();
        String encoded = Base64.getEncoder().encodeToString(request(good.getSerialNumber()));
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/pki/ocsp/" + encoded.replace("/", "%2F")
                        .replace("+", "%2B").replace("=", "%3D"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Type")).as(new String(response.body(), StandardCharsets.UTF_8))
                .hasValue("application/ocsp-response");
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(response.body()).getResponseObject();
        assertThat(basic.getResponses()[0].getCertStatus()).isNull();
    }

    @Test
    void answersAGetRequestWhoseBase64HoldsTwoSlashesInARow() throws Exception {
        // about one request in forty does; a serial is drawn until this one does
        SecureRandom random = new SecureRandom();
        String encoded;
        do {
            encoded = Base64.getEncoder().encodeToString(request(new BigInteger(159, random)));
        } while (!encoded.contains("//"));
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/pki/ocsp/" + encoded.replace("/", "%2F")
                        .replace("+", "%2B").replace("=", "%3D"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Type")).as(new String(response.body(), StandardCharsets.UTF_8))
                .hasValue("application/ocsp-response");
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(response.body()).getResponseObject();
        assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void answersTenCertificatesAtOnceButRefusesElevenUnsigned() throws Exception {
        X509Certificate good = registered();
        BasicOCSPResp ten = answered(post(request(good.getSerialNumber(), 10)));
        assertThat(ten.getResponses()).hasSize(10);

        HttpResponse<byte[]> eleven = post(request(good.getSerialNumber(), 11));
        assertThat(eleven.statusCode()).isEqualTo(200);
        OCSPResp refused = new OCSPResp(eleven.body());
        assertThat(refused.getStatus()).isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
        assertThat(refused.getResponseObject()).as("nothing signed").isNull();

        HttpResponse<byte[]> thousand = post(request(good.getSerialNumber(), 1000));
        assertThat(thousand.statusCode()).isEqualTo(200);
        assertThat(new OCSPResp(thousand.body()).getStatus()).isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
    }

    @Test
    void refusesABodyLargerThanAnyRequestItAnswersWithoutReadingIt() throws Exception {
        // a well-formed request about one certificate, made a megabyte long by its nonce, which an answer would echo
        OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(ca.issuingCertificate()), registered().getSerialNumber()));
        builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                new DEROctetString(new byte[1024 * 1024]))));
        HttpResponse<byte[]> response = post(builder.build().getEncoded());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new OCSPResp(response.body()).getStatus()).isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
        assertThat(response.body().length).as("nothing echoed").isLessThan(100);
    }

    private X509Certificate registered() {
        Application application = applications.createProvisional("ocsp@example.jp", Qualification.FIRST_CLASS_ARCHITECT,
                "test", Instant.now());
        X509Certificate certificate = ca.issue(new ClientCertificateRequest("Yamada", "Taro", "ocsp@example.jp",
                "ACT1-123456", 1)).certificate();
        registry.record(application.id(), certificate, Instant.now());
        return certificate;
    }

    private BasicOCSPResp ask(BigInteger serial) throws Exception {
        return answered(post(request(serial)));
    }

    private static BasicOCSPResp answered(HttpResponse<byte[]> response) throws Exception {
        OCSPResp answer = new OCSPResp(response.body());
        assertThat(answer.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
        return (BasicOCSPResp) answer.getResponseObject();
    }

    private byte[] request(BigInteger serial) throws Exception {
        return request(serial, 1);
    }

    /** One request asking about {@code count} certificates: the serial and the ones after it. */
    private byte[] request(BigInteger serial, int count) throws Exception {
        OCSPReqBuilder builder = new OCSPReqBuilder();
        for (int i = 0; i < count; i++) {
            builder.addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(ca.issuingCertificate()),
                    serial.add(BigInteger.valueOf(i))));
        }
        return builder.build().getEncoded();
    }

    private HttpResponse<byte[]> post(byte[] body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/pki/ocsp"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private CertificateAuthorityTest.Result openssl(Path issuing, Path certificate, Path trust) throws Exception {
        CertificateAuthorityTest.Result result = CertificateAuthorityTest.run("openssl", "ocsp", "-issuer",
                issuing.toString(), "-cert", certificate.toString(), "-url", "http://localhost:" + port + "/pki/ocsp",
                "-CAfile", trust.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result;
    }

    private Path pem(String name, X509Certificate... certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        }
        Path file = work.resolve(name);
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        return file;
    }
}
