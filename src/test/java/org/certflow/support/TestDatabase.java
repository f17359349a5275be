package org.certflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The database of the tests: H2 in memory, or — when the build runs the suite a second time with
 * {@code -Dcertflow.test.database=postgresql} — one real PostgreSQL 16 per test JVM, started from the binaries
 * Maven brought, so a fresh machine needs nothing installed.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String SWITCH = "certflow.test.database";
    private static EmbeddedPostgres postgres;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!"postgresql".equals(System.getProperty(SWITCH))) {
            return;
        }
        EmbeddedPostgres database = postgres();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("certflow-test-postgresql", Map.of(
                "spring.datasource.url", database.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "")));
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM ends anyway
                }
            }));
        }
        return postgres;
    }
}
