package org.certflow.portal;

import java.util.Optional;

import org.certflow.certificate.PickupPasswords;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * What an applicant's session holds: which application it opened through a one-time link (or which it
 * logged into for pickup), and the pickup password of the distribution letter until the application is sent.
 * Sessions are shared by the nodes through the database, encrypted ({@code org.certflow.session}); apart from that
 * the password is kept nowhere, and the application gets only its hash, at submission.
 */
final class PortalSession {

    private static final String APPLICATION_ID = "certflow.applicationId";
    private static final String PICKUP_PASSWORD = "certflow.pickupPassword";
    private static final String LETTER_DOWNLOADED = "certflow.letterDownloaded";
    private static final String PICKUP_APPLICATION_ID = "certflow.pickupApplicationId";
    private static final String STATUS_APPLICATION_ID = "certflow.statusApplicationId";

    private PortalSession() {
    }

    /**
     * Logs the applicant in: a new session id, so a planted one is worth nothing. The letter's password is drawn
     * here, once: two downloads of the letter at the same time (a double click, on two nodes) must not each draw
     * one, or the letter kept could hold another password than the one stored at submission.
     */
    static void openApplication(HttpServletRequest request, long applicationId) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        clear(session);
        session.setAttribute(APPLICATION_ID, applicationId);
        session.setAttribute(PICKUP_PASSWORD, PickupPasswords.generate());
    }

    static Optional<Long> applicationId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((Long) session.getAttribute(APPLICATION_ID));
    }

    static Optional<String> pickupPassword(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute(PICKUP_PASSWORD));
    }

    static void markLetterDownloaded(HttpServletRequest request) {
        request.getSession().setAttribute(LETTER_DOWNLOADED, Boolean.TRUE);
    }

    static boolean letterDownloaded(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(LETTER_DOWNLOADED))
                && session.getAttribute(PICKUP_PASSWORD) != null;
    }

    static Optional<String> downloadedPickupPassword(HttpServletRequest request) {
        return letterDownloaded(request)
                ? Optional.of((String) request.getSession().getAttribute(PICKUP_PASSWORD))
                : Optional.empty();
    }

    static void closeApplication(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            clear(session);
        }
    }

    static void openPickup(HttpServletRequest request, long applicationId) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        clear(session);
        session.setAttribute(PICKUP_APPLICATION_ID, applicationId);
    }

    static Optional<Long> pickupApplicationId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty()
                : Optional.ofNullable((Long) session.getAttribute(PICKUP_APPLICATION_ID));
    }

    /**
     * Opens the status page of one application, and of no other: a new session id, whatever else the session held
     * (a main application being filled in) stays.
     */
    static void openStatus(HttpServletRequest request, long applicationId) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session.setAttribute(STATUS_APPLICATION_ID, applicationId);
    }

    static Optional<Long> statusApplicationId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty()
                : Optional.ofNullable((Long) session.getAttribute(STATUS_APPLICATION_ID));
    }

    private static void clear(HttpSession session) {
        session.removeAttribute(APPLICATION_ID);
        session.removeAttribute(PICKUP_PASSWORD);
        session.removeAttribute(LETTER_DOWNLOADED);
        session.removeAttribute(PICKUP_APPLICATION_ID);
        session.removeAttribute(STATUS_APPLICATION_ID);
    }
}
