package org.certflow.portal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.certflow.application.Application;
import org.certflow.certificate.renewal.Renewals;
import org.certflow.privacy.PrivacyNotice;
import org.certflow.service.DeadlineProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The renewal link of the expiry notices. Opened with GET it only shows which certificate it renews (mail scanners
 * fetch links); the button uses it once: a new application filled in from the old one opens in the main
 * application form, where the applicant changes what changed and goes on as after a one-time link.
 */
@Controller
class RenewalController {

    private static final DateTimeFormatter JAPANESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final Renewals renewals;
    private final ApplicantSubmissions submissions;
    private final DeadlineProperties deadlines;
    private final PrivacyNotice privacyNotice;

    RenewalController(Renewals renewals, ApplicantSubmissions submissions, DeadlineProperties deadlines,
                      PrivacyNotice privacyNotice) {
        this.privacyNotice = privacyNotice;
        this.renewals = renewals;
        this.submissions = submissions;
        this.deadlines = deadlines;
    }

    /** A day as applicants read it, in the zone of business dates. */
    private String day(Instant instant) {
        return instant.atZone(deadlines.zone()).format(JAPANESE_DATE);
    }

    @GetMapping("/renewal/{token}")
    String landing(@PathVariable String token, Model model, HttpServletResponse response) {
        return show(token, false, false, model, response);
    }

    @PostMapping("/renewal/{token}")
    String start(@PathVariable String token,
                 @RequestParam(name = "obligationsAccepted", defaultValue = "false") boolean obligationsAccepted,
                 @RequestParam(name = "privacyNoticeAccepted", defaultValue = "false") boolean privacyNoticeAccepted,
                 Model model, HttpServletRequest request, HttpServletResponse response) {
        if (!obligationsAccepted || !privacyNoticeAccepted) {
            return show(token, !obligationsAccepted, !privacyNoticeAccepted, model, response);
        }
        Optional<Application> renewal = submissions.renew(token);
        if (renewal.isEmpty()) {
            return linkInvalid(response);
        }
        PortalSession.openApplication(request, renewal.get().id());
        return "redirect:/application";
    }

    private String show(String token, boolean obligationsMissing, boolean privacyNoticeMissing, Model model,
                        HttpServletResponse response) {
        Optional<Renewals.Offer> offer = renewals.offer(token);
        if (offer.isEmpty()) {
            return linkInvalid(response);
        }
        model.addAttribute("token", token);
        model.addAttribute("serialNumber", offer.get().certificate().serialNumber());
        model.addAttribute("notAfter", day(offer.get().certificate().notAfter()));
        model.addAttribute("obligationsVersion", ApplicantSubmissions.OBLIGATIONS_VERSION);
        model.addAttribute("obligationsMissing", obligationsMissing);
        model.addAttribute("privacyNoticeVersion", privacyNotice.version());
        model.addAttribute("privacyNoticeMissing", privacyNoticeMissing);
        return "portal/renewal-landing";
    }

    /** Used, lapsed, made up, or its certificate revoked or renewed already: one clear page, with 410 Gone. */
    private static String linkInvalid(HttpServletResponse response) {
        response.setStatus(HttpStatus.GONE.value());
        return "portal/renewal-invalid";
    }
}
