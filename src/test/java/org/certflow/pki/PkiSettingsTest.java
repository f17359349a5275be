package org.certflow.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

class PkiSettingsTest {

    @Test
    void defaults() {
        PkiSettings settings = bind(Map.of());
        assertThat(settings.directory().normalize()).isEqualTo(Path.of("./data/pki").normalize());
        assertThat(settings.keystorePassword()).isEqualTo(PkiSettings.DEVELOPMENT_KEYSTORE_PASSWORD);
        assertThat(settings.hasDevelopmentKeystorePassword()).isTrue();
        assertThat(settings.organization()).isEqualTo("Matsumoto Chamber of Commerce and Industry");
        assertThat(settings.policyOid()).isEqualTo(PkiSettings.EXAMPLE_POLICY_OID);
        assertThat(settings.keySize()).isEqualTo(2048);
        assertThat(settings.generateMissing()).isTrue();
        assertThat(settings.crlPublicationCycle()).isEqualTo("R/PT12H");
        assertThat(settings.toString()).doesNotContain(PkiSettings.DEVELOPMENT_KEYSTORE_PASSWORD);
    }

    @Test
    void overridesAndValidation() {
        PkiSettings settings = bind(Map.of(
                "certflow.pki.directory", "/var/lib/certflow/pki",
                "certflow.pki.key-size", "3072",
                "certflow.pki.crl-publication-cycle", "R/PT6H"));
        assertThat(settings.directory()).isEqualTo(Path.of("/var/lib/certflow/pki"));
        assertThat(settings.keySize()).isEqualTo(3072);
        assertThat(settings.crlPublicationCycle()).isEqualTo("R/PT6H");

        assertThatThrownBy(() -> bind(Map.of("certflow.pki.key-size", "1024"))).isInstanceOf(BindException.class)
                .hasStackTraceContaining("certflow.pki.key-size");
        assertThatThrownBy(() -> bind(Map.of("certflow.pki.policy-oid", "not-an-oid")))
                .isInstanceOf(BindException.class).hasStackTraceContaining("certflow.pki.policy-oid");
    }

    private static PkiSettings bind(Map<String, String> values) {
        try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
            validator.afterPropertiesSet();
            return new Binder(new MapConfigurationPropertySource(values))
                    .bindOrCreate("certflow.pki", Bindable.of(PkiSettings.class), new ValidationBindHandler(validator));
        }
    }
}
