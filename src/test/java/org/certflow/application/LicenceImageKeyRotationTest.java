package org.certflow.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.certflow.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A key rotation as operators do it, node start after node start on one database: images written under key A stay
 * readable once B is current, the re-encryption moves them (and images stored before encryption) to B, and a start
 * with B alone reads every image; a start that drops a key still needed is refused, naming it.
 */
@ExtendWith(OutputCaptureExtension.class)
class LicenceImageKeyRotationTest {

    private static final String A = LicenceImageCipherTest.KEY_A;
    private static final String B = LicenceImageCipherTest.KEY_B;

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class})
    @EnableConfigurationProperties(DataProtectionProperties.class)
    @Import({DataProtectionKeys.class, LicenceImageCipher.class, ApplicationRepository.class,
            LicenceImageReencryption.class})
    static class Node {
    }

    private final String database = TestDatabase.freshDatabaseUrl("rotation_" + UUID.randomUUID().toString()
            .substring(0, 8));

    @Test
    void imagesMoveFromTheOldKeyToTheNewAndTheOldKeyCanGo(CapturedOutput output) {
        long first;
        long second;
        long legacy;
        try (ConfigurableApplicationContext node = start(A, "a")) {
            ApplicationRepository applications = node.getBean(ApplicationRepository.class);
            first = applications.createProvisional("rot1@example.jp", Qualification.OTHER, "v1", Instant.now()).id();
            second = applications.createProvisional("rot2@example.jp", Qualification.OTHER, "v1", Instant.now()).id();
            legacy = applications.createProvisional("rot3@example.jp", Qualification.OTHER, "v1", Instant.now()).id();
            applications.saveLicenceImage(first, image("first"), Instant.now());
            applications.saveLicenceImage(second, image("second"), Instant.now());
            // as stored before images were encrypted
            node.getBean(JdbcClient.class).sql("""
                    insert into licence_image (application_id, content_type, content, size_bytes, width, height,
                                               uploaded_at)
                    values (:id, 'image/png', :content, 6, 1, 1, current_timestamp)
                    """).param("id", legacy).param("content", image("legacy").content()).update();
            assertThat(applications.licenceImagesByKey()).containsOnly(Map.entry("a", 2L), entry(null, 1L));
        }

        try (ConfigurableApplicationContext node = start(A + "," + B, "b")) {
            ApplicationRepository applications = node.getBean(ApplicationRepository.class);
            applications.saveLicenceImage(first, image("first, again"), Instant.now());
            assertThat(text(applications, first)).isEqualTo("first, again");
            assertThat(text(applications, second)).as("under A, read with its own key").isEqualTo("second");
            assertThat(text(applications, legacy)).as("stored in plain").isEqualTo("legacy");
            assertThat(applications.licenceImagesByKey()).containsOnly(Map.entry("a", 1L), Map.entry("b", 1L),
                    entry(null, 1L));

            LicenceImageReencryption reencryption = node.getBean(LicenceImageReencryption.class);
            assertThat(reencryption.remaining()).isEqualTo(2);
            assertThat(reencryption.reencryptAll()).isEqualTo(2);
            assertThat(reencryption.reencryptAll()).as("a second run, as on another node, rewrites nothing").isZero();
            assertThat(applications.licenceImagesByKey()).containsOnly(Map.entry("b", 3L));
            assertThat(node.getBean(JdbcClient.class).sql("select content from licence_image where application_id = :id")
                    .param("id", legacy).query(byte[].class).single())
                    .as("the plain image is ciphertext now").isNotEqualTo(image("legacy").content());
        }

        try (ConfigurableApplicationContext node = start(B, "b")) {
            ApplicationRepository applications = node.getBean(ApplicationRepository.class);
            assertThat(text(applications, first)).isEqualTo("first, again");
            assertThat(text(applications, second)).isEqualTo("second");
            assertThat(text(applications, legacy)).isEqualTo("legacy");
        }

        try (ConfigurableApplicationContext node = start(B, "b")) {
            node.getBean(JdbcClient.class).sql("update licence_image set key_id = 'a' where application_id = :id")
                    .param("id", second).update();
        }
        Throwable refused = catchThrowable(() -> start(B, "b").close());
        assertThat(refused).hasRootCauseInstanceOf(MissingDataProtectionKeyException.class);
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("certflow cannot start: licence images are encrypted with the data protection keys "
                        + "'a' (1 licence images)")
                .doesNotContain(A.substring(2)).doesNotContain(B.substring(2));
    }

    @Test
    void aRowUnderAnotherKeyIdIsPassedOverAndTheOthersStillMove() {
        long tampered;
        long fine;
        try (ConfigurableApplicationContext node = start(A, "a")) {
            ApplicationRepository applications = node.getBean(ApplicationRepository.class);
            tampered = applications.createProvisional("t1@example.jp", Qualification.OTHER, "v1", Instant.now()).id();
            fine = applications.createProvisional("t2@example.jp", Qualification.OTHER, "v1", Instant.now()).id();
            applications.saveLicenceImage(tampered, image("tampered"), Instant.now());
            applications.saveLicenceImage(fine, image("fine"), Instant.now());
            node.getBean(JdbcClient.class).sql("update licence_image set content_type = 'image/jpeg' where "
                    + "application_id = :id").param("id", tampered).update();
        }
        try (ConfigurableApplicationContext node = start(A + "," + B, "b")) {
            LicenceImageReencryption reencryption = node.getBean(LicenceImageReencryption.class);
            assertThat(reencryption.reencryptAll()).isEqualTo(1);
            assertThat(node.getBean(ApplicationRepository.class).licenceImagesByKey())
                    .containsOnly(Map.entry("a", 1L), Map.entry("b", 1L));
            assertThat(text(node.getBean(ApplicationRepository.class), fine)).isEqualTo("fine");
        }
    }

    private ConfigurableApplicationContext start(String keys, String current) {
        return new SpringApplicationBuilder(Node.class).web(WebApplicationType.NONE)
                .run("--spring.main.banner-mode=off", "--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + TestDatabase.username(), "--spring.datasource.password=",
                        "--certflow.data-protection.keys=" + keys, "--certflow.data-protection.current-key=" + current);
    }

    private static LicenceImage image(String text) {
        return new LicenceImage("image/png", text.getBytes(StandardCharsets.UTF_8), 1, 1);
    }

    private static String text(ApplicationRepository applications, long id) {
        return new String(applications.findLicenceImage(id).orElseThrow().content(), StandardCharsets.UTF_8);
    }

    private static Map.Entry<String, Long> entry(String key, Long value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }
}
