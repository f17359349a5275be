package org.certflow.portal;

import java.io.IOException;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Takes a multipart body apart before Spring Security looks for its CSRF token. Tomcat records most parse
 * failures and the portal answers them with a page; a few (a file name with a NUL byte) escape as exceptions
 * from the first parameter lookup instead, which would end as a 500 with a stack trace in the log. Those get
 * the page for an unreadable form, with 400.
 */
@Component
class UnreadableUploadFilter extends OncePerRequestFilter implements Ordered {

    static final String PATH = "/upload-unreadable";

    @Override
    public int getOrder() {
        return SecurityProperties.DEFAULT_FILTER_ORDER - 1;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        String path = request.getRequestURI();
        // Camunda's REST API and webapps read their (deployment) uploads from the stream themselves
        return contentType == null || !contentType.regionMatches(true, 0, "multipart/", 0, "multipart/".length())
                || path.startsWith("/engine-rest/") || path.startsWith("/camunda/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParts();
        } catch (IllegalStateException | IOException | ServletException recorded) {
            // too large, too many parts, no boundary: recorded by Tomcat and answered by the portal's pages
        } catch (RuntimeException unreadable) {
            request.getRequestDispatcher(PATH).forward(new WithoutBody(request), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The refused request as a plain GET, so that nothing on the way to the page reads its body again. */
    private static final class WithoutBody extends HttpServletRequestWrapper {

        WithoutBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }
    }

    @Controller
    static class UnreadableUploadPage {

        @GetMapping(PATH)
        @ResponseStatus(HttpStatus.BAD_REQUEST)
        String unreadable() {
            return "portal/upload-unreadable";
        }
    }
}
