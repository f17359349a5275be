package org.certflow.session;

import java.security.SecureRandom;
import java.sql.DatabaseMetaData;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * HTTP sessions in the database (Spring Session JDBC, tables from Flyway), so a load balancer may send each request
 * of an applicant or a staff member to any node. Attributes are encrypted ({@link EncryptedSessionAttributes}), and
 * written with an upsert: Tasklist sends several requests of one session at once.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SessionStoreConfiguration.class);

    /** H2's upsert; PostgreSQL gets Spring Session's own {@code ON CONFLICT} statement. */
    private static final String H2_CREATE_SESSION_ATTRIBUTE = """
            MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
            KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)
            """;

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> encryptedSessionAttributes(SessionProperties properties) {
        SecretKey key = new SecretKeySpec(properties.hasEncryptionKey() ? properties.encryptionKeyBytes() : newKey(),
                "AES");
        return repository -> repository.setConversionService(
                new EncryptedSessionAttributes(key, SessionStoreConfiguration.class.getClassLoader()));
    }

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionAttributeUpsert(DataSource dataSource) {
        String database = databaseName(dataSource);
        if ("PostgreSQL".equals(database)) {
            return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
        }
        if ("H2".equals(database)) {
            return repository -> repository.setCreateSessionAttributeQuery(H2_CREATE_SESSION_ATTRIBUTE);
        }
        return repository -> { };
    }

    private static byte[] newKey() {
        log.info("No certflow.session.encryption-key set: sessions are encrypted with a key made for this start "
                + "and end when it stops. Several nodes need one shared key.");
        byte[] key = new byte[SessionProperties.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String databaseName(DataSource dataSource) {
        try {
            return JdbcUtils.commonDatabaseName(
                    JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException unknown) {
            return "";
        }
    }
}
