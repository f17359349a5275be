package org.certflow.staff;

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
import org.certflow.process.ProcessConstants;
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

    private final StaffAuthentication authentication;
    private final IdentityService identityService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final ApplicationRepository applications;
    private final Invoices invoices;

    StaffApplicationController(StaffAuthentication authentication, IdentityService identityService,
                               TaskService taskService, RuntimeService runtimeService,
                               ApplicationRepository applications, Invoices invoices) {
        this.authentication = authentication;
        this.identityService = identityService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.applications = applications;
        this.invoices = invoices;
    }

    @GetMapping(value = "/staff/api/tasks/{taskId}/application", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> application(@PathVariable String taskId, HttpServletRequest request) {
        Application application = applicationOfTask(taskId, request);
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
            view.put("invoiceNumber", invoice.invoiceNumber());
            view.put("invoiceTotal", invoice.totalAmount());
            view.put("invoiceDueOn", invoice.dueOn().toString());
        });
        return view;
    }

    @GetMapping("/staff/api/tasks/{taskId}/licence-image")
    ResponseEntity<byte[]> licenceImage(@PathVariable String taskId, HttpServletRequest request) {
        Application application = applicationOfTask(taskId, request);
        return applications.findLicenceImage(application.id())
                .map(image -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(image.contentType()))
                        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                        .header("X-Content-Type-Options", "nosniff")
                        .body(image.content()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Application applicationOfTask(String taskId, HttpServletRequest request) {
        StaffUser user = authentication.currentUser(request)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        Task task = asUser(user, () -> taskService.createTaskQuery().taskId(taskId).singleResult());
        if (task == null) {
            // unknown and forbidden look alike: a caller learns nothing about tasks it may not read
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
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
