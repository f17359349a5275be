package org.certflow.session;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
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
 * written with an upsert: Tasklist sends several requests of one session at once. Camunda's webapps get the two
 * changes that sessions outside the node's memory need ({@link SessionBoundCsrfPreventionFilter},
 * {@link CamundaLogoutEndsSession}).
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

    /** The name under which Camunda registers its CSRF filter; Camunda leaves out its own when the name is taken. */
    private static final String CAMUNDA_CSRF_FILTER = "CsrfPreventionFilter";

    /** H2's upsert; PostgreSQL gets Spring Session's own {@code ON CONFLICT} statement. */
    private static final String H2_CREATE_SESSION_ATTRIBUTE = """
            MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
            KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)
            """;

    @Bean
    SessionSecrets sessionSecrets(SessionProperties properties) {
        return SessionSecrets.from(properties);
    }

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> encryptedSessionAttributes(SessionSecrets secrets) {
        return repository -> repository.setConversionService(new EncryptedSessionAttributes(secrets.attributeKey(),
                SessionStoreConfiguration.class.getClassLoader()));
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

    /** Registered before Camunda's webapp initializer runs (any order comes before its unordered one). */
    @Bean
    FilterRegistrationBean<SessionBoundCsrfPreventionFilter> camundaCsrfFilter(SessionSecrets secrets,
                                                                              CamundaBpmProperties camunda) {
        String webapps = camunda.getWebapp().getApplicationPath();
        FilterRegistrationBean<SessionBoundCsrfPreventionFilter> registration =
                new FilterRegistrationBean<>(new SessionBoundCsrfPreventionFilter(secrets));
        registration.setName(CAMUNDA_CSRF_FILTER);
        registration.setInitParameters(camunda.getWebapp().getCsrf().getInitParams());
        registration.addUrlPatterns(webapps + "/api/*", webapps + "/app/*");
        registration.setOrder(0);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CamundaLogoutEndsSession> camundaLogoutEndsSession(CamundaBpmProperties camunda) {
        FilterRegistrationBean<CamundaLogoutEndsSession> registration =
                new FilterRegistrationBean<>(new CamundaLogoutEndsSession());
        registration.addUrlPatterns(camunda.getWebapp().getApplicationPath() + "/api/admin/auth/user/*");
        registration.setOrder(0);
        return registration;
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
