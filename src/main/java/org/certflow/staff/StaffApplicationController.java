package org.certflow.staff;

import java.time.Clock;
import java.util.List;
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
import org.certflow.certificate.letter.LetterReissues;
import org.certflow.certificate.renewal.Renewals;
import org.certflow.privacy.PersonalDataAccess;
import org.certflow.privacy.PrivacyConsents;
import org.certflow.retention.LicenceImageDisposal;
import org.certflow.review.ReviewRecords;
import org.certflow.review.RevocationRequest;
import org.certflow.review.RevocationRequests;
import org.certflow.service.ProcessConstants;
import org.certflow.staff.StaffViews.LetterReissueView;
import org.certflow.staff.StaffViews.LicenceImageViewsView;
import org.certflow.staff.StaffViews.PaymentView;
import org.certflow.staff.StaffViews.RenewalView;
import org.certflow.staff.StaffViews.RevocationView;
import org.certflow.staff.StaffViews.ReviewView;
import org.certflow.staff.StaffViews.ViewRow;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the staff task forms show, and nothing more: the caller must be logged into Camunda and allowed to read
 * that very task, and gets only what the task's form shows to its group. The application is found from what
 * the engine and certflow wrote (the instance's business key, the revocation request's record), never from a
 * task variable. The payment form shows the money, the review form the personal data and the licence image,
 * whose every view is recorded; ra-admins read those records. Every answer that carries personal data adds a row
 * to the access trace ({@link PersonalDataAccess}) with the login. Data go out as JSON and the forms bind them
 * with escaping; no applicant text becomes HTML.
 */
@RestController
class StaffApplicationController {

    /** A staff task form and the groups it is shown to. */
    private enum Form {
        PAYMENT(StaffGroups.ACCOUNTING, StaffGroups.CAMUNDA_ADMIN),
        REVIEW(StaffGroups.REVIEWERS, StaffGroups.RA_ADMINS),
        ELIGIBILITY(StaffGroups.RA_ADMINS, StaffGroups.CAMUNDA_ADMIN),
        REVOCATION_APPROVAL(StaffGroups.RA_ADMINS, StaffGroups.CAMUNDA_ADMIN),
        LETTER_REISSUE(StaffGroups.RA_ADMINS, StaffGroups.CAMUNDA_ADMIN);

        private final Set<String> groups;

        Form(String... groups) {
            this.groups = Set.of(groups);
        }

