package org.certflow.operations;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;

import org.certflow.mail.MailSigning;
import org.certflow.mail.PurchasedMailCertificate;
import org.certflow.pki.CertificateAuthority;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code certificateAuthority}: the issuing CA and the OCSP signer are within their validity, and so is the
 * mail-signing certificate when the operator bought it (certflow renews its own): {@code mailSignerExpiresSoon} turns
 * true in its last 30 days, while it must be replaced by hand.
 */
@Component
class CertificateAuthorityHealthIndicator implements HealthIndicator {

    private final CertificateAuthority authority;
    private final Clock clock;
    private final MailSigning mailSigning;

    CertificateAuthorityHealthIndicator(CertificateAuthority authority, Clock clock, MailSigning mailSigning) {
        this.authority = authority;
        this.clock = clock;
        this.mailSigning = mailSigning;
    }

    @Override
    public Health health() {
        Instant now = Instant.now(clock);
        X509Certificate issuing = authority.issuingCertificate();
        X509Certificate ocsp = authority.ocspSigningCertificate();
        boolean valid = valid(issuing, now) && valid(ocsp, now);
        X509Certificate bought = mailSigning instanceof PurchasedMailCertificate purchased
                ? purchased.certificate() : null;
        if (bought != null) {
            valid = valid && valid(bought, now);
        }
        Health.Builder health = (valid ? Health.up() : Health.down())
                .withDetail("issuingCaNotAfter", issuing.getNotAfter().toInstant().toString())
                .withDetail("ocspSignerNotAfter", ocsp.getNotAfter().toInstant().toString());
        if (bought != null) {
            Instant notAfter = bought.getNotAfter().toInstant();
            health.withDetail("mailSignerNotAfter", notAfter.toString())
                    .withDetail("mailSignerExpiresSoon",
                            notAfter.minus(PurchasedMailCertificate.EXPIRY_WARNING).isBefore(now));
        }
        return health.build();
    }

    private static boolean valid(X509Certificate certificate, Instant now) {
        return !now.isBefore(certificate.getNotBefore().toInstant()) && now.isBefore(certificate.getNotAfter().toInstant());
    }
}
