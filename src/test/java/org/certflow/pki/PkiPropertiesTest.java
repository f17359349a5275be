package org.certflow.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PkiPropertiesTest {

    @Test
    void defaults() {
        PkiProperties properties = bind(Map.of());
        assertThat(properties.directory().normalize()).isEqualTo(Path.of("./data/pki").normalize());
        assertThat(properties.keystorePassword()).isEqualTo("certflow-dev-only");
        assertThat(properties.organization()).isEqualTo("Matsumoto Chamber of Commerce and Industry");
        assertThat(properties.mailSenderAddress()).isEqualTo("jcan-secretariat@mcci.or.jp");
        assertThat(properties.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(properties.policyOid()).isEqualTo("1.3.6.1.4.1.99999.1.1");
        assertThat(properties.keySize()).isEqualTo(2048);
        assertThat(properties.toString()).doesNotContain("certflow-dev-only");
    }

    @Test
    void overridesAndValidation() {
        PkiProperties properties = bind(Map.of(
                "certflow.pki.directory", "/var/lib/certflow/pki",
                "certflow.pki.base-url", "https://certs.example.jp/",
                "certflow.pki.key-size", "3072"));
        assertThat(properties.directory()).isEqualTo(Path.of("/var/lib/certflow/pki"));
        assertThat(properties.baseUrl()).isEqualTo("https://certs.example.jp");
        assertThat(properties.keySize()).isEqualTo(3072);

        assertThatThrownBy(() -> bind(Map.of("certflow.pki.key-size", "1024"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("certflow.pki.policy-oid", "not-an-oid")))
                .isInstanceOf(BindException.class);
    }

    private static PkiProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("certflow.pki", PkiProperties.class);
    }
}
