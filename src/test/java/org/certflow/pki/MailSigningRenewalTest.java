package org.certflow.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailSigningRenewalTest {

    @TempDir
    Path directory;

    @Test
    void renewsMailSigningCertificateThatExpiresWithinThirtyDays() throws Exception {
        TestAuthority.copyCaKeystoresTo(directory);
        PkiProperties properties = TestAuthority.properties(directory);
        CertificateAuthority first = TestAuthority.create(properties);
        char[] password = properties.keystorePassword().toCharArray();

        // replace the mail-signing certificate with one that expires in ten days
        KeyStore issuingStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(directory.resolve("issuing.p12"))) {
            issuingStore.load(in, password);
        }
        PrivateKey issuingKey = (PrivateKey) issuingStore.getKey("issuing", password);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keyPair = generator.generateKeyPair();
        Instant now = Instant.now();
        X509Certificate expiring = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(first.issuingCertificate(), BigInteger.valueOf(77),
                        Date.from(now.minus(Duration.ofDays(300))), Date.from(now.plus(Duration.ofDays(10))),
                        new X500Name("CN=old mail signer"), keyPair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(issuingKey)));
        Files.write(directory.resolve("mail-signing.p12"), Pkcs12Writer.build(keyPair.getPrivate(),
                List.of(expiring, first.issuingCertificate(), first.rootCertificate()), password, "mail-signing"));

        CertificateAuthority restarted = TestAuthority.create(properties);

        X509Certificate renewed = certificate(restarted.mailSigningKeystore());
        assertThat(renewed.getSerialNumber()).isNotEqualTo(BigInteger.valueOf(77));
        assertThat(renewed.getNotAfter().toInstant()).isAfter(now.plus(Duration.ofDays(700)));
        assertThat(restarted.rootCertificate()).isEqualTo(TestAuthority.authority().rootCertificate());
        assertThat(restarted.rootCertificate()).isEqualTo(first.rootCertificate());
        assertThat(restarted.issuingCertificate()).isEqualTo(first.issuingCertificate());

        // and the renewed certificate was stored: a third start keeps it
        assertThat(certificate(TestAuthority.create(properties).mailSigningKeystore())).isEqualTo(renewed);
    }

    @Test
    void renewsTheMailSigningCertificateWhileRunningAndAnotherNodeTakesTheStoredOne() throws Exception {
        TestAuthority.copyCaKeystoresTo(directory);
        PkiProperties properties = TestAuthority.properties(directory);
        MovableClock clock = new MovableClock(Instant.now());
        CertificateAuthority node1 = TestAuthority.create(properties, clock);
        CertificateAuthority node2 = TestAuthority.create(properties, clock);
        X509Certificate original = node1.mailSigningCertificate();
        assertThat(node1.renewMailSigningIfDue()).as("two years left").isFalse();

        clock.now = original.getNotAfter().toInstant().minus(Duration.ofDays(10));
        assertThat(node1.renewMailSigningIfDue()).isTrue();
        X509Certificate renewed = node1.mailSigningCertificate();
        assertThat(renewed.getSerialNumber()).isNotEqualTo(original.getSerialNumber());
        assertThat(certificate(node1.mailSigningKeystore())).isEqualTo(renewed);
        renewed.verify(node1.issuingCertificate().getPublicKey());

        // the renewed certificate is still "due" by this clock, yet node 2 adopts the stored one, not a third
        clock.now = original.getNotAfter().toInstant().minus(Duration.ofDays(40));
        assertThat(node2.renewMailSigningIfDue()).isFalse();
        clock.now = original.getNotAfter().toInstant().minus(Duration.ofDays(10));
        CertificateAuthority restarted = TestAuthority.create(properties);
        assertThat(restarted.mailSigningCertificate()).isEqualTo(renewed);
    }

    /** A clock the test moves, for the CA's renewal decisions. */
    static final class MovableClock extends java.time.Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static X509Certificate certificate(MailSigningKeystore mail) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(new ByteArrayInputStream(mail.pkcs12()), mail.storePassword().toCharArray());
        return (X509Certificate) keyStore.getCertificate(mail.keyAlias());
    }
}
