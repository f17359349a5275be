package org.certflow.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.certflow.operations.AuditVerifyCommand;
import org.certflow.pki.CertificateAuthority;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CA's audit log is a hash chain: an insider who changes a row with plain SQL is found by the health check
 * and by {@code audit verify}, which names the row; concurrent writers keep one chain.
 */
@CertflowTest
class CaAuditChainTest {

    @LocalServerPort int port;
    @Value("${spring.datasource.url}") String databaseUrl;
    @Value("${spring.datasource.username}") String databaseUser;
    @Autowired JdbcClient jdbc;
    @Autowired CaAudit audit;
    @Autowired CaAuditChain chain;
    @Autowired CrlPublication crls;
    @Autowired CertificateAuthority authority;
    @Autowired HealthContributorRegistry health;
    @Autowired ProcessDriver driver;

    @AfterEach
    void resetClock() {
        driver.resetClock();
    }

    @Test
    void eachRowCarriesTheHashOfThePreviousRowAndItsOwnContent() {
        crls.publish("test", "system");
        audit.recordRevocation("CN=YAMADA TARO", "abc123", "revocation-request", "ra-admin", "ra-admin2");

        List<Row> rows = rows();
        String previous = CaAuditEntry.GENESIS;
        for (Row row : rows) {
            assertThat(row.hash()).as("row %d", row.id()).isEqualTo(row.entry().hash(previous));
            previous = row.hash();
        }
        Row revocation = rows.get(rows.size() - 1);
        assertThat(revocation.entry().requestedBy()).isEqualTo("ra-admin");
        assertThat(revocation.entry().approvedBy()).isEqualTo("ra-admin2");
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void theServiceCertificatesAreRecordedOnce() {
        String mailSigning = authority.mailSigningCertificate().getSerialNumber().toString(16);
        String ocspSigning = authority.ocspSigningCertificate().getSerialNumber().toString(16);
        new ServiceCertificates(authority, audit).recordCertificatesInUse();

        assertThat(operationsFor(mailSigning)).containsExactly("ISSUE_MAIL_SIGNING_CERTIFICATE");
        assertThat(operationsFor(ocspSigning)).containsExactly("ISSUE_OCSP_SIGNING_CERTIFICATE");
    }

    @Test
    void anInsiderWhoRewritesTheActorOfARowIsFoundAndTheRowNamed() throws Exception {
        crls.publish("before the insider", "system");
        crls.publish("after the insider", "system");
        Row target = rows().get(rows().size() - 2);
        assertThat(command()).isEqualTo(0);

        jdbc.sql("update ca_audit set actor = 'somebody else' where id = :id").param("id", target.id()).update();
        try {
            CaAuditChain.Result result = chain.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenRow()).isEqualTo(target.id());

            driver.travel(Duration.ofMinutes(11));
            HttpResponse<String> overall = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(overall.statusCode()).isEqualTo(503);
            assertThat(overall.body()).contains("DOWN");
            var indicator = ((HealthIndicator) health.getContributor("caAudit")).health();
            assertThat(indicator.getStatus()).isEqualTo(Status.DOWN);
            assertThat(indicator.getDetails()).containsEntry("firstBrokenRow", target.id());

            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(command(new ByteArrayOutputStream(), err)).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("row " + target.id());
        } finally {
            jdbc.sql("update ca_audit set actor = :actor where id = :id")
                    .param("actor", target.entry().actor()).param("id", target.id()).update();
        }
        assertThat(command()).as("restored").isEqualTo(0);
        driver.travel(Duration.ofMinutes(22));
        assertThat(((HealthIndicator) health.getContributor("caAudit")).health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aRemovedNewestRowIsFound() {
        crls.publish("to be removed", "system");
        Row newest = rows().get(rows().size() - 1);
        jdbc.sql("delete from ca_audit where id = :id").param("id", newest.id()).update();
        try {
            CaAuditChain.Result result = chain.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenRow()).isEqualTo(newest.id());
        } finally {
            jdbc.sql("""
                    insert into ca_audit (id, operation, subject, serial, actor, requested_by, approved_by, at, hash)
                    values (:id, :operation, :subject, :serial, :actor, null, null, :at, :hash)
                    """)
                    .param("id", newest.id()).param("operation", newest.entry().operation())
                    .param("subject", newest.entry().subject()).param("serial", newest.entry().serial())
                    .param("actor", newest.entry().actor())
                    .param("at", newest.entry().at().atOffset(java.time.ZoneOffset.UTC))
                    .param("hash", newest.hash()).update();
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void concurrentWritersKeepOneChain() throws Exception {
        long before = rows().size();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                writes.add(pool.submit(() -> audit.record(CaAudit.Operation.ISSUE_CERTIFICATE, "CN=T" + n,
                        Integer.toHexString(n), "concurrency test")));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(rows()).hasSize((int) before + 40);
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void aCheckWhileTheCaSignsFindsNothingWrong() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CaAuditChain.Result> broken = new ArrayList<>();
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int n = i;
                writes.add(pool.submit(() -> audit.record(CaAudit.Operation.ISSUE_CERTIFICATE, "CN=W" + n,
                        Integer.toHexString(n), "busy CA")));
            }
            while (writes.stream().anyMatch(write -> !write.isDone())) {
                CaAuditChain.Result result = chain.verify();
                if (!result.intact()) {
                    broken.add(result);
                }
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(broken).as("a log that grows while it is read is intact").isEmpty();
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void aRowAddedByHandAtTheEndIsFoundEvenWithAValidHash() {
        crls.publish("the newest", "system");
        Row newest = rows().get(rows().size() - 1);
        CaAuditEntry forged = new CaAuditEntry("REVOKE_CERTIFICATE", "CN=FORGED", "ff", "revocation-request",
                "ra-admin", "admin", newest.entry().at().plusSeconds(1));
        jdbc.sql("""
                insert into ca_audit (operation, subject, serial, actor, requested_by, approved_by, at, hash)
                values (:operation, :subject, :serial, :actor, :requestedBy, :approvedBy, :at, :hash)
                """)
                .param("operation", forged.operation()).param("subject", forged.subject())
                .param("serial", forged.serial()).param("actor", forged.actor())
                .param("requestedBy", forged.requestedBy()).param("approvedBy", forged.approvedBy())
                .param("at", forged.at().atOffset(java.time.ZoneOffset.UTC)).param("hash", forged.hash(newest.hash()))
                .update();
        long forgedId = rows().get(rows().size() - 1).id();
        try {
            CaAuditChain.Result result = chain.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenRow()).isEqualTo(forgedId);
        } finally {
            jdbc.sql("delete from ca_audit where id = :id").param("id", forgedId).update();
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    private int command() {
        return command(new ByteArrayOutputStream(), new ByteArrayOutputStream());
    }

    private int command(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return AuditVerifyCommand.run(new String[] {"audit", "verify", "--spring.datasource.url=" + databaseUrl,
                        "--spring.datasource.username=" + databaseUser},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> operationsFor(String serial) {
        return jdbc.sql("select operation from ca_audit where serial = :serial order by id").param("serial", serial)
                .query(String.class).list();
    }

    private List<Row> rows() {
        return jdbc.sql("select * from ca_audit order by id").query((rs, n) -> new Row(rs.getLong("id"),
                new CaAuditEntry(rs.getString("operation"), rs.getString("subject"), rs.getString("serial"),
                        rs.getString("actor"), rs.getString("requested_by"), rs.getString("approved_by"),
                        rs.getObject("at", OffsetDateTime.class).toInstant()),
                rs.getString("hash"))).list();
    }

    private record Row(long id, CaAuditEntry entry, String hash) {
    }
}
