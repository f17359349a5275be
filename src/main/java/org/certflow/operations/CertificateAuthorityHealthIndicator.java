package org.certflow.operations;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;

import org.certflow.pki.CertificateAuthority;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health {@code certificateAuthority}: the issuing CA and the OCSP signer are within their validity. */
@Component
class CertificateAuthorityHealthIndicator implements HealthIndicator {

    private final CertificateAuthority authority;
    private final Clock clock;

    CertificateAuthorityHealthIndicator(CertificateAuthority authority, Clock clock) {
        this.authority = authority;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = Instant.now(clock);
        X509Certificate issuing = authority.issuingCertificate();
        X509Certificate ocsp = authority.ocspSigningCertificate();
        boolean valid = valid(issuing, now) && valid(ocsp, now);
        return (valid ? Health.up() : Health.down())
                .withDetail("issuingCaNotAfter", issuing.getNotAfter().toInstant().toString())
                .withDetail("ocspSignerNotAfter", ocsp.getNotAfter().toInstant().toString())
                .build();
    }

    private static boolean valid(X509Certificate certificate, Instant now) {
        return !now.isBefore(certificate.getNotBefore().toInstant()) && now.isBefore(certificate.getNotAfter().toInstant());
    }
}