        static Optional<Form> of(String processDefinitionKey, String taskDefinitionKey) {
            if (ProcessConstants.CERTIFICATE_APPLICATION.equals(processDefinitionKey)) {
                return switch (taskDefinitionKey) {
                    // the refund form shows the same money: invoice, payments received
                    case StaffTasks.CONFIRM_PAYMENT, StaffTasks.RECORD_REFUND -> Optional.of(PAYMENT);
                    case StaffTasks.REVIEW_APPLICATION, StaffTasks.SECOND_REVIEW -> Optional.of(REVIEW);
                    case StaffTasks.CHECK_ELIGIBILITY -> Optional.of(ELIGIBILITY);
                    case StaffTasks.DECIDE_LETTER_REISSUE -> Optional.of(LETTER_REISSUE);
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
    private final Renewals renewals;
    private final LetterReissues letterReissues;
    private final LicenceImageDisposal imageDisposal;
    private final PersonalDataAccess accessTrace;
    private final PrivacyConsents consents;
    private final Clock clock;

    StaffApplicationController(StaffAuthentication authentication, IdentityService identityService,
                               TaskService taskService, RuntimeService runtimeService,
                               RepositoryService repositoryService, ApplicationRepository applications,
                               Invoices invoices, Payments payments, ReviewRecords reviews,
                               RevocationRequests revocationRequests, CertificateRegistry certificates,
                               LicenceImageViews imageViews, Renewals renewals, LetterReissues letterReissues,
                               LicenceImageDisposal imageDisposal, PersonalDataAccess accessTrace,
                               PrivacyConsents consents, Clock clock) {
        this.letterReissues = letterReissues;
        this.imageDisposal = imageDisposal;
        this.accessTrace = accessTrace;
        this.consents = consents;
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
        this.renewals = renewals;
        this.clock = clock;
    }

    /**
     * The payment or the review view (the eligibility check sees what the review sees); declared as Object so that
     * Jackson writes the record it is given.
     */
    @GetMapping(value = "/staff/api/tasks/{taskId}/application", produces = MediaType.APPLICATION_JSON_VALUE)
    Object application(@PathVariable String taskId, HttpServletRequest request) {
        StaffTask staffTask = staffTask(taskId, request, Form.PAYMENT, Form.REVIEW, Form.ELIGIBILITY);
        Application application = applicationOf(staffTask.task());
        if (staffTask.form() == Form.PAYMENT) {
            PaymentView view = PaymentView.of(application, invoices.find(application.id()).orElse(null),
                    payments.totalReceived(application.id()), payments.of(application.id()));
            accessTrace.record(staffTask.user().userId(), application.id(), PersonalDataAccess.PAYMENT_VIEW);
            return view;
        }
        ReviewView view = ReviewView.of(application, reviews.of(application.id()),
                StaffTasks.SECOND_REVIEW.equals(staffTask.task().getTaskDefinitionKey()),
                renewals.of(application.id()).map(renewal -> RenewalView.of(renewal,
                        renewals.previousCertificate(renewal), renewals.previousApplication(renewal).orderNumber(),
                        renewals.changes(renewal, application))).orElse(null),
                imageDisposal.disposed(application.id()))
                .withConsents(consents.of(application.id()).summary());
        accessTrace.record(staffTask.user().userId(), application.id(), PersonalDataAccess.APPLICATION_VIEW);
        return view;
    }

    /** Carries the applicant's own words since they can ask on the status page: data only, never sniffed as a page. */
    @GetMapping(value = "/staff/api/tasks/{taskId}/revocation", produces = MediaType.APPLICATION_JSON_VALUE)
    RevocationView revocation(@PathVariable String taskId, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        StaffTask staffTask = staffTask(taskId, request, Form.REVOCATION_APPROVAL);
        RevocationRequest revocation = revocationRequests.ofProcessInstance(staffTask.task().getProcessInstanceId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        RevocationView view = RevocationView.of(applications.get(revocation.applicationId()), revocation,
                certificates.findBySerialNumber(revocation.serialNumber()).orElse(null));
        accessTrace.record(staffTask.user().userId(), revocation.applicationId(), PersonalDataAccess.REVOCATION_VIEW);
        return view;
    }

    /** The applicant's details to check their identity against, and what they wrote with the request. */
    @GetMapping(value = "/staff/api/tasks/{taskId}/letter-reissue", produces = MediaType.APPLICATION_JSON_VALUE)
    LetterReissueView letterReissue(@PathVariable String taskId, HttpServletRequest request) {
        StaffTask staffTask = staffTask(taskId, request, Form.LETTER_REISSUE);
        Application application = applicationOf(staffTask.task());
        LetterReissueView view = LetterReissueView.of(ReviewView.of(application, reviews.of(application.id()), false,
                        null, imageDisposal.disposed(application.id()))
                        .withConsents(consents.of(application.id()).summary()),
                letterReissues.latest(application.id())
                        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        accessTrace.record(staffTask.user().userId(), application.id(), PersonalDataAccess.LETTER_REISSUE_VIEW);
        return view;
    }

    @GetMapping("/staff/api/tasks/{taskId}/licence-image")
    ResponseEntity<byte[]> licenceImage(@PathVariable String taskId, HttpServletRequest request) {
        StaffTask staffTask = staffTask(taskId, request, Form.REVIEW, Form.ELIGIBILITY, Form.LETTER_REISSUE);
        Application application = applicationOf(staffTask.task());
        return applications.findLicenceImage(application.id())
                .map(image -> {
                    imageViews.record(application.id(), staffTask.user().userId(), taskId, clock.instant());
                    accessTrace.record(staffTask.user().userId(), application.id(),
                            PersonalDataAccess.LICENCE_IMAGE_VIEW);
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
    LicenceImageViewsView licenceImageViews(@PathVariable String orderNumber, HttpServletRequest request) {
        StaffUser user = authentication.currentUser(request)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        if (!user.groupIds().contains(StaffGroups.RA_ADMINS) && !user.groupIds().contains(StaffGroups.CAMUNDA_ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Application application = applications.findByOrderNumber(orderNumber)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return new LicenceImageViewsView(application.orderNumber(),
                imageViews.of(application.id()).stream().map(ViewRow::of).toList());
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
