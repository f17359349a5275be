package org.certflow.staff;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.Invoices;
import org.certflow.billing.Payments;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.RevocationReason;
import org.certflow.process.ProcessConstants;
import org.certflow.review.ReviewRecord.Stage;
import org.certflow.review.ReviewRecords;
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
 * What the staff task forms show: the application behind a task and its licence image. The caller must be
 * logged into Camunda and allowed to read that very task, so nobody else ever sees the image.
 * The data go out as JSON and the forms bind them with escaping; no applicant text becomes HTML.
 */
@RestController
class StaffApplicationController {

    private static final String SECOND_REVIEW = "SecondReview";
    private static final DateTimeFormatter JAPAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Tokyo"));
    private static final Map<String, String> DECISION_LABELS = Map.of(
            ProcessConstants.DECISION_APPROVE, "承認",
            ProcessConstants.DECISION_RETURN, "修正依頼",
            ProcessConstants.DECISION_REJECT, "却下");

    private final StaffAuthentication authentication;
    private final IdentityService identityService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final ApplicationRepository applications;
    private final Invoices invoices;
    private final Payments payments;
    private final ReviewRecords reviews;
    private final CertificateRegistry certificates;

    StaffApplicationController(StaffAuthentication authentication, IdentityService identityService,
                               TaskService taskService, RuntimeService runtimeService,
                               ApplicationRepository applications, Invoices invoices, Payments payments,
                               ReviewRecords reviews, CertificateRegistry certificates) {
        this.authentication = authentication;
        this.identityService = identityService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.applications = applications;
        this.invoices = invoices;
        this.payments = payments;
        this.reviews = reviews;
        this.certificates = certificates;
    }

    @GetMapping(value = "/staff/api/tasks/{taskId}/application", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> application(@PathVariable String taskId, HttpServletRequest request) {
        Task task = readableTask(taskId, request);
        Application application = applicationOf(task);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderNumber", application.orderNumber());
        view.put("status", application.status().label());
        view.put("qualification", application.qualification().displayName());
        view.put("email", application.email());
        view.put("validityYears", application.validityYears());
        view.put("chamberMember", application.chamberMember());
        view.put("revision", application.revision());
        view.put("reviewComment", application.reviewComment());
        if (application.hasDetails()) {
            view.put("familyName", application.details().familyName());
            view.put("firstName", application.details().firstName());
            view.put("familyNameKana", application.details().familyNameKana());
            view.put("firstNameKana", application.details().firstNameKana());
            view.put("familyNameRomaji", application.details().familyNameRomaji());
            view.put("firstNameRomaji", application.details().firstNameRomaji());
            view.put("dateOfBirth", String.valueOf(application.details().dateOfBirth()));
            view.put("officeName", application.details().officeName());
            view.put("phone", application.details().phone());
            view.put("postalCode", application.details().postalCode());
            view.put("address", application.details().address());
            view.put("registrationNumber", application.details().registrationNumber());
        }
        invoices.find(application.id()).ifPresent(invoice -> {
            long received = payments.totalReceived(application.id());
            view.put("invoiceNumber", invoice.invoiceNumber());
            view.put("invoiceIssuedOn", invoice.issuedOn().toString());
            view.put("invoiceTotal", invoice.totalAmount());
            view.put("invoiceDueOn", invoice.dueOn().toString());
            view.put("received", received);
            view.put("outstanding", invoice.totalAmount() - received);
        });
        view.put("payments", payments.of(application.id()).stream().map(payment -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("receivedOn", payment.receivedOn().toString());
            row.put("amount", payment.amount());
            row.put("recordedBy", payment.recordedBy());
            row.put("comment", payment.comment());
            return row;
        }).toList());
        view.put("reviews", reviews.of(application.id()).stream().map(review -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("decidedAt", JAPAN_TIME.format(review.decidedAt()));
            row.put("stage", review.stage() == Stage.FIRST ? "一次" : "二次");
            row.put("reviewer", review.reviewer());
            row.put("decision", DECISION_LABELS.getOrDefault(review.decision(), review.decision()));
            row.put("doubt", review.doubt());
            row.put("comment", review.comment());
            return row;
        }).toList());
        view.put("secondReview", SECOND_REVIEW.equals(task.getTaskDefinitionKey()));
        return view;
    }

    @GetMapping(value = "/staff/api/tasks/{taskId}/revocation", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> revocation(@PathVariable String taskId, HttpServletRequest request) {
        Task task = readableTask(taskId, request);
        Map<String, Object> variables = runtimeService.getVariables(task.getExecutionId());
        Object orderNumber = variables.get("orderNumber");
        Application application = Optional.ofNullable(orderNumber).map(String::valueOf)
                .flatMap(applications::findByOrderNumber)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderNumber", application.orderNumber());
        view.put("qualification", application.qualification().displayName());
        if (application.hasDetails()) {
            view.put("familyName", application.details().familyName());
            view.put("firstName", application.details().firstName());
        }
        certificates.findCurrent(application.id()).ifPresent(certificate -> {
            view.put("serialNumber", certificate.serialNumber());
            view.put("subject", certificate.subjectDn());
            view.put("notAfter", JAPAN_TIME.format(certificate.notAfter()));
        });
        Object reason = variables.get(ProcessConstants.VAR_REVOCATION_REASON);
        view.put("reason", reason == null ? null : RevocationReason.ofCode(((Number) reason).intValue()).label());
        view.put("requester", variables.get(ProcessConstants.VAR_REVOCATION_REQUESTER));
        view.put("comment", variables.get("revocationComment"));
        return view;
    }

    @GetMapping("/staff/api/tasks/{taskId}/licence-image")
    ResponseEntity<byte[]> licenceImage(@PathVariable String taskId, HttpServletRequest request) {
        Application application = applicationOf(readableTask(taskId, request));
        return applications.findLicenceImage(application.id())
                .map(image -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(image.contentType()))
                        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                        .header("X-Content-Type-Options", "nosniff")
                        .body(image.content()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Task readableTask(String taskId, HttpServletRequest request) {
        StaffUser user = authentication.currentUser(request)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        Task task = asUser(user, () -> taskService.createTaskQuery().taskId(taskId).singleResult());
        if (task == null) {
            // unknown and forbidden look alike: a caller learns nothing about tasks it may not read
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return task;
    }

    private Application applicationOf(Task task) {
        Object applicationId = runtimeService.getVariable(task.getExecutionId(), ProcessConstants.VAR_APPLICATION_ID);
        return Optional.ofNullable(applicationId)
                .flatMap(id -> applications.find(((Number) id).longValue()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Runs a query with the engine's authorization checks for this user. */
    private <T> T asUser(StaffUser user, Supplier<T> query) {
        identityService.setAuthentication(user.userId(), user.groupIds());
        try {
            return query.get();
        } finally {
            identityService.clearAuthentication();
        }
    }
}
