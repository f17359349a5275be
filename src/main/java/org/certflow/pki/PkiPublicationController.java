package org.certflow.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the CA certificates (the AIA caIssuers URLs of issued certificates point here). Public, read only.
 */
@RestController
@RequestMapping("/pki")
public class PkiPublicationController {

    static final MediaType PKIX_CERT = MediaType.parseMediaType("application/pkix-cert");
    static final MediaType PEM = new MediaType("application", "x-pem-file", StandardCharsets.US_ASCII);

    private final CertificateAuthority authority;

    public PkiPublicationController(CertificateAuthority authority) {
        this.authority = authority;
    }

    @GetMapping("/root-ca.crt")
    public ResponseEntity<byte[]> rootDer() {
        return der(authority.rootCertificate(), "root-ca.crt");
    }

    @GetMapping("/issuing-ca.crt")
    public ResponseEntity<byte[]> issuingDer() {
        return der(authority.issuingCertificate(), "issuing-ca.crt");
    }

    @GetMapping("/root-ca.pem")
    public ResponseEntity<byte[]> rootPem() {
        return pem(authority.rootCertificate(), "root-ca.pem");
    }

    @GetMapping("/issuing-ca.pem")
    public ResponseEntity<byte[]> issuingPem() {
        return pem(authority.issuingCertificate(), "issuing-ca.pem");
    }

    private static ResponseEntity<byte[]> der(X509Certificate certificate, String fileName) {
        try {
            return response(certificate.getEncoded(), PKIX_CERT, fileName);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    private static ResponseEntity<byte[]> pem(X509Certificate certificate, String fileName) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response(text.toString().getBytes(StandardCharsets.US_ASCII), PEM, fileName);
    }

    private static ResponseEntity<byte[]> response(byte[] body, MediaType type, String fileName) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(body);
    }
}
