package org.certflow.operations;

import java.util.LinkedHashSet;
import java.util.Set;

import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.application.DataProtectionKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauge {@code certflow.applications} by status: how many applications wait where, read from the database at
 * each scrape, so every node reports the same numbers. Gauge {@code certflow.licence.images} by the data protection
 * key each image is encrypted with ({@code key="none"}: stored in plain before encryption): a key whose count is 0
 * may leave the settings.
 */
@Component
class ApplicationMetrics implements MeterBinder {

    static final String PLAIN = "none";

    private final JdbcClient jdbc;
    private final ApplicationRepository applications;
    private final DataProtectionKeys keys;

    ApplicationMetrics(JdbcClient jdbc, ApplicationRepository applications, DataProtectionKeys keys) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.keys = keys;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ApplicationStatus status : ApplicationStatus.values()) {
            Gauge.builder("certflow.applications", () -> count(status))
                    .tag("status", status.name())
                    .description("Applications in this status")
                    .register(registry);
        }
        Set<String> keyIds = new LinkedHashSet<>(keys.keyIds());
        keyIds.add(PLAIN);
        for (String keyId : keyIds) {
            Gauge.builder("certflow.licence.images", () -> applications.licenceImagesByKey()
                            .getOrDefault(PLAIN.equals(keyId) ? null : keyId, 0L))
                    .tag("key", keyId)
                    .description("Licence images encrypted with this data protection key (none: not encrypted yet)")
                    .register(registry);
        }
    }

    private long count(ApplicationStatus status) {
        return jdbc.sql("select count(*) from application where status = :status")
                .param("status", status.name()).query(Long.class).single();
    }
}
