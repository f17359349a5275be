package org.certflow.portal;

import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineException;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.review.ApplicantRevocationReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * 電子証明書の失効のお申し出 on the status page: the reason (紛失・鍵の危殆化・記載事項の変更) and an explanation, for
 * the application of the status session only.
 */
@Controller
class StatusRevocationController {

    private static final Logger log = LoggerFactory.getLogger(StatusRevocationController.class);
    /** As much as staff read in the approval; the record holds twice that. */
    static final int COMMENT_MAX = 500;

    private final StatusRevocation revocation;
    private final ApplicationRepository applications;

    StatusRevocationController(StatusRevocation revocation, ApplicationRepository applications) {
        this.revocation = revocation;
        this.applications = applications;
    }

    @GetMapping("/status/revoke")
    String form(HttpServletRequest request, HttpServletResponse response, Model model,
                RedirectAttributes redirect) {
        Optional<Application> application = statusApplication(request);
        if (application.isEmpty()) {
            return sessionExpired(response);
        }
        Optional<String> refusal = refusal(application.get());
        if (refusal.isPresent()) {
            redirect.addFlashAttribute("refused", refusal.get());
            return "redirect:/status/current";
        }
        return form(model, application.get());
    }

    @PostMapping("/status/revoke")
    String ask(@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String comment,
               HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Optional<Application> application = statusApplication(request);
        if (application.isEmpty()) {
            return sessionExpired(response);
        }
        Optional<ApplicantRevocationReason> chosen = ApplicantRevocationReason.parse(reason);
        String explanation = comment.strip();
        model.addAttribute("reason", chosen.map(Enum::name).orElse(null));
        model.addAttribute("comment", explanation.length() > COMMENT_MAX ? null : explanation);
        if (chosen.isEmpty()) {
            model.addAttribute("reasonError", "status.revoke.reason.required");
        }
        if (explanation.isEmpty()) {
            model.addAttribute("commentError", "required");
        } else if (explanation.length() > COMMENT_MAX) {
            model.addAttribute("commentError", "status.revoke.comment.tooLong");
        } else if (explanation.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            model.addAttribute("commentError", "status.revoke.comment.invalid");
        }
        if (model.containsAttribute("reasonError") || model.containsAttribute("commentError")) {
            return form(model, application.get());
        }
        long applicationId = application.get().id();
        try {
            revocation.request(applicationId, chosen.get(), explanation);
            redirect.addFlashAttribute("done", "status.revoke.done");
        } catch (StatusActions.Refused refused) {
            redirect.addFlashAttribute("refused", refused.messageKey());
        } catch (ProcessEngineException | IllegalArgumentException moved) {
            log.info("Revocation request for application {} refused by the model: {}", applicationId,
                    moved.getMessage());
            redirect.addFlashAttribute("refused", "status.busy");
        }
        return "redirect:/status/current";
    }

    private String form(Model model, Application application) {
        model.addAttribute("orderNumber", application.orderNumber());
        model.addAttribute("reasons", ApplicantRevocationReason.values());
        model.addAttribute("commentMax", COMMENT_MAX);
        return "portal/status-revoke";
    }

    private Optional<String> refusal(Application application) {
        if (!revocation.hasValidCertificate(application)) {
            return Optional.of("status.revoke.noCertificate");
        }
        if (revocation.pending(application)) {
            return Optional.of("status.revoke.pending");
        }
        return Optional.empty();
    }

    private Optional<Application> statusApplication(HttpServletRequest request) {
        return PortalSession.statusApplicationId(request).flatMap(applications::find);
    }

    private static String sessionExpired(HttpServletResponse response) {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        return "portal/status-expired";
    }
}
