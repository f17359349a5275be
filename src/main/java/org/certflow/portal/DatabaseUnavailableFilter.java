package org.certflow.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.certflow.service.DatabaseOutage;
import org.certflow.service.ServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
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
 * logs one line instead of a stack trace, and lets every other failure through. What the request changed rolled
 * back with the transaction that could not commit; a step committed just before the database went away stands, and
 * its mail follows, which is why the page points to the mail.
 */
@Component
class DatabaseUnavailableFilter extends OncePerRequestFilter implements Ordered {

    static final String VIEW = "portal/unavailable";
    static final String RETRY_AFTER_SECONDS = "30";

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ITemplateEngine templates;
    private final ServiceProperties service;

    DatabaseUnavailableFilter(ITemplateEngine templates, ServiceProperties service) {
        this.templates = templates;
        this.service = service;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException failure) {
            if (!DatabaseOutage.explains(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn("Database unreachable: answered {} {} with 503 ({})", request.getMethod(),
                    request.getRequestURI(), NestedExceptionUtils.getMostSpecificCause(failure).toString());
            answer(request, response);
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.reset();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        // the security chain's headers went with the reset (or were never written: it writes them on commit)
        response.setHeader("Content-Security-Policy", PortalSecurityConfig.CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        WebContext page = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
                .buildExchange(request, response), Locale.JAPANESE, Map.of("service", service));
        // as bytes: a writer the failed page took kept the encoding it was taken with
        response.getOutputStream().write(templates.process(VIEW, page).getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
    }
}
