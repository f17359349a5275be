package org.certflow.certificate.cmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.crmf.CertificateReqMessagesBuilder;
import org.bouncycastle.cert.crmf.PKMACBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcaCertificateRequestMessageBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcePKMACValuesCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.certflow.pki.CertificateAuthority;
import org.certflow.support.CertflowTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What OpenSSL's client never sends on purpose, built here with Bouncy Castle: a transaction ID used again under a
 * fresh nonce, a stale message, a proof of possession by another key. Each is refused with its failure bit and
 * issues nothing.
 */
@CertflowTest
class CmpProtocolTest {

    static final char[] SECRET = "cmp-test-secret-not-for-production".toCharArray();

    @LocalServerPort int port;
    @Autowired CertificateAuthority ca;
    @Autowired JdbcClient jdbc;

    final SecureRandom random = new SecureRandom();

    @BeforeEach
    void realTime() {
        // the CA reads the engine's clock; the messages carry the machine's time
        ClockUtil.reset();
    }

    @Test
    void aTransactionIdUsedBeforeIsRefusedEvenUnderAFreshNonce() throws Exception {
        byte[] transactionId = bytes();
        PKIMessage first = p10cr(transactionId, Instant.now(), "OU=RA-TID");
        assertThat(post(first).getBody().getType()).isEqualTo(PKIBody.TYPE_CERT_REP);
        long before = issuedCount();

        PKIMessage second = p10cr(transactionId, Instant.now(), "OU=RA-TID");

        assertRefused(post(second), PKIFailureInfo.transactionIdInUse);
        assertThat(issuedCount()).isEqualTo(before);
    }

    @Test
    void aStaleMessageIsRefused() throws Exception {
        long before = issuedCount();

        assertRefused(post(p10cr(bytes(), Instant.now().minusSeconds(600), "OU=RA-STALE")), PKIFailureInfo.badTime);
        assertThat(issuedCount()).isEqualTo(before);
    }

    @Test
    void aProofOfPossessionByAnotherKeyIsRefused() throws Exception {
        long before = issuedCount();
        KeyPair requested = rsa();
        KeyPair other = rsa();
        JcaCertificateRequestMessageBuilder request = new JcaCertificateRequestMessageBuilder(BigInteger.ZERO);
        request.setSubject(subject("OU=RA-POP")).setPublicKey(SubjectPublicKeyInfo.getInstance(requested.getPublic().getEncoded()));
        request.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.rfc822Name, "pop@example.jp")));
        request.setProofOfPossessionSigningKeySigner(new JcaContentSignerBuilder("SHA256withRSA")
                .build(other.getPrivate()));
        CertificateReqMessagesBuilder messages = new CertificateReqMessagesBuilder();
        messages.addRequest(request.build());
        PKIMessage ir = protect(header(bytes(), Instant.now()).setBody(PKIBody.TYPE_INIT_REQ, messages.build()));

        assertRefused(post(ir), PKIFailureInfo.badPOP);
        assertThat(issuedCount()).isEqualTo(before);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    PKIMessage p10cr(byte[] transactionId, Instant sent, String unit) throws Exception {
        KeyPair key = rsa();
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.rfc822Name, "bc@example.jp")));
        var csr = new JcaPKCS10CertificationRequestBuilder(subject(unit), key.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
        return protect(header(transactionId, sent).setBody(new PKIBody(PKIBody.TYPE_P10_CERT_REQ,
                csr.toASN1Structure())));
    }

    X500Name subject(String unit) {
        return new X500Name("C=JP,O=" + ca.organization() + "," + unit + ",CN=KEN KIMURA");
    }

    ProtectedPKIMessageBuilder header(byte[] transactionId, Instant sent) {
        return new ProtectedPKIMessageBuilder(new GeneralName(new X500Name("CN=test client")),
                new GeneralName(new X500Name("CN=certflow")))
                .setTransactionID(transactionId)
                .setSenderNonce(bytes())
                .setMessageTime(Date.from(sent))
                .setSenderKID("test-ra".getBytes());
    }

    PKIMessage protect(ProtectedPKIMessageBuilder builder) throws Exception {
        return builder.build(new PKMACBuilder(new JcePKMACValuesCalculator()).build(SECRET)).toASN1Structure();
    }

    PKIMessage post(PKIMessage message) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/pki/cmp"))
                .header("Content-Type", "application/pkixcmp")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.getEncoded())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return PKIMessage.getInstance(response.body());
    }

    static void assertRefused(PKIMessage answer, int failInfo) {
        assertThat(answer.getBody().getType()).isEqualTo(PKIBody.TYPE_ERROR);
        ErrorMsgContent error = ErrorMsgContent.getInstance(answer.getBody().getContent());
        assertThat(error.getPKIStatusInfo().getStatus().intValue()).isEqualTo(2);
        assertThat(error.getPKIStatusInfo().getFailInfo().intValue() & failInfo).isEqualTo(failInfo);
    }

    long issuedCount() {
        return jdbc.sql("select count(*) from issued_certificate").query(Long.class).single();
    }

    byte[] bytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
