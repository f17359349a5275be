package org.certflow.portal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngineException;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.EmailAddresses;
import org.certflow.billing.Invoice;
import org.certflow.certificate.letter.ReissuedLetters;
import org.certflow.service.DeadlineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * 申込状況の確認: the order number and the address ask for a mailed link (the answer is the same whether they match
 * or not); the link, opened with GET and used once with POST, opens the status page of that application only, and
 * every action there is decided again on the server.
 */
@Controller
class StatusController {

    private static final Logger log = LoggerFactory.getLogger(StatusController.class);
    private static final Pattern ORDER_NUMBER = Pattern.compile("PBJ\\d{1,12}");

    private final StatusActions actions;
    private final StatusPage page;
    private final StatusRequestThrottle throttle;
    private final OneTimeLinks links;
    private final ApplicationRepository applications;
    private final DeadlineProperties deadlines;
    private final ReissuedLetters reissuedLetters;
    private final Clock clock;

    StatusController(StatusActions actions, StatusPage page, StatusRequestThrottle throttle, OneTimeLinks links,
                     ApplicationRepository applications, DeadlineProperties deadlines,
                     ReissuedLetters reissuedLetters, Clock clock) {
        this.reissuedLetters = reissuedLetters;
        this.actions = actions;
        this.page = page;
        this.throttle = throttle;
        this.links = links;
        this.applications = applications;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    @GetMapping("/status")
    String requestForm() {
        return "portal/status-request";
    }

    @PostMapping("/status")
    String requestLink(@RequestParam(defaultValue = "") String orderNumber, @RequestParam(defaultValue = "") String email,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        String order = MainApplicationCheck.nfkc(orderNumber).toUpperCase(Locale.ROOT).replaceAll("\\s", "");
        String address = EmailAddresses.normalize(email);
        model.addAttribute("orderNumber", order);
        model.addAttribute("email", address);
        if (order.isEmpty()) {
            model.addAttribute("orderNumberError", "required");
        } else if (!ORDER_NUMBER.matcher(order).matches()) {
            model.addAttribute("orderNumberError", "status.orderNumber.invalid");
        }
        if (address.isEmpty()) {
            model.addAttribute("emailError", "required");
        } else if (!EmailAddresses.isValid(address)) {
            model.addAttribute("emailError", "email.invalid");
        }
        if (model.containsAttribute("orderNumberError") || model.containsAttribute("emailError")) {
            return "portal/status-request";
        }
        Optional<Instant> refusedUntil = throttle.refusedUntil(request.getRemoteAddr(), address);
        if (refusedUntil.isPresent()) {
            long seconds = Math.max(1, (Duration.between(clock.instant(), refusedUntil.get()).toMillis() + 999) / 1000);
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            model.addAttribute("retryAt", refusedUntil.get().atZone(deadlines.zone())
                    .truncatedTo(ChronoUnit.MINUTES).plusMinutes(1));
            return "portal/status-too-many";
        }
        actions.requestLink(order, address);
        return "redirect:/status/sent";
    }

    @GetMapping("/status/sent")
    String sent() {
        return "portal/status-sent";
    }

    /** Changes nothing: mail scanners open links too. */
    @GetMapping("/status/link/{token}")
    String landing(@PathVariable String token, HttpServletResponse response, Model model) {
        Optional<Application> application = links.findUsable(token)
                .filter(link -> link.purpose() == OneTimeLinks.Purpose.STATUS)
                .flatMap(link -> applications.find(link.applicationId()));
        if (application.isEmpty()) {
            return linkInvalid(response);
        }
        model.addAttribute("token", token);
        model.addAttribute("orderNumber", application.get().orderNumber());
        return "portal/status-link-landing";
    }

    @PostMapping("/status/link/{token}")
    String open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        Optional<OneTimeLinks.Link> link = links.consume(token, OneTimeLinks.Purpose.STATUS);
        if (link.isEmpty()) {
            return linkInvalid(response);
        }
        PortalSession.openStatus(request, link.get().applicationId());
        return "redirect:/status/current";
    }

