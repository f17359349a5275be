package org.certflow.certificate.cmp;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /pki/cmp}: CMP over HTTP (RFC 6712), a DER-encoded PKIMessage in and out with the content type
 * {@code application/pkixcmp}. Off (404) unless {@code certflow.pki.cmp.enabled}; a machine protocol that
 * authenticates each message by its own protection, so it has no session and no CSRF token.
 */
@RestController
class CmpController {

    static final String PATH = "/pki/cmp";
    static final MediaType PKIXCMP = MediaType.parseMediaType("application/pkixcmp");

    private final CmpProperties properties;
    private final CmpServer server;

    CmpController(CmpProperties properties, CmpServer server) {
        this.properties = properties;
        this.server = server;
    }

    @PostMapping(PATH)
    ResponseEntity<byte[]> cmp(HttpServletRequest request) throws IOException {
        if (!properties.enabled()) {
            return ResponseEntity.notFound().build();
        }
        if (request.getContentType() == null
                || !PKIXCMP.isCompatibleWith(MediaType.parseMediaType(request.getContentType()))) {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).build();
        }
        if (request.getContentLengthLong() > properties.maxMessageBytes()) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).build();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            // a chunked body has no length up front: read one byte past the limit to know
            body = in.readNBytes(properties.maxMessageBytes() + 1);
        }
        if (body.length > properties.maxMessageBytes()) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).build();
        }
        return ResponseEntity.ok().contentType(PKIXCMP).body(server.answer(body));
    }
}
