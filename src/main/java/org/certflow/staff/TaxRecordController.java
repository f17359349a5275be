package org.certflow.staff;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.certflow.billing.records.DocumentKind;
import org.certflow.billing.records.TaxRecordExport;
import org.certflow.billing.records.TaxRecordIntegrity;
import org.certflow.billing.records.TaxRecordProperties;
import org.certflow.billing.records.TaxRecordQuery;
import org.certflow.billing.records.TaxRecords;
import org.certflow.privacy.PersonalDataAccess;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.ServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The tax records page of accounting (電子帳簿保存法, 電子取引データ): issued invoices, receipts and return invoices
 * searched by kind, issue date, amount and counterparty, each shown with its integrity check and downloaded as the
 * stored PDF; a period exported as one ZIP for an inspector; the whole check run on demand. Only members of
 * {@code accounting} logged into Camunda's webapps; anybody else is sent to the login or refused before anything is
 * read. Searches are posted (with Spring Security's CSRF token, like every form here), so the names searched for
 * stay out of URLs and access logs. Every search, download and export goes through {@link #recordAccess}.
 */
@Controller
class TaxRecordController {

    static final String PATH = "/staff/tax-records";
    private static final Pattern NUMBER = Pattern.compile("[A-Z]{3}-\\d{4}-\\d{6}");
    private static final DateTimeFormatter CHECKED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Logger log = LoggerFactory.getLogger(TaxRecordController.class);

    private final StaffPageGate gate;
    private final TaxRecords records;
    private final TaxRecordExport export;
    private final TaxRecordIntegrity integrity;
    private final TaxRecordProperties settings;
    private final ServiceProperties service;
    private final DeadlineProperties deadlines;
    private final PersonalDataAccess accessTrace;

    TaxRecordController(StaffPageGate gate, TaxRecords records, TaxRecordExport export,
                        TaxRecordIntegrity integrity, TaxRecordProperties settings, ServiceProperties service,
                        DeadlineProperties deadlines, PersonalDataAccess accessTrace) {
        this.gate = gate;
        this.records = records;
        this.export = export;
        this.integrity = integrity;
        this.settings = settings;
        this.service = service;
        this.deadlines = deadlines;
        this.accessTrace = accessTrace;
    }

    @GetMapping(PATH)
    String page(HttpServletRequest request, HttpServletResponse response, Model model) {
        return asAccountant(request, response, model, user -> page(model, TaxRecordForm.empty()));
    }

    @PostMapping(PATH + "/search")
    String search(@ModelAttribute TaxRecordForm form, @RequestParam(name = "page", defaultValue = "1") String page,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        return asAccountant(request, response, model, user -> {
            TaxRecordForm.Parsed parsed = form.parse();
            if (!parsed.valid()) {
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
                model.addAttribute("errors", parsed.errors());
                return page(model, form);
            }
            recordAccess(user, PersonalDataAccess.TAX_RECORD_SEARCH);
            model.addAttribute("result", records.search(parsed.query(), pageNumber(page), settings.pageSize()));
            return page(model, form);
        });
    }

    @GetMapping(PATH + "/{kind}/{number}.pdf")
    String download(@PathVariable String kind, @PathVariable String number, HttpServletRequest request,
                    HttpServletResponse response, Model model) {
        return asAccountant(request, response, model, user -> {
            Optional<TaxRecords.Document> document = DocumentKind.ofSlug(kind)
                    .filter(found -> NUMBER.matcher(number).matches())
                    .flatMap(found -> records.find(found, number));
            if (document.isEmpty()) {
                response.setStatus(HttpStatus.NOT_FOUND.value());
                model.addAttribute("notFound", true);
                return page(model, TaxRecordForm.empty());
            }
            recordAccess(user, PersonalDataAccess.TAX_RECORD_PDF + " " + number);
            byte[] pdf = document.get().pdf();
            response.setContentType(MediaType.APPLICATION_PDF_VALUE);
            response.setContentLength(pdf.length);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(
                    document.get().record().kind().label() + "_" + document.get().record().fileName()));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            return write(response, out -> out.write(pdf));
        });
    }

    @PostMapping(PATH + "/export")
    String export(@RequestParam(defaultValue = "") String exportFrom, @RequestParam(defaultValue = "") String exportTo,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        return asAccountant(request, response, model, user -> {
            TaxRecordForm.Parsed period = TaxRecordForm.period(exportFrom, exportTo, settings.maxExportPeriod());
            if (!period.valid()) {
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
                model.addAttribute("exportErrors", period.errors());
                model.addAttribute("exportFrom", exportFrom);
                model.addAttribute("exportTo", exportTo);
                return page(model, TaxRecordForm.empty());
            }
            TaxRecordQuery query = period.query();
            recordAccess(user, PersonalDataAccess.TAX_RECORD_EXPORT + " " + query.issuedFrom() + "〜" + query.issuedTo());
            response.setContentType("application/zip");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    attachment(TaxRecordExport.fileName(query.issuedFrom(), query.issuedTo())));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            return write(response, out -> export.write(query.issuedFrom(), query.issuedTo(), out));
        });
    }

    @PostMapping(PATH + "/verify")
    String verify(HttpServletRequest request, HttpServletResponse response, Model model) {
        return asAccountant(request, response, model, user -> {
            model.addAttribute("checkedNow", true);
            integrity.verifyAll();
            return page(model, TaxRecordForm.empty());
        });
    }

    /**
     * The one place every view of the records passes: searches, downloads and exports show counterparties' names,
     * applicants' names among them, so each goes into the staff access trace (what kind, never the search terms).
     */
    private void recordAccess(StaffUser user, String what) {
        accessTrace.record(user.userId(), null, what);
    }

    /** Runs the work for a logged-in member of accounting only (see {@link StaffPageGate}). */
    private String asAccountant(HttpServletRequest request, HttpServletResponse response, Model model,
                                Function<StaffUser, String> work) {
        return gate.as(StaffGroups.ACCOUNTING, "staff/tax-records-forbidden", request, response, model, work);
    }

    private String page(Model model, TaxRecordForm form) {
        model.addAttribute("service", service);
        model.addAttribute("form", form);
        model.addAttribute("kinds", DocumentKind.values());
        integrity.last().ifPresent(check -> {
            model.addAttribute("lastCheck", check);
            model.addAttribute("lastCheckAt", CHECKED_AT.format(check.at().atZone(deadlines.zone())));
        });
        model.addAttribute("maxExportPeriod", settings.maxExportPeriod());
        model.addAttribute("pageSize", settings.pageSize());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("exportErrors")) {
            model.addAttribute("exportErrors", Map.of());
        }
        return "staff/tax-records";
    }

    /** The response written here; {@code null} tells Spring MVC that no view follows. */
    private static String write(HttpServletResponse response, Body body) {
        try (OutputStream out = response.getOutputStream()) {
            body.writeTo(out);
        } catch (IOException e) {
            // the client went away or the connection broke; the ZIP it got is incomplete and reads as such
            log.warn("Tax records download ended early: {}", e.getMessage());
        }
        return null;
    }

    private static int pageNumber(String text) {
        try {
            return Math.max(1, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String attachment(String fileName) {
        return ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString();
    }

    @FunctionalInterface
    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
