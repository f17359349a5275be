package org.certflow.staff;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.EmailAddresses;
import org.certflow.privacy.PersonalDataAccess;
import org.certflow.privacy.PrivacyConsents;
import org.certflow.process.PersonalDataErasure;
import org.certflow.staff.disclosure.DisclosureExport;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Disclosure requests (開示請求) for {@code ra-admins}: find an applicant by order number (that application) or by
 * mail address (every application made with it), see what was found, and download everything certflow holds about
 * them as one ZIP. Searches are posted, so mail addresses stay out of URLs and logs; both forms carry the CSRF token.
 * Showing the applications found and the export are recorded in the access trace.
 */
@Controller
class DisclosureController {

    static final String PATH = "/staff/disclosure";

    /** What the operator asked for, and what it found or why it found nothing. */
    private record Search(String orderNumber, String email, List<Application> found, String orderNumberError,
                          String emailError) {

        boolean refused() {
            return orderNumberError != null || emailError != null;
        }

        String query() {
            return orderNumber.isEmpty() ? "mail:" + email : "order:" + orderNumber;
        }
    }

    private final StaffPageGate pages;
    private final ApplicationRepository applications;
    private final DisclosureExport export;
    private final PersonalDataAccess accessTrace;
    private final PrivacyConsents consents;
    private final PersonalDataErasure erasure;

    DisclosureController(StaffPageGate pages, ApplicationRepository applications, DisclosureExport export,
                         PersonalDataAccess accessTrace, PrivacyConsents consents, PersonalDataErasure erasure) {
        this.pages = pages;
        this.applications = applications;
        this.export = export;
        this.accessTrace = accessTrace;
        this.consents = consents;
        this.erasure = erasure;
    }

    @GetMapping(PATH)
    String page(HttpServletRequest request, HttpServletResponse response, Model model) {
        return pages.asRaAdmin(request, response, model, user -> "staff/disclosure");
    }

    @PostMapping(PATH)
    String search(@RequestParam(defaultValue = "") String orderNumber, @RequestParam(defaultValue = "") String email,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        return pages.asRaAdmin(request, response, model, user -> {
            Search search = find(orderNumber, email);
            if (search.refused()) {
                return refused(search, response, model);
            }
            for (Application application : search.found()) {
                accessTrace.record(user.userId(), application.id(), PersonalDataAccess.DISCLOSURE_SEARCH);
            }
            return found(search, model);
        });
    }

    /**
     * 削除請求: the applicant asked for their data to be deleted and an ra-admin checked who asked. One application at
     * a time, by its order number; what the law still keeps, and why, is shown before and after.
     */
    @PostMapping(PATH + "/erase")
    String erase(@RequestParam(defaultValue = "") String orderNumber,
                 @RequestParam(defaultValue = "false") boolean identityChecked,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        return pages.asRaAdmin(request, response, model, user -> {
            Search search = find(orderNumber, "");
            if (search.refused()) {
                return refused(search, response, model);
            }
            Application application = search.found().get(0);
            if (!identityChecked) {
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
                model.addAttribute("erasureError", "ご本人であることを確認し、削除の請求を受け付けたことを確認してください。");
                return found(search, model);
            }
            PersonalDataErasure.Outcome outcome = erasure.erase(application.id());
            if (outcome.erased()) {
                accessTrace.record(user.userId(), application.id(), PersonalDataAccess.ERASURE);
            } else {
                response.setStatus(HttpStatus.CONFLICT.value());
            }
            model.addAttribute("erasure", outcome);
            return found(find(orderNumber, ""), model);
        });
    }

    private String found(Search search, Model model) {
        show(search, model);
        model.addAttribute("consents", search.found().stream().map(a -> consents.of(a.id()).summary()).toList());
        model.addAttribute("erasures", search.found().stream().map(a -> erasure.preview(a.id())).toList());
        return "staff/disclosure";
    }

    @PostMapping(PATH + "/export")
    Object export(@RequestParam(defaultValue = "") String orderNumber, @RequestParam(defaultValue = "") String email,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        return pages.answerAsRaAdmin(request, response, model, user -> {
            Search search = find(orderNumber, email);
            if (search.refused()) {
                return refused(search, response, model);
            }
            byte[] content = export.zip(search.found(), user.userId(), search.query());
            String name = "開示データ_" + (search.orderNumber().isEmpty() ? "" : search.orderNumber() + "_")
                    + LocalDate.now(ZoneId.of("Asia/Tokyo")) + ".zip";
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("application/zip"))
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                    .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                    .body(content);
        });
    }

    private Search find(String typedOrderNumber, String typedEmail) {
        String orderNumber = PersonalDataAccessController.orderNumber(typedOrderNumber);
        String email = EmailAddresses.normalize(typedEmail);
        if (orderNumber.isEmpty() && email.isEmpty()) {
            return new Search(orderNumber, email, List.of(), "受付番号またはメールアドレスを入力してください。", null);
        }
        if (!orderNumber.isEmpty() && !email.isEmpty()) {
            return new Search(orderNumber, email, List.of(), "受付番号とメールアドレスは、どちらか一方だけを入力してください。", null);
        }
        if (!orderNumber.isEmpty()) {
            if (!PersonalDataAccessController.ORDER_NUMBER.matcher(orderNumber).matches()) {
                return new Search(orderNumber, email, List.of(), "受付番号は PBJ に続く数字で入力してください（例: PBJ10000001）。", null);
            }
            return applications.findByOrderNumber(orderNumber)
                    .map(found -> new Search(orderNumber, email, List.of(found), null, null))
                    .orElseGet(() -> new Search(orderNumber, email, List.of(), "この受付番号の申込はありません。", null));
        }
        if (!EmailAddresses.isValid(email)) {
            return new Search(orderNumber, email, List.of(), null, "メールアドレスの形式が正しくありません（例: taro@example.jp）。");
        }
        List<Application> found = export.byEmail(email);
        return found.isEmpty() ? new Search(orderNumber, email, found, null, "このメールアドレスの申込はありません。")
                : new Search(orderNumber, email, found, null, null);
    }

    private static String refused(Search search, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        show(search, model);
        model.addAttribute("orderNumberError", search.orderNumberError());
        model.addAttribute("emailError", search.emailError());
        return "staff/disclosure";
    }

    private static void show(Search search, Model model) {
        model.addAttribute("orderNumber", search.orderNumber());
        model.addAttribute("email", search.email());
        model.addAttribute("time", PersonalDataAccessController.JAPAN_TIME);
        if (!search.refused()) {
            model.addAttribute("found", search.found());
        }
    }
}
