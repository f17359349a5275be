package org.certflow.session;

import java.io.IOException;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * A logout from Camunda's webapps ends the whole session. Camunda only removes the login from the session's
 * authentications, and each request writes its own copy of them back when it ends: with sessions in the database, a
 * Tasklist request that overlaps the logout would write the login back. A session that is gone cannot be written
 * back (Spring Session drops the attributes of a deleted session).
 */
class CamundaLogoutEndsSession extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().endsWith("/logout");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        HttpSession session = request.getSession(false);
        if (session != null && response.getStatus() < 300) {
            session.invalidate();
        }
    }
}
