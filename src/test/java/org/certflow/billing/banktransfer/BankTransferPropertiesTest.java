package org.certflow.billing.banktransfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The upload limit defaults to 1 MB, reads sizes as operators write them, and never refuses every file. */
class BankTransferPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BankTransferProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void defaultsToOneMegabyteAndReadsSizes() {
        runner.run(context -> assertThat(context.getBean(BankTransferProperties.class).maxFileSize().toBytes())
                .isEqualTo(1024 * 1024));
        runner.withPropertyValues("certflow.billing.bank-transfer.max-file-size=200KB")
                .run(context -> assertThat(context.getBean(BankTransferProperties.class).maxFileSize().toBytes())
                        .isEqualTo(200 * 1024));
    }

    @Test
    void aLimitBelowOneRecordStopsTheStart() {
        runner.withPropertyValues("certflow.billing.bank-transfer.max-file-size=100B").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("certflow.billing.bank-transfer")
                        .hasStackTraceContaining("must be at least 200 bytes"));
    }
}
