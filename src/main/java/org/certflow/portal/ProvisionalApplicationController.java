package org.certflow.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.certflow.application.EmailAddresses;
import org.certflow.application.Qualification;
import org.certflow.privacy.PrivacyNotice;
import org.certflow.service.DeadlineProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Step 0 and 1 of the seed: the obligations and the provisional application. */
@Controller
class ProvisionalApplicationController {


    private final ApplicantSubmissions submissions;
    private final ProvisionalApplicationThrottle throttle;
    private final DeadlineProperties deadlines;
    private final PrivacyNotice privacyNotice;
    private final Clock clock;
    private final RootTrust rootTrust;

    ProvisionalApplicationController(ApplicantSubmissions submissions, ProvisionalApplicationThrottle throttle,
                                     DeadlineProperties deadlines, PrivacyNotice privacyNotice, Clock clock,
                                     RootTrust rootTrust) {
        this.rootTrust = rootTrust;
        this.submissions = submissions;
        this.throttle = throttle;
        this.deadlines = deadlines;
        this.privacyNotice = privacyNotice;
        this.clock = clock;
    }

    @ModelAttribute("qualifications")
    Qualification[] qualifications() {
        return Qualification.values();
    }

    @ModelAttribute("obligationsVersion")
    String obligationsVersion() {
        return ApplicantSubmissions.OBLIGATIONS_VERSION;
    }

    @ModelAttribute("privacyNoticeVersion")
    String privacyNoticeVersion() {
        return privacyNotice.version();
    }

    @GetMapping("/")
    String start(Model model) {
        model.addAttribute("form", new ProvisionalApplicationForm());
        return "portal/start";
    }

    @PostMapping("/apply")
    String apply(@ModelAttribute("form") ProvisionalApplicationForm form, BindingResult errors,
                 RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response, Model model) {
        form.setEmail(EmailAddresses.normalize(form.getEmail()));
        form.setEmailConfirmation(EmailAddresses.normalize(form.getEmailConfirmation()));
        if (!form.isObligationsAccepted()) {
            errors.rejectValue("obligationsAccepted", "obligations.required");
        }
        if (!form.isPrivacyNoticeAccepted()) {
            errors.rejectValue("privacyNoticeAccepted", "privacyNotice.required");
        }
        if (form.getEmail().isEmpty()) {
            errors.rejectValue("email", "required");
        } else if (!EmailAddresses.isValid(form.getEmail())) {
            errors.rejectValue("email", "email.invalid");
        } else if (!form.getEmail().equals(form.getEmailConfirmation())) {
            errors.rejectValue("emailConfirmation", "email.mismatch");
        }
        Qualification qualification = parseQualification(form.getQualification());
        if (qualification == null) {
            errors.rejectValue("qualification", "qualification.required");
        }
        if (errors.hasErrors()) {
            return "portal/start";
        }
        Optional<Instant> refusedUntil = throttle.refusedUntil(request.getRemoteAddr(), form.getEmail());
        if (refusedUntil.isPresent()) {
            return tooManyApplications(refusedUntil.get(), response, model);
        }
        submissions.applyProvisionally(form.getEmail(), qualification);
        redirect.addFlashAttribute("documentName", qualification.documentName());
        return "redirect:/apply/sent";
    }

    /** The first signed mail is on its way: how to trust the root that verifies it, unless no one needs to. */
    @GetMapping("/apply/sent")
    String sent(Model model) {
        rootTrust.addTo(model);
        return "portal/provisional-sent";
    }

    /** Nothing is stored and no mail is sent; the page and Retry-After say when to come back. */
    private String tooManyApplications(Instant until, HttpServletResponse response, Model model) {
        long seconds = Math.max(1, (Duration.between(clock.instant(), until).toMillis() + 999) / 1000);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        // rounded up to the minute the page names, so that coming back at that minute succeeds
        model.addAttribute("retryAt", until.atZone(deadlines.zone()).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1));
        return "portal/too-many-applications";
    }

    static Qualification parseQualification(String value) {
        if (value == null) {
            return null;
        }
        for (Qualification qualification : Qualification.values()) {
            if (qualification.name().equals(value)) {
                return qualification;
            }
        }
        return null;
    }
}
