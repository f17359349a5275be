package org.certflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.certflow.application.LicenceImageProperties;
import org.certflow.billing.BillingProperties;
import org.certflow.certificate.PickupLimit;
import org.certflow.certificate.renewal.RenewalProperties;
import org.certflow.mail.MailProperties;
import org.certflow.pki.PkiSettings;
import org.certflow.portal.ProvisionalApplicationLimits;
import org.certflow.privacy.PrivacyProperties;
import org.certflow.process.JobProperties;
import org.certflow.process.NodeProperties;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.ServiceProperties;
import org.certflow.session.SessionProperties;
import org.certflow.staff.StaffProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A wrong setting stops the start before anything runs, and the operator reads which key, which value and why,
 * instead of a stack trace deep inside the first mail or invoice.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ServiceProperties.class, DeadlineProperties.class, MailProperties.class,
            BillingProperties.class, SessionProperties.class, LicenceImageProperties.class, PickupLimit.class,
            ProvisionalApplicationLimits.class, StaffProperties.class, JobProperties.class, NodeProperties.class,
            AuditProperties.class, PkiSettings.class, RenewalProperties.class,
            PrivacyProperties.class})
    static class Settings {
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "certflow.deadlines.payment-deadline           | -P30D             | must be longer than or equal to 1 second",
            "certflow.deadlines.pickup-window              | P0D               | must be a positive period",
            "certflow.mail.from                            | not-an-address    | must be a well-formed email address",
            "certflow.base-url                             | certs.example.jp  | must be the public address",
            "certflow.deadlines.review-follow-up           | PT0S              | must be longer than or equal to 1 second",
            "certflow.deadlines.refund                     | -P14D             | must be longer than or equal to 1 second",
            "certflow.deadlines.revocation-approval        | PT0S              | must be longer than or equal to 1 second",
            "certflow.deadlines.key-compromise-revocation  | P2D               | must be shorter than or equal to 1 day",
            "certflow.billing.registration-number          | 1234567890123     | must be T followed by 13 digits",
            "certflow.licence-image.concurrent-decodes     | 0                 | must be greater than or equal to 1",
            "certflow.portal.provisional-applications.per-client | 0           | must be greater than or equal to 1",
            "certflow.pickup.max-pickups                   | 0                 | must be greater than or equal to 1",
            "certflow.jobs.retry-cycle                     | PT5M              | must be an ISO-8601 repeating interval",
            "certflow.pki.key-size                         | 1024              | must be greater than or equal to 2048",
            "certflow.pki.key-size                         | 16384             | must be less than or equal to 4096",
            "certflow.pki.policy-oid                       | abc               | must be a dotted OID",
            "certflow.pki.crl-publication-cycle            | every day         | must be an ISO-8601 repeating interval",
            "certflow.renewal.licence-image                | SOMETIMES         | failed to convert",
            "certflow.renewal.link-grace                   | P0D               | must be a positive period",
            "certflow.privacy.notice-version               | 2026 Dec          | must be 1 to 32 letters, digits, dots or hyphens",
            "certflow.privacy.notice                       | ' '               | must not be blank",
    })
    void aWrongValueStopsTheStartNamingTheKey(String key, String value, String reason, CapturedOutput output) {
        Throwable failure = catchThrowable(() -> start(key + "=" + value).close());

        assertThat(failure).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("Origin: \"" + key + "\"")
                .contains(reason);
    }

    /** The contact is a part of {@code certflow.*}: Spring Boot names the key but gives no origin for it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "certflow.contact.phone  | call us | must be a telephone number",
            "certflow.contact.mail   | office  | must be a well-formed email address",
            "certflow.contact.office | ' '     | must not be blank",
    })
    void aWrongContactStopsTheStartNamingTheKey(String key, String value, String reason, CapturedOutput output) {
        Throwable failure = catchThrowable(() -> start(key + "=" + value).close());

        assertThat(failure).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("Property: " + key)
                .contains(reason);
    }

    @Test
    void aMalformedSessionKeyIsNamedButNotShown(CapturedOutput output) {
        String almostTheKey = "q3XbQ7m1c8o2Yf4GgS0yZk9wR5uJt6HnVdLpE1aB2c=";

        assertThat(catchThrowable(() -> start("certflow.session.encryption-key=" + almostTheKey).close())).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("certflow.session.encryption-key must be 32 random bytes in base64")
                .doesNotContain(almostTheKey);
    }

    @Test
    void anEmptyKeystorePasswordIsNamedAndAPasswordIsNeverShown(CapturedOutput output) {
        assertThat(catchThrowable(() -> start("certflow.pki.keystore-password=").close())).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("certflow.pki.keystore-password must not be empty");

        String password = "Kagi-no-Himitsu-2026";
        assertThat(catchThrowable(() -> start("certflow.pki.keystore-password=" + password,
                "certflow.pki.key-size=1024").close())).isNotNull();
        assertThat(output.getOut()).contains("Origin: \"certflow.pki.key-size\"").doesNotContain(password);
    }

    @Test
    void theDefaultsAreValid() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBean(DeadlineProperties.class).pickupWindow().getDays()).isEqualTo(30);
            assertThat(context.getBean(ServiceProperties.class).contact().mail()).isEqualTo("jcan-secretariat@mcci.or.jp");
        }
    }

    /** What an IDE completes: every certflow setting with its description and default, generated at build. */
    @Test
    void everySettingIsDescribedForTheIde() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> properties = new HashMap<>();
        metadata.get("properties").forEach(property -> properties.put(property.get("name").asText(), property));
        for (String key : List.of("certflow.base-url", "certflow.deadlines.payment-deadline", "certflow.mail.from",
                "certflow.session.encryption-key", "certflow.pickup.max-pickups", "certflow.jobs.retry-cycle",
                "certflow.node-id", "certflow.audit.verify-interval", "certflow.pki.keystore-password",
                "certflow.pki.key-size", "certflow.pki.policy-oid", "certflow.pki.crl-publication-cycle",
                "certflow.contact.office", "certflow.contact.phone", "certflow.contact.mail", "certflow.contact.hours",
                "certflow.deadlines.review-follow-up", "certflow.renewal.licence-image", "certflow.renewal.link-grace",
                "certflow.deadlines.refund", "certflow.deadlines.revocation-approval",
                "certflow.deadlines.key-compromise-revocation", "certflow.privacy.notice-version",
                "certflow.privacy.notice")) {
            assertThat(properties).containsKey(key);
            assertThat(properties.get(key).path("description").asText()).as(key).isNotBlank();
        }
        assertThat(properties.get("certflow.deadlines.payment-deadline").path("defaultValue").asText())
                .isEqualTo("P30D");
        assertThat(properties.get("certflow.pki.crl-publication-cycle").path("defaultValue").asText())
                .isEqualTo("R/PT12H");
        assertThat(properties.get("certflow.renewal.licence-image").path("defaultValue").asText())
                .isEqualTo("WHEN_CHANGED");
        assertThat(properties).doesNotContainKey("certflow.mail.service-name");
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run();
    }
}
