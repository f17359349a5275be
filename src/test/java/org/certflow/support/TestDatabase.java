package org.certflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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

    /**
     * A JDBC URL of a fresh, empty database of its own: in the embedded PostgreSQL when the suite runs on it,
     * else an in-memory H2.
     */
    public static String freshDatabaseUrl(String name) {
        if (!"postgresql".equals(System.getProperty(SWITCH))) {
            return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000";
        }
        EmbeddedPostgres database = postgres();
        try (Connection connection = database.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name.replace('-', '_'));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return database.getJdbcUrl("postgres", name.replace('-', '_'));
    }

    /** Whether this run of the suite is the one on PostgreSQL. */
    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty(SWITCH));
    }

    /** The user of the databases {@link #freshDatabaseUrl} gives. */
    public static String username() {
        return "postgresql".equals(System.getProperty(SWITCH)) ? "postgres" : "sa";
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
