package org.certflow.staff;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.Invoices;
import org.certflow.billing.Receipts;
import org.certflow.privacy.PersonalDataAccess;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Issued invoices and receipts, downloaded again by accounting exactly as they were sent (the stored bytes,
 * kept for the legal retention period). Only {@code accounting} and {@code camunda-admin} may fetch them; each
 * download is recorded in the access trace.
 */
@RestController
class StaffDocumentController {

    private final StaffAuthentication authentication;
    private final ApplicationRepository applications;
    private final Invoices invoices;
    private final Receipts receipts;
    private final PersonalDataAccess accessTrace;

    private record Caller(StaffUser user, Application application) {
    }

    StaffDocumentController(StaffAuthentication authentication, ApplicationRepository applications,
                            Invoices invoices, Receipts receipts, PersonalDataAccess accessTrace) {
        this.accessTrace = accessTrace;
        this.authentication = authentication;
        this.applications = applications;
        this.invoices = invoices;
        this.receipts = receipts;
    }

    @GetMapping("/staff/api/applications/{orderNumber}/invoice.pdf")
    ResponseEntity<byte[]> invoice(@PathVariable String orderNumber, HttpServletRequest request) {
        Caller caller = caller(orderNumber, request);
        return invoices.find(caller.application().id())
                .map(invoice -> recorded(caller, PersonalDataAccess.INVOICE_PDF,
                        pdf("請求書_" + invoice.invoiceNumber() + ".pdf", invoice.pdf())))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @GetMapping("/staff/api/applications/{orderNumber}/receipt.pdf")
    ResponseEntity<byte[]> receipt(@PathVariable String orderNumber, HttpServletRequest request) {
        Caller caller = caller(orderNumber, request);
        return receipts.find(caller.application().id())
                .map(receipt -> recorded(caller, PersonalDataAccess.RECEIPT_PDF,
                        pdf("領収書_" + receipt.receiptNumber() + ".pdf", receipt.pdf())))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private <T> T recorded(Caller caller, String what, T answer) {
        accessTrace.record(caller.user().userId(), caller.application().id(), what);
        return answer;
    }

    private Caller caller(String orderNumber, HttpServletRequest request) {
        StaffUser user = authentication.currentUser(request)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        if (!user.groupIds().contains(StaffGroups.ACCOUNTING) && !user.groupIds().contains(StaffGroups.CAMUNDA_ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return new Caller(user, Optional.ofNullable(orderNumber).flatMap(applications::findByOrderNumber)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    private static ResponseEntity<byte[]> pdf(String fileName, byte[] content) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content);
    }
}
