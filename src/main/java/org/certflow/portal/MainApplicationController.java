package org.certflow.portal;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import org.certflow.application.ApplicantTerms;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.LicenceImage;
import org.certflow.application.LicenceImageCheck;
import org.certflow.application.Qualification;
import org.certflow.billing.FeeQuotes;
import org.certflow.certificate.renewal.Renewal;
import org.certflow.documents.DistributionLetter;
import org.certflow.documents.DistributionLetterPdf;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.ServiceProperties;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Steps 2 to 5: the one-time link, the main application form with the licence image, the distribution
 * letter and the submission. The link is opened with GET (which changes nothing: mail scanners fetch links)
 * and used with POST.
 */
@Controller
class MainApplicationController {

    private final OneTimeLinks links;
    private final ApplicationRepository applications;
    private final LicenceImageCheck imageCheck;
    private final ApplicantSubmissions submissions;
    private final DistributionLetterPdf letterPdf;
    private final ServiceProperties service;
    private final DeadlineProperties deadlines;
    private final ApplicantTerms terms;
    private final RenewalFormPart renewal;
    private final FeeQuotes fees;
    private final Clock clock;

    MainApplicationController(OneTimeLinks links, ApplicationRepository applications, LicenceImageCheck imageCheck,
                              ApplicantSubmissions submissions, DistributionLetterPdf letterPdf,
                              ServiceProperties service, DeadlineProperties deadlines, ApplicantTerms terms,
                              RenewalFormPart renewal, FeeQuotes fees, Clock clock) {
        this.links = links;
        this.applications = applications;
        this.imageCheck = imageCheck;
        this.submissions = submissions;
        this.letterPdf = letterPdf;
        this.service = service;
        this.deadlines = deadlines;
        this.terms = terms;
        this.renewal = renewal;
        this.fees = fees;
        this.clock = clock;
    }

    @GetMapping("/link/{token}")
    String landing(@PathVariable String token, Model model, HttpServletResponse response) {
        Optional<Application> application = usableApplication(token);
        if (application.isEmpty()) {
            return linkInvalid(response);
        }
        model.addAttribute("token", token);
        model.addAttribute("current", application.get());
        return "portal/link-landing";
    }

    @PostMapping("/link/{token}")
    String logIn(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        Optional<Application> application = usableApplication(token);
        if (application.isEmpty()) {
            return linkInvalid(response);
        }
        PortalSession.openApplication(request, application.get().id());
        return "redirect:/application";
    }

    @GetMapping("/application")
    String form(HttpServletRequest request, Model model) {
        Optional<Application> application = openApplication(request);
        if (application.isEmpty()) {
            return "portal/session-expired";
        }
        Application current = application.get();
        MainApplicationForm form = current.hasDetails()
                ? MainApplicationForm.of(current.details(), current.validityYears(), current.chamberMember())
                : new MainApplicationForm();
        renewal.prefill(current, form);
        model.addAttribute("form", form);
        return showForm(current, model);
    }

    @PostMapping("/application")
    String save(@ModelAttribute("form") MainApplicationForm form, BindingResult errors,
                @RequestParam(name = "licenceImage", required = false) MultipartFile upload,
                HttpServletRequest request, Model model) throws IOException {
        Optional<Application> found = openApplication(request);
        if (found.isEmpty()) {
            return "portal/session-expired";
        }
        Application application = found.get();
        MainApplicationCheck.check(form, application.qualification(),
                clock.instant().atZone(deadlines.zone()).toLocalDate(), errors);
        LicenceImage image = null;
        String imageError = null;
        boolean hasStoredImage = applications.hasLicenceImage(application.id());
        Optional<Renewal> renewing = renewal.of(application);
        if (upload != null && !upload.isEmpty()) {
            try {
                image = imageCheck.check(upload.getSize() > LicenceImageCheck.MAX_BYTES ? null : upload.getBytes(),
                        upload.getSize());
            } catch (LicenceImageCheck.RefusedImageException refused) {
                imageError = refused.refusal().messageKey();
            }
        } else if (!hasStoredImage && renewing.isEmpty()) {
            imageError = LicenceImageCheck.Refusal.MISSING.messageKey();
        }
        if (!errors.hasErrors() && imageError == null && renewing.isPresent()) {
            imageError = renewal.save(renewing.get(), form, image != null).orElse(null);
        }
        if (errors.hasErrors() || imageError != null) {
            model.addAttribute("imageError", imageError);
            return showForm(application, model);
        }
        applications.saveDetails(application.id(), form.toDetails(), form.getValidityYears(), form.getChamberMember(),
                clock.instant());
        if (image != null) {
            applications.saveLicenceImage(application.id(), image, clock.instant());
        }
        return "redirect:/application/confirm";
    }

