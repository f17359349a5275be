package org.certflow.staff;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.Invoices;
import org.certflow.billing.Payments;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.review.ReviewRecord.Stage;
import org.certflow.review.ReviewRecords;
import org.certflow.review.RevocationRequest;
import org.certflow.review.RevocationRequests;
import org.certflow.service.ProcessConstants;
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
 * What the staff task forms show, and nothing more: the caller must be logged into Camunda and allowed to read
 * that very task, and gets only what the task's form shows to its group. The application is found from what
 * the engine and certflow wrote (the instance's business key, the revocation request's record), never from a
 * task variable. The payment form shows the money, the review form the personal data and the licence image,
 * whose every view is recorded; ra-admins read those records. Data go out as JSON and the forms bind them
 * with escaping; no applicant text becomes HTML.
 */
@RestController
class StaffApplicationController {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JAPAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(JAPAN);
    private static final Map<String, String> DECISION_LABELS = Map.of(
            ProcessConstants.DECISION_APPROVE, "承認",
            ProcessConstants.DECISION_RETURN, "修正依頼",
            ProcessConstants.DECISION_REJECT, "却下");

    /** A staff task form and the groups it is shown to. */
    private enum Form {
        PAYMENT(StaffGroups.ACCOUNTING, StaffGroups.CAMUNDA_ADMIN),
        REVIEW(StaffGroups.REVIEWERS, StaffGroups.RA_ADMINS),
        REVOCATION_APPROVAL(StaffGroups.RA_ADMINS, StaffGroups.CAMUNDA_ADMIN);

        private final Set<String> groups;

        Form(String... groups) {
            this.groups = Set.of(groups);
        }

        static Optional<Form> of(String processDefinitionKey, String taskDefinitionKey) {
            if (ProcessConstants.CERTIFICATE_APPLICATION.equals(processDefinitionKey)) {
                return switch (taskDefinitionKey) {
                    case StaffTasks.CONFIRM_PAYMENT -> Optional.of(PAYMENT);
                    case StaffTasks.REVIEW_APPLICATION, StaffTasks.SECOND_REVIEW -> Optional.of(REVIEW);
                    default -> Optional.empty();
                };
            }
            if (ProcessConstants.REVOCATION_REQUEST.equals(processDefinitionKey)
                    && StaffTasks.APPROVE_REVOCATION.equals(taskDefinitionKey)) {
                return Optional.of(REVOCATION_APPROVAL);
            }
            return Optional.empty();
        }
    }

    private record StaffTask(StaffUser user, Task task, Form form) {
    }

    private final StaffAuthentication authentication;
    private final IdentityService identityService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final ApplicationRepository applications;
    private final Invoices invoices;
    private final Payments payments;
    private final ReviewRecords reviews;
    private final RevocationRequests revocationRequests;
    private final CertificateRegistry certificates;
    private final LicenceImageViews imageViews;
    private final Clock clock;

    StaffApplicationController(StaffAuthentication authentication, IdentityService identityService,
                               TaskService taskService, RuntimeService runtimeService,
                               RepositoryService repositoryService, ApplicationRepository applications,
                               Invoices invoices, Payments payments, ReviewRecords reviews,
                               RevocationRequests revocationRequests, CertificateRegistry certificates,
                               LicenceImageViews imageViews, Clock clock) {
        this.authentication = authentication;
        this.identityService = identityService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.applications = applications;
        this.invoices = invoices;
        this.payments = payments;
        this.reviews = reviews;
        this.revocationRequests = revocationRequests;
        this.certificates = certificates;
        this.imageViews = imageViews;
        this.clock = clock;
    }

