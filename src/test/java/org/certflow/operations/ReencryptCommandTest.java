package org.certflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.certflow.application.ApplicationRepository;
import org.certflow.application.LicenceImage;
import org.certflow.application.Qualification;
import org.certflow.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code data-protection reencrypt}: what an operator runs to finish a key rotation at once. */
class ReencryptCommandTest {

    private static final String A = "a:kfC0Vs0YHq7b0jN1t3kG6y1lJx9m8W2qM3p4aRzS5uE=";
    private static final String B = "b:Qm9vdHN0cmFwLWtleS1mb3ItdGVzdHMtb25seSEhISE=";

    private final String database = TestDatabase.freshDatabaseUrl("reencrypt_" + UUID.randomUUID().toString()
            .substring(0, 8));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void movesEveryImageToTheCurrentKeyAndRefusesWhenAKeyIsMissing() {
        Flyway.configure().dataSource(database, TestDatabase.username(), "").load().migrate();
        long id;
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(ReencryptCommand.class)
                .web(WebApplicationType.NONE).run(settings(A, "a"))) {
            ApplicationRepository applications = node.getBean(ApplicationRepository.class);
            id = applications.createProvisional("cmd@example.jp", Qualification.OTHER, "v1", Instant.now()).id();
            applications.saveLicenceImage(id, new LicenceImage("image/png",
                    "image".getBytes(StandardCharsets.UTF_8), 1, 1), Instant.now());
        }

        assertThat(run(B, "b")).as("without key a").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("could not be re-encrypted")
                .contains("{a=1}").doesNotContain(A.substring(2));

        assertThat(run(A + "," + B, "b")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Re-encrypted 1 licence images with key 'b'; images by key: {b=1}");

        assertThat(run(B, "b")).as("a alone is no longer needed").isZero();
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(ReencryptCommand.class)
                .web(WebApplicationType.NONE).run(settings(B, "b"))) {
            assertThat(node.getBean(ApplicationRepository.class).findLicenceImage(id).orElseThrow().content())
                    .asString(StandardCharsets.UTF_8).isEqualTo("image");
            assertThat(node.getBean(ApplicationRepository.class).licenceImagesByKey()).isEqualTo(Map.of("b", 1L));
        }
    }

    private int run(String keys, String current) {
        String[] settings = settings(keys, current);
        String[] args = new String[settings.length + 2];
        args[0] = "data-protection";
        args[1] = "reencrypt";
        System.arraycopy(settings, 0, args, 2, settings.length);
        assertThat(ReencryptCommand.isInvoked(args)).isTrue();
        return ReencryptCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String[] settings(String keys, String current) {
        return new String[] {"--spring.datasource.url=" + database,
                "--spring.datasource.username=" + TestDatabase.username(), "--spring.datasource.password=",
                "--certflow.data-protection.keys=" + keys, "--certflow.data-protection.current-key=" + current,
                "--spring.main.banner-mode=off"};
    }
}
