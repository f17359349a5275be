package org.certflow.operations;

import org.certflow.application.ApplicationStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauge {@code certflow.applications} by status: how many applications wait where, read from the database at
 * each scrape, so every node reports the same numbers.
 */
@Component
class ApplicationMetrics implements MeterBinder {

    private final JdbcClient jdbc;

    ApplicationMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ApplicationStatus status : ApplicationStatus.values()) {
            Gauge.builder("certflow.applications", () -> count(status))
                    .tag("status", status.name())
                    .description("Applications in this status")
                    .register(registry);
        }
    }

    private long count(ApplicationStatus status) {
        return jdbc.sql("select count(*) from application where status = :status")
                .param("status", status.name()).query(Long.class).single();
    }
}
