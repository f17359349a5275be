package org.certflow.portal;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Locale;

import org.certflow.ServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * While the database cannot be reached (restarted, failed over, network gone) every request fails somewhere: in a
 * controller, in Camunda, or in the session store before or after any controller ran, and Tomcat's error page then
 * fails the same way. The outermost filter answers such a request with a 503 page in Japanese and a Retry-After,
 * logs one line instead of a stack trace, and lets every other failure through. Nothing of the request was stored:
 * whatever it changed rolled back with the transaction that could not commit.
 */
@Component
class DatabaseUnavailable extends OncePerRequestFilter implements Ordered {

    static final String VIEW = "portal/unavailable";
    static final String RETRY_AFTER_SECONDS = "30";

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

    private final ITemplateEngine templates;
    private final ServiceProperties service;

    DatabaseUnavailable(ITemplateEngine templates, ServiceProperties service) {
        this.templates = templates;
        this.service = service;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * Whether the failure is the database being out of reach, not a fault of the request or of certflow: no
     * connection within the pool's wait, a connection refused or broken, or the server shutting down or still
     * recovering (SQL states of class 08 and 57P01 to 57P03).
     */
    static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException failure) {
            if (!causedBy(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn("Database unreachable: answered {} {} with 503 ({})", request.getMethod(),
                    request.getRequestURI(), rootMessage(failure));
            answer(request, response);
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        // the security chain writes its headers when the response commits, which this one never did through it
        response.setHeader("Content-Security-Policy", PortalSecurityConfig.CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        WebContext page = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
                .buildExchange(request, response), Locale.JAPANESE, Map.of("service", service));
        templates.process(VIEW, page, response.getWriter());
        response.flushBuffer();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
