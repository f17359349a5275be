package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.certflow.application.ApplicantDetails;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.application.Qualification;
import org.certflow.billing.Invoices;
import org.certflow.certificate.CertificatePickup;
import org.certflow.portal.PortalSubmissions;
import org.certflow.service.ProcessConstants;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;

/**
 * Walks an application through {@code certificate-application} the way the portal, the staff and the
 * job executor do, against the whole application: real delegates, H2 and an SMTP server. Each test uses
 * its own applicant, and the engine's clock is reset after it.
 */
@CertflowTest
abstract class ProcessTestSupport {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final String SERVICE = "MCCI電子証明書サービス";
    static final String PICKUP_PASSWORD = "PASSWORDPASSWORD";
    static final String PICKUP_LABEL = "BN-Yamada.Taro";

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired HistoryService historyService;
    @Autowired ProcessDriver driver;
    @Autowired GreenMail greenMail;
    @Autowired PortalSubmissions portal;
    @Autowired ApplicationRepository applications;
    @Autowired Invoices invoices;
    @Autowired CertificatePickup pickup;
    @Autowired JdbcClient jdbc;

    /** One applicant's application and the process instance that carries it. */
    record Applicant(String email, long applicationId, String orderNumber, ProcessInstance processInstance) {

        String processInstanceId() {
            return processInstance.getId();
        }
    }

    @BeforeEach
    void initAssertions() {
        AbstractAssertions.init(processEngine);
    }

    @AfterEach
    void resetClock() {
        driver.resetClock();
    }

    // --- the applicant and the staff, step by step ---

