package org.certflow.pki.benchmark;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.certflow.pki.CertificateAuthority;
import org.certflow.pki.ClientCertificateRequest;
import org.certflow.pki.IssuedCredential;
import org.certflow.pki.Pkcs12Format;
import org.certflow.pki.PkiProperties;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One pickup as the applicant waits for it: a fresh RSA key pair, the certificate from the issuing CA and the
 * PKCS#12 file encrypted under the PIN (PBES2/AES-256, PBKDF2 with 100 000 iterations).
 * Run: {@code ./mvnw -Pbenchmark test-compile exec:exec -Dbenchmark=PickupBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class PickupBenchmark {

    @Param({"2048", "3072"})
    public int keySize;

    private CertificateAuthority authority;

    @Setup
    public void setUp() throws IOException {
        Path directory = Files.createTempDirectory("certflow-benchmark-pki");
        authority = new CertificateAuthority(new PkiProperties(directory, "benchmark-only", "Benchmark Chamber",
                "benchmark@example.jp", "http://localhost:8080", "1.3.6.1.4.1.99999.1.1", keySize, true),
                Clock.systemUTC(), () -> BigInteger.ONE);
    }

    @Benchmark
    public byte[] pickup() {
        IssuedCredential credential = authority.issue(new ClientCertificateRequest("Yamada", "Taro",
                "taro.yamada@example.jp", "ACT1-123456", 1));
        return authority.pkcs12(credential, "pin-12345".toCharArray(), "BN-Yamada.Taro", Pkcs12Format.MODERN);
    }
}
