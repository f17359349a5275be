package org.certflow.portal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.certificate.CertificatePickup;
import org.certflow.pki.Pkcs12Format;
import org.certflow.service.JapaneseSpans;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Steps 8 to 11: log in with the order number and the letter's password, set the PIN, download, and the help with
 * installing the file, which needs no login (the pickup mails link to it, and it stays useful after the download).
 */
@Controller
class PickupController {

    static final int PIN_MIN = 8;
    static final int PIN_MAX = 64;

    private final CertificatePickup pickup;
    private final ApplicationRepository applications;
    private final RootTrust rootTrust;

    PickupController(CertificatePickup pickup, ApplicationRepository applications, RootTrust rootTrust) {
        this.pickup = pickup;
        this.applications = applications;
        this.rootTrust = rootTrust;
    }

    /** The limits the pickup pages state, as the service enforces them. */
    @ModelAttribute
    void limits(Model model) {
        model.addAttribute("lockTime", JapaneseSpans.of(pickup.loginLockTime()));
        model.addAttribute("maxPickups", pickup.maxPickups());
        model.addAttribute("pinMin", PIN_MIN);
        model.addAttribute("pinMax", PIN_MAX);
    }

    @GetMapping("/pickup")
    String loginForm() {
        return "portal/pickup-login";
    }

    @GetMapping("/pickup/install")
    String installHelp() {
        return "portal/install-help";
    }

    /** The root's fingerprints, and whether applicants must trust it by hand to verify the mails. */
    @ModelAttribute
    void rootFingerprints(Model model) {
        rootTrust.addTo(model);
    }

    @PostMapping("/pickup")
    String logIn(@RequestParam(defaultValue = "") String orderNumber, @RequestParam(defaultValue = "") String password,
                 HttpServletRequest request, Model model) {
        String normalisedOrder = MainApplicationCheck.nfkc(orderNumber).toUpperCase(java.util.Locale.ROOT);
        model.addAttribute("orderNumber", normalisedOrder);
        if (normalisedOrder.isEmpty() || password.isBlank()) {
            model.addAttribute("loginError", "pickup.login.required");
            return "portal/pickup-login";
        }
        CertificatePickup.LoginResult result = pickup.logIn(normalisedOrder, password, request.getRemoteAddr());
        switch (result.outcome()) {
            case ACCEPTED, ACCEPTED_AGAIN -> {
                PortalSession.openPickup(request, result.applicationId());
                return "redirect:/pickup/pin";
            }
            case LOCKED -> model.addAttribute("loginError", "pickup.login.locked");
            case ALREADY_PICKED_UP -> model.addAttribute("loginError", "pickup.login.alreadyPickedUp");
            case NOT_AVAILABLE -> model.addAttribute("loginError", "pickup.login.notAvailable");
            case LIMIT_REACHED -> model.addAttribute("loginError", "pickup.login.limitReached");
            default -> model.addAttribute("loginError", "pickup.login.refused");
        }
        return "portal/pickup-login";
    }

    @GetMapping("/pickup/pin")
    String pinForm(HttpServletRequest request, Model model) {
        Optional<Long> applicationId = PortalSession.pickupApplicationId(request);
        if (applicationId.isEmpty()) {
            return "redirect:/pickup";
        }
        model.addAttribute("replacing", isReplacing(applicationId.get()));
        return "portal/pickup-pin";
    }

    private boolean isReplacing(long applicationId) {
        return applications.get(applicationId).status() == ApplicationStatus.CERTIFICATE_VALID;
    }

    @PostMapping(value = "/pickup/certificate")
    Object download(@RequestParam(defaultValue = "") String pin, @RequestParam(defaultValue = "") String pinConfirmation,
                    @RequestParam(defaultValue = "MODERN") String format, HttpServletRequest request, Model model) {
        Optional<Long> applicationId = PortalSession.pickupApplicationId(request);
        if (applicationId.isEmpty()) {
            return "redirect:/pickup";
        }
        String pinError = pinError(pin, pinConfirmation);
        if (pinError != null) {
            model.addAttribute("pinError", pinError);
            model.addAttribute("replacing", isReplacing(applicationId.get()));
            return "portal/pickup-pin";
        }
        char[] pinChars = pin.toCharArray();
        try {
            Pkcs12Format pkcs12Format = "LEGACY".equals(format) ? Pkcs12Format.LEGACY : Pkcs12Format.MODERN;
            CertificatePickup.PickedUpCertificate certificate = pickup.pickUp(applicationId.get(), pinChars,
                    pkcs12Format);
            PortalSession.closeApplication(request);
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("application/x-pkcs12"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename(certificate.fileName(), StandardCharsets.UTF_8).build().toString())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(certificate.pkcs12());
        } catch (CertificatePickup.PickupLimitReachedException e) {
            PortalSession.closeApplication(request);
            model.addAttribute("loginError", "pickup.login.limitReached");
            return "portal/pickup-login";
        } finally {
            Arrays.fill(pinChars, '\0');
        }
    }

    static String pinError(String pin, String confirmation) {
        if (pin.isEmpty()) {
            return "pin.required";
        }
        if (pin.length() < PIN_MIN || pin.length() > PIN_MAX) {
            return "pin.length";
        }
        if (!pin.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return "pin.ascii";
        }
        if (!pin.equals(confirmation)) {
            return "pin.mismatch";
        }
        return null;
    }
}
