package org.certflow.certificate;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.certflow.pki.CertificateAuthority;
import org.certflow.pki.OcspStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The OCSP responder every issued certificate names in its authority information access: POST with an
 * {@code application/ocsp-request} body, or GET with the request base64-encoded in the path (RFC 6960 A.1).
 * The status comes from the register of issued certificates, so a revocation shows at once.
 */
@RestController
class OcspController {

    static final String PREFIX = "/pki/ocsp/";
    static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");
    /**
     * A request about the most certificates the responder answers (ten) with a nonce and a signature is well
     * under 8 KB; anything longer is not read into memory.
     */
    static final int MAX_REQUEST_BYTES = 8 * 1024;

    private final CertificateAuthority authority;
    private final CertificateRegistry registry;

    OcspController(CertificateAuthority authority, CertificateRegistry registry) {
        this.authority = authority;
        this.registry = registry;
    }

    @PostMapping(value = "/pki/ocsp", consumes = "application/ocsp-request")
    ResponseEntity<byte[]> post(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_REQUEST_BYTES) {
            return malformed();
        }
        byte[] body = request.getInputStream().readNBytes(MAX_REQUEST_BYTES + 1);
        return body.length > MAX_REQUEST_BYTES ? malformed() : answer(body);
    }

    /** The request is the rest of the path, URL-encoded base64 that may hold (encoded) slashes. */
    @GetMapping("/pki/ocsp/**")
    ResponseEntity<byte[]> get(HttpServletRequest request) {
        String path = request.getRequestURI();
        String encoded = path.substring(path.indexOf(PREFIX) + PREFIX.length());
        byte[] der;
        try {
            der = Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            der = new byte[0];
        }
        return answer(der);
    }

    /** Refused before it is parsed: nothing is looked up and nothing is signed. */
    private static ResponseEntity<byte[]> malformed() throws IOException {
        try {
            return ResponseEntity.ok()
                    .contentType(OCSP_RESPONSE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .body(new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded());
        } catch (OCSPException e) {
            throw new IllegalStateException("cannot build an OCSP response", e);
        }
    }

    private ResponseEntity<byte[]> answer(byte[] request) {
        return ResponseEntity.ok()
                .contentType(OCSP_RESPONSE)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .body(authority.ocspResponse(request, this::status));
    }

    private OcspStatus status(BigInteger serial) {
        return registry.findBySerialNumber(serial.toString(16))
                .map(certificate -> certificate.revokedAt() == null ? OcspStatus.good()
                        : OcspStatus.revoked(certificate.revokedAt(),
                                certificate.revocationReason() == null ? 0 : certificate.revocationReason()))
                .orElse(OcspStatus.unknown());
    }
}
