package org.certflow.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;

import org.certflow.service.ServiceProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The page a request gets while the database is out of reach, wherever the request failed: 503 in Japanese with a
 * Retry-After, no trace of the exception. {@code PostgresRestartFaultIT} sends real requests to a node whose
 * PostgreSQL was killed; this runs in every build.
 */
class DatabaseUnavailableFilterTest {

    private final DatabaseUnavailableFilter filter = new DatabaseUnavailableFilter(templates(),
            new ServiceProperties("MCCI電子証明書サービス", "松本商工会議所", "http://localhost:8080",
                    new ServiceProperties.Contact("松本商工会議所 電子証明書窓口", "0263-99-0001", "help@example.jp",
                            "平日 10:00〜16:00")));

    @Test
    void theSessionStoreOutOfReachAnswers503InJapanese() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/apply");
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.getWriter().write("half a page");

        filter.doFilter(request, response, (req, res) -> {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                    new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"
                            + " after 30000ms"));
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("30");
        String page = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("ただいまご利用いただけません", "しばらくしてから再度お試しください", "松本商工会議所")
                .as("whom to call while the service is down")
                .contains("松本商工会議所 電子証明書窓口", "0263-99-0001", "help@example.jp", "平日 10:00〜16:00")
                .doesNotContain("half a page", "Exception", "HikariPool", "JDBC");
    }

    @Test
    void everyOtherFailureGoesOnAsBefore() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThatThrownBy(() -> filter.doFilter(request, response, (req, res) -> {
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private static SpringTemplateEngine templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
