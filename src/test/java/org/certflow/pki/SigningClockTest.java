package org.certflow.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every date the CA writes comes from the clock it is given, not from the machine's. */
class SigningClockTest {

    @TempDir Path directory;

    @Test
    void notBeforeNotAfterThisUpdateAndNextUpdateFollowTheClock() throws Exception {
        TestAuthority.copyCaKeystoresTo(directory);
        Instant start = Instant.parse("2027-03-01T09:00:00Z");
        MailSigningRenewalTest.MovableClock clock = new MailSigningRenewalTest.MovableClock(start);
        CertificateAuthority ca = TestAuthority.create(TestAuthority.properties(directory), clock);

        X509Certificate first = issue(ca, 1);
        assertThat(first.getNotBefore().toInstant()).isEqualTo(Instant.parse("2027-03-01T08:55:00Z"));
        assertThat(first.getNotAfter().toInstant()).isEqualTo(Instant.parse("2028-03-01T08:55:00Z"));
        assertThat(ca.mailSigningCertificate().getNotBefore().toInstant())
                .as("the service certificates issued at start too").isEqualTo(Instant.parse("2027-03-01T08:55:00Z"));

        clock.now = start.plus(Duration.ofDays(100));
        X509Certificate later = issue(ca, 2);
        assertThat(later.getNotBefore().toInstant()).isEqualTo(Instant.parse("2027-06-09T08:55:00Z"));
        assertThat(later.getNotAfter().toInstant()).isEqualTo(Instant.parse("2029-06-09T08:55:00Z"));

        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(ca.crl(List::of)));
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(Instant.parse("2027-06-09T09:00:00Z"));
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(Instant.parse("2027-06-16T09:00:00Z"));
    }

    private static X509Certificate issue(CertificateAuthority ca, int years) {
        return ca.issue(new ClientCertificateRequest("Yamada", "Taro", "clock@example.jp", "ACT1-123456", years))
                .certificate();
    }
}
