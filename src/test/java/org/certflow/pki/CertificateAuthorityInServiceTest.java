package org.certflow.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.certflow.support.CertflowTest;
import org.certflow.support.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CA as certflow runs it: CRL numbers come from the database, so CRLs signed one after the other, at the same
 * moment on two threads, or by another node (or after a restart) never share a number and only grow; and what it
 * signs is dated by the engine's clock.
 */
@CertflowTest
class CertificateAuthorityInServiceTest {

    @Autowired CertificateAuthority authority;
    @Autowired CrlNumbers crlNumbers;
    @Autowired PkiProperties properties;
    @Autowired JdbcClient jdbc;
    @TempDir Path work;

    @Test
    void crlsSignedOneAfterTheOtherHaveIncreasingNumbers() throws Exception {
        X509CRL first = crl(authority.crl(List::of));
        byte[] secondDer = authority.crl(List::of);
        X509CRL second = crl(secondDer);
        assertThat(number(second)).isGreaterThan(number(first));

        RequiredTools.openssl();
        Path file = work.resolve("second.crl");
        Files.write(file, secondDer);
        CertificateAuthorityTest.Result text = CertificateAuthorityTest.run("openssl", "crl", "-inform", "DER",
                "-in", file.toString(), "-noout", "-text");
        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.output()).containsPattern("X509v3 CRL Number: *\\R *" + number(second) + "\\b");
    }

    @Test
    void crlsSignedAtTheSameMomentOnTwoThreadsHaveDistinctNumbers() throws Exception {
        int perThread = 10;
        CountDownLatch start = new CountDownLatch(1);
        Callable<List<BigInteger>> signer = () -> {
            start.await();
            List<BigInteger> numbers = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                numbers.add(number(crl(authority.crl(List::of))));
            }
            return numbers;
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<BigInteger>> one = threads.submit(signer);
            Future<List<BigInteger>> two = threads.submit(signer);
            start.countDown();
            List<BigInteger> all = new ArrayList<>(one.get());
            all.addAll(two.get());
            assertThat(all).hasSize(2 * perThread).doesNotHaveDuplicates();
            assertThat(one.get()).isSorted();
            assertThat(two.get()).isSorted();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anotherNodeOrARestartContinuesTheNumbersFromTheDatabase() throws Exception {
        BigInteger before = number(crl(authority.crl(List::of)));
        assertThat(jdbc.sql("select last_number from crl_number").query(Long.class).single())
                .as("the number is kept in the database, not in the node").isEqualTo(before.longValueExact());

        CertificateAuthority otherNode = new CertificateAuthority(properties, Clock.systemUTC(), crlNumbers);
        assertThat(otherNode.issuingCertificate()).isEqualTo(authority.issuingCertificate());
        BigInteger after = number(crl(otherNode.crl(List::of)));
        assertThat(after).isGreaterThan(before);
        assertThat(number(crl(authority.crl(List::of)))).isGreaterThan(after);
    }

    @Test
    void certificatesAndCrlsFollowTheEngineClock() throws Exception {
        Instant engineTime = Instant.now().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(engineTime));
        try {
            X509Certificate certificate = authority.issue(new ClientCertificateRequest("Yamada", "Taro",
                    "clock@example.jp", "ACT1-123456", 1)).certificate();
            assertThat(certificate.getNotBefore().toInstant()).isEqualTo(engineTime.minus(Duration.ofMinutes(5)));
            assertThat(crl(authority.crl(List::of)).getThisUpdate().toInstant()).isEqualTo(engineTime);
        } finally {
            ClockUtil.reset();
        }
    }

    private static X509CRL crl(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private static BigInteger number(X509CRL crl) throws IOException {
        return CRLNumber.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                crl.getExtensionValue(Extension.cRLNumber.getId()))).getCRLNumber();
    }
}
