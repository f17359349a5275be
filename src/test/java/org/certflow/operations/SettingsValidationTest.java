package org.certflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.time.MonthDay;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.certflow.application.DataProtectionProperties;
import org.certflow.application.LicenceImageProperties;
import org.certflow.billing.BillingProperties;
import org.certflow.billing.records.TaxRecordProperties;
import org.certflow.certificate.PickupLimit;
import org.certflow.certificate.cmp.CmpProperties;
import org.certflow.certificate.renewal.RenewalProperties;
import org.certflow.mail.MailProperties;
import org.certflow.pki.PkiSettings;
import org.certflow.portal.ProvisionalApplicationLimits;
import org.certflow.privacy.PrivacyProperties;
import org.certflow.process.JobProperties;
import org.certflow.process.NodeProperties;
import org.certflow.retention.MonthDayConverter;
import org.certflow.retention.RetentionProperties;
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
import org.springframework.context.annotation.Import;

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
            AuditProperties.class, PkiSettings.class, RenewalProperties.class, RetentionProperties.class,
            TaxRecordProperties.class, DataProtectionProperties.class, PrivacyProperties.class,
            CmpProperties.class})
    @Import(MonthDayConverter.class)
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
            "certflow.retention.licence-image              | P0D               | must be a positive period",
            "certflow.retention.tax-records                | -P7Y              | must be a positive period",
            "certflow.retention.business-year-end          | 03-31             | failed to convert",
            "certflow.billing.tax-records.page-size        | 0                 | must be greater than or equal to 1",
            "certflow.billing.tax-records.max-export-period | P0D              | must be a positive period",
            "certflow.billing.tax-records.verify-interval  | PT1S              | must be longer than or equal to 1 minute",
            "certflow.data-protection.reencryption-batch-size | 0              | must be greater than or equal to 1",
            "certflow.privacy.notice-version               | 2026 Dec          | must be 1 to 32 letters, digits, dots or hyphens",
            "certflow.privacy.notice                       | ' '               | must not be blank",
            "certflow.pki.cmp.validity-years               | 3                 | must be less than or equal to 2",
            "certflow.pki.cmp.max-message-bytes            | 100               | must be greater than or equal to 4096",
            "certflow.pki.cmp.reference                    | ''                | size must be between 1 and 128",
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
    void malformedDataProtectionKeysAreNamedButNotShown(CapturedOutput output) {
        String almostTheKey = "q3XbQ7m1c8o2Yf4GgS0yZk9wR5uJt6HnVdLpE1aB2c=";
        String goodKey = "kfC0Vs0YHq7b0jN1t3kG6y1lJx9m8W2qM3p4aRzS5uE=";

        assertThat(catchThrowable(() -> start("certflow.data-protection.keys=k1:" + almostTheKey,
                "certflow.data-protection.current-key=k1").close())).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("certflow.data-protection.keys (environment variable CERTFLOW_DATA_PROTECTION_KEYS in "
                        + "production) must be comma-separated entries id:key")
                .doesNotContain(almostTheKey);

        assertThat(catchThrowable(() -> start("certflow.data-protection.keys=k1:" + goodKey,
                "certflow.data-protection.current-key=k2").close())).isNotNull();
        assertThat(output.getOut())
                .contains("certflow.data-protection.current-key (environment variable "
                        + "CERTFLOW_DATA_PROTECTION_CURRENT_KEY in production) must name one of the keys in "
                        + "certflow.data-protection.keys")
                .doesNotContain(goodKey);
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
    void theCmpEndpointNeedsAProtectionAndAShortSecretIsNamedButNotShown(CapturedOutput output) {
        assertThat(catchThrowable(() -> start("certflow.pki.cmp.enabled=true").close())).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("certflow.pki.cmp.enabled needs certflow.pki.cmp.shared-secret or"
                        + " certflow.pki.cmp.ra-certificates");

        String secret = "short-secret";
        assertThat(catchThrowable(() -> start("certflow.pki.cmp.shared-secret=" + secret).close())).isNotNull();
        assertThat(output.getOut()).contains("certflow.pki.cmp.shared-secret must have at least 16 characters")
                .doesNotContain(secret);

        assertThat(catchThrowable(() -> start("certflow.pki.cmp.ra-certificates=/nonexistent/ra.pem").close()))
                .isNotNull();
        assertThat(output.getOut())
                .contains("every file of certflow.pki.cmp.ra-certificates must exist and be readable");
    }

    @Test
    void theDefaultsAreValid() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBean(DeadlineProperties.class).pickupWindow().getDays()).isEqualTo(30);
            assertThat(context.getBean(ServiceProperties.class).contact().mail()).isEqualTo("jcan-secretariat@mcci.or.jp");
            assertThat(context.getBean(RetentionProperties.class).businessYearEnd()).isEqualTo(MonthDay.of(3, 31));
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
                "certflow.deadlines.key-compromise-revocation", "certflow.retention.licence-image",
                "certflow.retention.personal-data", "certflow.retention.tax-records",
                "certflow.retention.business-year-end", "certflow.retention.filing-period",
                "certflow.billing.tax-records.page-size", "certflow.billing.tax-records.max-export-period",
                "certflow.billing.tax-records.verify-interval",
                "certflow.data-protection.keys", "certflow.data-protection.current-key",
                "certflow.data-protection.reencryption-interval",
                "certflow.privacy.notice-version", "certflow.privacy.notice", "certflow.pki.cmp.enabled",
                "certflow.pki.cmp.shared-secret", "certflow.pki.cmp.reference", "certflow.pki.cmp.ra-certificates",
                "certflow.pki.cmp.validity-years", "certflow.pki.cmp.max-message-bytes",
                "certflow.mail.signing.keystore", "certflow.mail.signing.keystore-password",
                "certflow.mail.signing.alias")) {
            assertThat(properties).containsKey(key);
            assertThat(properties.get(key).path("description").asText()).as(key).isNotBlank();
        }
        assertThat(properties.get("certflow.deadlines.payment-deadline").path("defaultValue").asText())
                .isEqualTo("P30D");
        assertThat(properties.get("certflow.pki.crl-publication-cycle").path("defaultValue").asText())
                .isEqualTo("R/PT12H");
        assertThat(properties.get("certflow.renewal.licence-image").path("defaultValue").asText())
                .isEqualTo("WHEN_CHANGED");
        assertThat(properties.get("certflow.retention.tax-records").path("defaultValue").asText()).isEqualTo("P7Y");
        assertThat(properties).doesNotContainKey("certflow.mail.service-name");
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run();
    }
}
