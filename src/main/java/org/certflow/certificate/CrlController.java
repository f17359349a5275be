package org.certflow.certificate;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The published CRL, at the address every issued certificate names as its distribution point. */
@RestController
class CrlController {

    private final CrlPublication publication;

    CrlController(CrlPublication publication) {
        this.publication = publication;
    }

    @GetMapping("/pki/crl")
    ResponseEntity<byte[]> crl() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/pkix-crl"))
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .body(publication.current());
    }
}
