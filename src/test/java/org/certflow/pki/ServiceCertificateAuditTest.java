package org.certflow.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.certflow.certificate.CaAudit;
import org.certflow.certificate.CaAuditChain;
import org.certflow.certificate.ServiceCertificates;
import org.certflow.support.CertflowTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The mail-signing certificate renewed while certflow runs (the model crl-publication) enters the audit log once. */
@CertflowTest
class ServiceCertificateAuditTest {

    @TempDir Path directory;
    @Autowired CaAudit audit;
    @Autowired CaAuditChain chain;
    @Autowired JdbcClient jdbc;

    @Test
    void aRenewedMailSigningCertificateIsRecorded() throws Exception {
        TestAuthority.copyCaKeystoresTo(directory);
        MailSigningRenewalTest.MovableClock clock = new MailSigningRenewalTest.MovableClock(Instant.now());
        CertificateAuthority authority = TestAuthority.create(TestAuthority.properties(directory), clock);
        ServiceCertificates serviceCertificates = new ServiceCertificates(authority, audit);
        X509Certificate original = authority.mailSigningCertificate();
        assertThat(serviceCertificates.renewMailSigningIfDue()).isFalse();

        clock.now = original.getNotAfter().toInstant().minus(Duration.ofDays(10));
        assertThat(serviceCertificates.renewMailSigningIfDue()).isTrue();
        serviceCertificates.recordCertificatesInUse();

        String renewed = authority.mailSigningCertificate().getSerialNumber().toString(16);
        assertThat(jdbc.sql("select operation from ca_audit where serial = :serial").param("serial", renewed)
                .query(String.class).list()).containsExactly("ISSUE_MAIL_SIGNING_CERTIFICATE");
        assertThat(chain.verify().intact()).isTrue();
    }
}