    @GetMapping("/application/confirm")
    String confirm(HttpServletRequest request, Model model) {
        Optional<Application> application = openApplication(request);
        if (application.isEmpty()) {
            return "portal/session-expired";
        }
        if (!application.get().hasDetails()) {
            return "redirect:/application";
        }
        return confirmPage(application.get(), application.get().status()
                == org.certflow.application.ApplicationStatus.RETURNED_FOR_CORRECTION,
                PortalSession.letterDownloaded(request), model);
    }

    @GetMapping("/application/licence-image")
    ResponseEntity<byte[]> licenceImage(HttpServletRequest request) {
        return openApplication(request)
                .flatMap(application -> applications.findLicenceImage(application.id()))
                .map(image -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(image.contentType()))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(image.content()))
                .orElse(ResponseEntity.notFound().build());
    }

    /** Step 4: the letter with the pickup password drawn at login; the same password for every download. */
    @GetMapping("/application/distribution-letter.pdf")
    ResponseEntity<byte[]> distributionLetter(HttpServletRequest request) {
        Optional<Application> found = openApplication(request);
        Optional<String> pickupPassword = PortalSession.pickupPassword(request);
        if (found.isEmpty() || !found.get().hasDetails() || pickupPassword.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        Application application = found.get();
        String password = pickupPassword.get();
        byte[] pdf = letterPdf.render(new DistributionLetter(service.serviceName(), service.issuerName(),
                application.fullName(), application.email(), application.orderNumber(), service.url("/pickup"),
                password, terms.pickupWindow(),
                clock.instant().atZone(deadlines.zone()).toLocalDate()));
        PortalSession.markLetterDownloaded(request);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("配布状_" + application.orderNumber() + ".pdf", java.nio.charset.StandardCharsets.UTF_8)
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf);
    }

    @PostMapping("/application/submit")
    String submit(HttpServletRequest request, Model model) {
        Optional<Application> found = openApplication(request);
        if (found.isEmpty()) {
            return "portal/session-expired";
        }
        Application application = found.get();
        boolean correction = application.status() == org.certflow.application.ApplicationStatus.RETURNED_FOR_CORRECTION;
        Optional<String> password = PortalSession.downloadedPickupPassword(request);
        if (!application.hasDetails() || !applications.hasLicenceImage(application.id())) {
            return "redirect:/application";
        }
        if (!correction && password.isEmpty()) {
            model.addAttribute("letterMissing", true);
            return confirmPage(application, false, false, model);
        }
        boolean sent = submissions.submit(application.id(), password.orElse(null));
        PortalSession.closeApplication(request);
        if (!sent) {
            return "portal/session-expired";
        }
        return correction ? "redirect:/application/resubmitted" : "redirect:/application/submitted";
    }

    @GetMapping("/application/submitted")
    String submitted() {
        return "portal/application-submitted";
    }

    @GetMapping("/application/resubmitted")
    String resubmitted() {
        return "portal/application-resubmitted";
    }

    /**
     * The details to check and the fee the invoice will ask, computed as the invoice computes it; a 「その他」
     * applicant's fee is set by the eligibility check, so the page says so instead of an amount.
     */
    private String confirmPage(Application application, boolean correction, boolean letterDownloaded, Model model) {
        model.addAttribute("current", application);
        model.addAttribute("correction", correction);
        model.addAttribute("letterDownloaded", letterDownloaded);
        renewal.describe(application, model);
        if (application.qualification() != Qualification.OTHER) {
            model.addAttribute("fee", fees.quote(application));
        }
        return "portal/application-confirm";
    }

    private String showForm(Application application, Model model) {
        model.addAttribute("current", application);
        model.addAttribute("hasImage", applications.hasLicenceImage(application.id()));
        renewal.describe(application, model);
        return "portal/application-form";
    }

    /** Expired, already used or made up: the same clear page, with 410 Gone. */
    private static String linkInvalid(HttpServletResponse response) {
        response.setStatus(HttpStatus.GONE.value());
        return "portal/link-invalid";
    }

    private Optional<Application> usableApplication(String token) {
        return links.findUsable(token)
                .filter(link -> link.purpose().opensForm())
                .flatMap(link -> applications.find(link.applicationId()))
                .filter(application -> application.status().acceptsMainApplication());
    }

    private Optional<Application> openApplication(HttpServletRequest request) {
        return PortalSession.applicationId(request)
                .flatMap(applications::find)
                .filter(application -> application.status().acceptsMainApplication());
    }
}
