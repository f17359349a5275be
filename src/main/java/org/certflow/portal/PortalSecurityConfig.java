package org.certflow.portal;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.expression.WebExpressionAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The public portal is anonymous but guarded: CSRF tokens on every form, a strict Content-Security-Policy
 * (no inline script or style), no framing, no referrer (pages carry tokens in their URLs).
 * Camunda's webapps and REST API keep their own authentication and CSRF protection, so this chain
 * leaves them alone.
 */
@Configuration
class PortalSecurityConfig {

    /** The separate port of the management endpoints (production), or -1 when they share the web port. */
    private final int managementPort;

    PortalSecurityConfig(ManagementServerProperties management, ServerProperties server) {
        Integer managementPort = management.getPort();
        int serverPort = server.getPort() == null ? 8080 : server.getPort();
        // a management port equal to the web port is no port of its own: the public reaches it too
        this.managementPort = managementPort == null || managementPort == serverPort ? -1 : managementPort;
    }

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /**
     * OCSP clients (Windows among them) send GET requests whose base64 holds URL-encoded slashes, two in a row
     * now and then, which Tomcat passes through still encoded; the firewall lets those through and keeps every
     * other check. No handler here reads files by path, so an encoded slash or percent sign cannot reach anything
     * it should not.
     */
    @Bean
    WebSecurityCustomizer allowEncodedSlashForOcsp() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedDoubleSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    @Order(1)
    SecurityFilterChain camundaChain(HttpSecurity http) throws Exception {
        // plain path patterns: Camunda's REST API and webapps are not served by Spring MVC's dispatcher
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(new OrRequestMatcher(paths.matcher("/camunda/**"), paths.matcher("/engine-rest/**"),
                        paths.matcher("/staff/api/**"), paths.matcher("/actuator/**"),
                        // OCSP clients POST without cookies or CSRF tokens; the answer is public and signed
                        paths.matcher("/pki/ocsp"), paths.matcher("/pki/ocsp/**"),
                        // CMP clients neither: each message carries its own protection (MAC or RA signature)
                        paths.matcher("/pki/cmp")))
                .authorizeHttpRequests(requests -> requests
                        // Camunda's set-up page makes anybody an administrator while the camunda-admin group is
                        // empty; administrators come from the settings (camunda.bpm.admin-user) or from Admin
                        .requestMatchers(paths.matcher("/camunda/api/admin/setup/**")).denyAll()
                        .requestMatchers(paths.matcher("/actuator/health"), paths.matcher("/actuator/health/**"))
                        .permitAll()
                        // metrics and the rest: the machine itself, or the internal management port
                        .requestMatchers(paths.matcher("/actuator/**")).access((authentication, context) ->
                                new AuthorizationDecision(isLoopback(context.getRequest())
                                        || context.getRequest().getLocalPort() == managementPort))
                        .anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain portalChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        // the dev mailbox shows every applicant's links: only for the machine it runs on
                        .requestMatchers("/dev/**").access(new WebExpressionAuthorizationManager(
                                "hasIpAddress('127.0.0.1') or hasIpAddress('::1')"))
                        .anyRequest().permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()))
                .exceptionHandling(errors -> errors.accessDeniedPage(FormExpiredController.PATH))
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    private static boolean isLoopback(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }
}
