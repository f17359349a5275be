package org.certflow.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class PkiPublicationControllerTest {

    static CertificateAuthority ca;
    static PkiPublicationController controller;

    @BeforeAll
    static void setUp() {
        ca = TestAuthority.authority();
        controller = new PkiPublicationController(ca);
    }

    @Test
    void derAndPemOfRootAndIssuingCa() throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");

        ResponseEntity<byte[]> root = controller.rootDer();
        assertThat(root.getHeaders().getContentType()).hasToString("application/pkix-cert");
        assertThat(factory.generateCertificate(new ByteArrayInputStream(root.getBody())))
                .isEqualTo(ca.rootCertificate());
        assertThat(root.getBody()).isEqualTo(ca.rootCertificate().getEncoded());

        ResponseEntity<byte[]> issuing = controller.issuingDer();
        assertThat(issuing.getBody()).isEqualTo(ca.issuingCertificate().getEncoded());

        ResponseEntity<byte[]> rootPem = controller.rootPem();
        assertThat(new String(rootPem.getBody(), StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(factory.generateCertificate(new ByteArrayInputStream(rootPem.getBody())))
                .isEqualTo(ca.rootCertificate());
        assertThat(factory.generateCertificate(new ByteArrayInputStream(controller.issuingPem().getBody())))
                .isEqualTo(ca.issuingCertificate());
    }
}
