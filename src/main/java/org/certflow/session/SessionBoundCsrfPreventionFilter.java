package org.certflow.session;

import java.util.HexFormat;

import org.camunda.bpm.webapp.impl.security.filter.CsrfPreventionFilter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Camunda's CSRF protection for its webapps, with the token derived from the session id instead of drawn at random.
 * Camunda makes a token when a session has none and relies on a lock in the session object to make only one;
 * with sessions in the database every request has its own copy, so Tasklist's parallel requests after a login would
 * each make one, and the browser could keep another token than the database, which ends the session at the next
 * POST. A token derived from the session id is the same in every request and on every node, and new at each login
 * (the login gives a new session id).
 */
class SessionBoundCsrfPreventionFilter extends CsrfPreventionFilter {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final SessionSecrets secrets;
    private final ThreadLocal<String> sessionId = new ThreadLocal<>();

    SessionBoundCsrfPreventionFilter(SessionSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    protected void setCSRFToken(HttpServletRequest request, HttpServletResponse response) {
        sessionId.set(request.getSession().getId());
        try {
            super.setCSRFToken(request, response);
        } finally {
            sessionId.remove();
        }
    }

    @Override
    protected String generateCSRFToken() {
        // 128 bits, as many as Camunda's random token has
        return HEX.formatHex(secrets.tokenFor(sessionId.get()), 0, 16);
    }
}