    /** 仮申込: the portal's provisional application form; the upload link mail goes out. */
    Applicant applyProvisionally() {
        String email = "yamada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
        Application application = portal.applyProvisionally(email, Qualification.FIRST_CLASS_ARCHITECT);
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION)
                .processInstanceBusinessKey(application.orderNumber())
                .singleResult();
        Applicant applicant = new Applicant(email, application.id(), application.orderNumber(), instance);
        runJobs(applicant);
        return applicant;
    }

    /** 本申込: details, the licence image and the final submit; the confirmation and the invoice go out. */
    /** Whether the portal took it: false once the link has expired. */
    boolean submitMainApplication(Applicant applicant) {
        applications.saveDetails(applicant.applicationId(), new ApplicantDetails("山田", "太郎", "ヤマダ", "タロウ",
                "Yamada", "Taro", java.time.LocalDate.of(1980, 4, 1), "山田建築設計事務所", "0263-12-3456", "390-0811",
                "長野県松本市中央1-23-1", "123456"), 1, false, driver.now());
        applications.saveLicenceImage(applicant.applicationId(), TestApplications.licenceImage(), driver.now());
        boolean sent = portal.submit(applicant.applicationId(), PICKUP_PASSWORD);
        runJobs(applicant);
        return sent;
    }

    /** Up to the payment task: provisional and main application done, invoice mailed. */
    Applicant awaitingPayment() {
        Applicant applicant = applyProvisionally();
        submitMainApplication(applicant);
        return applicant;
    }

    long invoiceTotal(Applicant applicant) {
        return invoices.find(applicant.applicationId()).orElseThrow().totalAmount();
    }

    /** 入金確認: accounting enters the invoice's total, received today. */
    void confirmPayment(Applicant applicant) {
        taskService.complete(task(applicant, "ConfirmPayment").getId(), Map.of(
                "amountReceived", invoiceTotal(applicant),
                "receivedOn", today().toString()));
        runJobs(applicant);
    }

    /** Up to the review task. */
    Applicant inReview() {
        Applicant applicant = awaitingPayment();
        confirmPayment(applicant);
        return applicant;
    }

    /** 審査: the reviewer's decision through the review form's variables, every checklist item confirmed. */
    void review(Applicant applicant, String decision, String comment) {
        taskService.complete(task(applicant, "ReviewApplication").getId(), reviewForm(decision, comment, false));
        runJobs(applicant);
    }

    /** Acts as a staff user with that user's groups, as Tasklist does for the logged-in user. */
    void asStaff(String userId, Runnable action) {
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        identityService.setAuthentication(userId, groups);
        try {
            action.run();
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** What the review form submits: the decision, the reason, the checklist (all confirmed) and the doubt. */
    static Map<String, Object> reviewForm(String decision, String comment, boolean doubt) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessConstants.VAR_REVIEW_DECISION, decision);
        if (comment != null) {
            variables.put(ProcessConstants.VAR_REVIEW_COMMENT, comment);
        }
        for (String item : List.of("checkNumberReadable", "checkNameMatches", "checkImageLegible",
                "checkQualificationMatches")) {
            variables.put(item, true);
        }
        variables.put(ProcessConstants.VAR_REVIEW_DOUBT, doubt);
        return variables;
    }

    /** Up to the pickup: approved, the pickup mail sent. */
    Applicant awaitingPickup() {
        Applicant applicant = inReview();
        review(applicant, ProcessConstants.DECISION_APPROVE, null);
        return applicant;
    }

    /** 取得: the applicant downloads the certificate; returns its notAfter as the process received it. */
    Instant pickUp(Applicant applicant) {
        pickup.pickUp(applicant.applicationId(), "pin-12345".toCharArray());
        runJobs(applicant);
        Date notAfter = (Date) runtimeService.getVariable(applicant.processInstanceId(),
                ProcessConstants.VAR_CERTIFICATE_NOT_AFTER);
        return notAfter.toInstant();
    }

    // --- what the applicant and the staff notice ---

    Task task(Applicant applicant, String taskDefinitionKey) {
        Task task = taskService.createTaskQuery().processInstanceId(applicant.processInstanceId())
                .taskDefinitionKey(taskDefinitionKey).singleResult();
        assertThat(task).as("open task %s of %s", taskDefinitionKey, applicant.orderNumber()).isNotNull();
        return task;
    }

    long openTasks(Applicant applicant, String taskDefinitionKey) {
        return taskService.createTaskQuery().processInstanceId(applicant.processInstanceId())
                .taskDefinitionKey(taskDefinitionKey).count();
    }

    ProcessInstance instance(Applicant applicant) {
        return applicant.processInstance();
    }

    /** The day accounting recorded the payment, as the invoice table keeps it. */
    LocalDate paidOn(Applicant applicant) {
        return jdbc.sql("select paid_on from invoice where application_id = :id")
                .param("id", applicant.applicationId()).query(LocalDate.class).optional().orElse(null);
    }

    ApplicationStatus status(Applicant applicant) {
        return applications.get(applicant.applicationId()).status();
    }

    Application application(Applicant applicant) {
        return applications.get(applicant.applicationId());
    }

    /**
     * The ids of the ends the instance reached, in the order it reached them: the end events of its side branches and
     * the application's own ending, from which it passes on into its retention tail.
     */
    java.util.List<String> endEventsReached(Applicant applicant) {
        return historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(applicant.processInstanceId())
                .orderPartiallyByOccurrence().asc()
                .list().stream()
                .filter(activity -> List.of("noneEndEvent", "intermediateNoneThrowEvent")
                        .contains(activity.getActivityType()))
                .map(activity -> activity.getActivityId()).toList();
    }

    /** The elements of the retention tail (保存期間), where an ended application's instance waits for years. */
    static final java.util.Set<String> RETENTION_TAIL = java.util.Set.of("ApprovedLicenceImageRetentionEnded",
            "DeleteApprovedLicenceImage", "LicenceImageRetentionEnded", "DeleteLicenceImage",
            "PersonalDataRetentionEnded", "ReducePersonalData", "ForgetPersonalDataInHistory",
            "TaxRecordRetentionEnded", "DeleteTaxRecords");

    /**
     * The application has ended: its instance reached its retention tail and waits there only (or, the tail passed,
     * has ended); nothing of the application itself is left to do.
     */
    void assertEnded(Applicant applicant) {
        assertThat(reached(applicant, "RetentionDue")).as("%s reached its retention tail", applicant.orderNumber())
                .isTrue();
        if (runtimeService.createProcessInstanceQuery().processInstanceId(applicant.processInstanceId()).count() > 0) {
            assertThat(runtimeService.getActiveActivityIds(applicant.processInstanceId()))
                    .as("%s waits only in its retention tail", applicant.orderNumber())
                    .isSubsetOf(RETENTION_TAIL);
        }
    }

    /** The jobs of the application (timers, steps) left outside its retention tail. */
    long jobsOutsideRetention(Applicant applicant) {
        var jobs = processEngine.getManagementService();
        long all = jobs.createJobQuery().processInstanceId(applicant.processInstanceId()).count();
        return all - RETENTION_TAIL.stream().mapToLong(activity -> jobs.createJobQuery()
                .processInstanceId(applicant.processInstanceId()).activityId(activity).count()).sum();
    }

    boolean reached(Applicant applicant, String activityId) {
        return historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(applicant.processInstanceId())
                .activityId(activityId).count() > 0;
    }

    Mailbox mailbox(Applicant applicant) {
        return new Mailbox(greenMail, applicant.email());
    }

    Mailbox mailbox(String recipient) {
        return new Mailbox(greenMail, recipient);
    }

    // --- time ---

    int runJobs(Applicant applicant) {
        return driver.runDueJobs(applicant.processInstanceId());
    }

    void travelTo(LocalDateTime tokyoTime) {
        driver.travelTo(tokyoTime.atZone(TOKYO).toInstant());
    }

    LocalDate today() {
        return driver.now().atZone(TOKYO).toLocalDate();
    }
}