    @GetMapping("/status/current")
    String current(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Application> application = statusApplication(request);
        if (application.isEmpty()) {
            return sessionExpired(response);
        }
        model.addAttribute("view", page.of(application.get()));
        return "portal/status";
    }

    @PostMapping("/status/resend-link")
    String resendLink(HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        return act(request, response, redirect, "status.resend.done", actions::resendLink);
    }

    @GetMapping("/status/withdraw")
    String confirmWithdrawal(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Application> application = statusApplication(request);
        if (application.isEmpty()) {
            return sessionExpired(response);
        }
        StatusPage.View view = page.of(application.get());
        if (!view.canWithdraw()) {
            return "redirect:/status/current";
        }
        model.addAttribute("view", view);
        return "portal/status-withdraw";
    }

    @PostMapping("/status/withdraw")
    String withdraw(HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        return act(request, response, redirect, "status.withdraw.done", actions::withdraw);
    }

    @GetMapping("/status/invoice.pdf")
    ResponseEntity<byte[]> invoice(HttpServletRequest request) {
        Optional<Invoice> invoice = statusApplication(request).flatMap(page::invoice);
        if (invoice.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("請求書_" + invoice.get().invoiceNumber() + ".pdf", StandardCharsets.UTF_8)
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(invoice.get().pdf());
    }

    @GetMapping("/status/letter")
    String confirmLetterRequest(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Application> application = statusApplication(request);
        if (application.isEmpty()) {
            return sessionExpired(response);
        }
        StatusPage.View view = page.of(application.get());
        if (!view.canRequestLetter()) {
            return "redirect:/status/current";
        }
        model.addAttribute("view", view);
        return "portal/status-letter";
    }

    @PostMapping("/status/letter")
    String requestLetter(@RequestParam(defaultValue = "") String note, HttpServletRequest request,
                         HttpServletResponse response, RedirectAttributes redirect) {
        String typed = note.strip();
        return act(request, response, redirect, "status.letter.done", id -> actions.requestLetter(id, typed));
    }

    /**
     * The approved new letter, once: its password is drawn now and exists nowhere else. A POST, so that nothing
     * that merely fetches a page (a prefetch, a preview) uses the one download up.
     */
    @PostMapping("/status/letter.pdf")
    ResponseEntity<byte[]> reissuedLetter(HttpServletRequest request) {
        Optional<Application> application = statusApplication(request);
        Optional<byte[]> pdf = application.flatMap(found -> reissuedLetters.download(found.id()));
        if (pdf.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("配布状_" + application.get().orderNumber() + ".pdf", StandardCharsets.UTF_8)
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf.get());
    }

    private interface Action {
        void on(long applicationId);
    }

    /** Runs an action for the session's application; a refusal or a model that moved meanwhile becomes a message. */
    private String act(HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect,
                       String doneKey, Action action) {
        Optional<Long> applicationId = PortalSession.statusApplicationId(request);
        if (applicationId.isEmpty()) {
            return sessionExpired(response);
        }
        try {
            action.on(applicationId.get());
            redirect.addFlashAttribute("done", doneKey);
        } catch (StatusActions.Refused refused) {
            redirect.addFlashAttribute("refused", refused.messageKey());
        } catch (ProcessEngineException moved) {
            log.info("Status page action for application {} refused by the model: {}", applicationId.get(),
                    moved.getMessage());
            redirect.addFlashAttribute("refused", "status.busy");
        }
        return "redirect:/status/current";
    }

    private Optional<Application> statusApplication(HttpServletRequest request) {
        return PortalSession.statusApplicationId(request).flatMap(applications::find);
    }

    private static String linkInvalid(HttpServletResponse response) {
        response.setStatus(HttpStatus.GONE.value());
        return "portal/status-link-invalid";
    }

    private static String sessionExpired(HttpServletResponse response) {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        return "portal/status-expired";
    }
}