    @GetMapping(value = "/staff/api/tasks/{taskId}/application", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> application(@PathVariable String taskId, HttpServletRequest request) {
        StaffTask staffTask = staffTask(taskId, request, Form.PAYMENT, Form.REVIEW);
        Application application = applicationOf(staffTask.task());
        return staffTask.form() == Form.PAYMENT ? paymentView(application) : reviewView(application, staffTask.task());
    }

    @GetMapping(value = "/staff/api/tasks/{taskId}/revocation", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> revocation(@PathVariable String taskId, HttpServletRequest request) {
        StaffTask staffTask = staffTask(taskId, request, Form.REVOCATION_APPROVAL);
        RevocationRequest revocation = revocationRequests.ofProcessInstance(staffTask.task().getProcessInstanceId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Application application = applications.get(revocation.applicationId());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderNumber", application.orderNumber());
        view.put("qualification", application.qualification().displayName());
        if (application.hasDetails()) {
            view.put("familyName", application.details().familyName());
            view.put("firstName", application.details().firstName());
        }
        view.put("serialNumber", revocation.serialNumber());
        certificates.findBySerialNumber(revocation.serialNumber()).ifPresent(certificate -> {
            view.put("subject", certificate.subjectDn());
            view.put("notAfter", JAPAN_TIME.format(certificate.notAfter()));
        });
        view.put("reason", revocation.reason().label());
        view.put("requester", revocation.requestedBy());
        view.put("comment", revocation.comment());
        return view;
    }

    @GetMapping("/staff/api/tasks/{taskId}/licence-image")
    ResponseEntity<byte[]> licenceImage(@PathVariable String taskId, HttpServletRequest request) {
        StaffTask staffTask = staffTask(taskId, request, Form.REVIEW);
        Application application = applicationOf(staffTask.task());
        return applications.findLicenceImage(application.id())
                .map(image -> {
                    imageViews.record(application.id(), staffTask.user().userId(), taskId, clock.instant());
                    return ResponseEntity.ok()
                            .contentType(MediaType.parseMediaType(image.contentType()))
                            .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                            .header("X-Content-Type-Options", "nosniff")
                            .body(image.content());
                })
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Who saw the application's licence image and when: for ra-admins and Camunda's administrators. */
    @GetMapping(value = "/staff/api/applications/{orderNumber}/licence-image-views",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> licenceImageViews(@PathVariable String orderNumber, HttpServletRequest request) {
        StaffUser user = authentication.currentUser(request)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        if (!user.groupIds().contains(StaffGroups.RA_ADMINS) && !user.groupIds().contains(StaffGroups.CAMUNDA_ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Application application = applications.findByOrderNumber(orderNumber)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderNumber", application.orderNumber());
        view.put("views", imageViews.of(application.id()).stream().map(seen -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("viewedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(seen.viewedAt().atZone(JAPAN)));
            row.put("viewedBy", seen.viewedBy());
            row.put("taskId", seen.taskId());
            return row;
        }).toList());
        return view;
    }

    /** What confirm-payment.html shows: who pays, the invoice and the payments so far. */
    private Map<String, Object> paymentView(Application application) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderNumber", application.orderNumber());
        view.put("qualification", application.qualification().displayName());
        if (application.hasDetails()) {
            view.put("familyName", application.details().familyName());
            view.put("firstName", application.details().firstName());
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
        return view;
    }

    /** What review-application.html shows: the applicant's details and the earlier decisions; no money. */
    private Map<String, Object> reviewView(Application application, Task task) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderNumber", application.orderNumber());
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
        view.put("secondReview", StaffTasks.SECOND_REVIEW.equals(task.getTaskDefinitionKey()));
        return view;
    }

    /**
     * The task, if this user may read it (unknown and forbidden look alike: 404), is one of the expected forms
     * (else 404) and the user belongs to a group the form is shown to (else 403).
     */
    private StaffTask staffTask(String taskId, HttpServletRequest request, Form... expected) {
        StaffUser user = authentication.currentUser(request)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        Task task = asUser(user, () -> taskService.createTaskQuery().taskId(taskId).singleResult());
        if (task == null || task.getProcessDefinitionId() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String processDefinitionKey = repositoryService.getProcessDefinition(task.getProcessDefinitionId()).getKey();
        Form form = Form.of(processDefinitionKey, task.getTaskDefinitionKey())
                .filter(List.of(expected)::contains)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (user.groupIds().stream().noneMatch(form.groups::contains)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return new StaffTask(user, task, form);
    }

    /** The application of a certificate-application task: the instance's business key is its order number. */
    private Application applicationOf(Task task) {
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).singleResult();
        return Optional.ofNullable(instance).map(ProcessInstance::getBusinessKey)
                .flatMap(applications::findByOrderNumber)
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
