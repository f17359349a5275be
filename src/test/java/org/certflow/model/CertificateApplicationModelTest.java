package org.certflow.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.ZonedDateTime;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.certflow.service.ProcessConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code certificate-application} on the engine alone: every branch and every timer, with the steps the model
 * names replaced by doubles. What is checked is the model's routing: which status, which mail and which step
 * follow each decision, message and deadline, and when each timer falls due with the seed's deadlines. Together
 * the tests pass every flow node and sequence flow of the model; the class fails otherwise.
 */
class CertificateApplicationModelTest {

    private static final String MODEL = ProcessConstants.CERTIFICATE_APPLICATION;
    /** 10:00 in Tokyo on 1 April 2026: the engine's clock at the start of every test. */
    private static final ZonedDateTime START = ZonedDateTime.parse("2026-04-01T10:00:00+09:00[Asia/Tokyo]");
    private static final ZonedDateTime NOT_AFTER = ZonedDateTime.parse("2027-04-20T12:00:00+09:00[Asia/Tokyo]");

    static final ModelBeans beans = new ModelBeans();

    @RegisterExtension
    static final ProcessEngineCoverageExtension extension = ModelEngine.forModel(MODEL, beans);

    private static final AtomicInteger orderNumbers = new AtomicInteger();

    @BeforeAll
    static void deploy() {
        ModelEngine.deploy(extension.getProcessEngine(), MODEL);
    }

    @AfterAll
    static void everyFlowNodePassed() {
        ModelEngine.assertEveryFlowNodePassedAndClose(extension.getProcessEngine(), MODEL);
    }

    @BeforeEach
    void startClock() {
        AbstractAssertions.init(engine());
        ModelEngine.setClock(START.toInstant());
    }

    @Test
    void anApplicationRunsFromTheProvisionalFormToTheCertificatesExpiry() {
        ProcessInstance application = awaitingPayment();
        complete(task(application), withVariables(ProcessConstants.VAR_PAID_IN_FULL, false));
        assertThat(application).isWaitingAt("ConfirmPayment");
        complete(task(application), withVariables(ProcessConstants.VAR_PAID_IN_FULL, true));
        runAsync(application, "IssueReceipt");
        decide(application, ProcessConstants.DECISION_APPROVE, false);
        runAsync(application, "SendReviewCompletedMail");
        runAsync(application, "SendPickupMail");
        pickUp(application);
        fireTimer(application, "ApprovedLicenceImageRetentionEnded", START.plusDays(90));
        runAsync(application, "DeleteApprovedLicenceImage");

        fireTimer(application, "ExpiryFirstNoticeDue", ZonedDateTime.parse("2027-01-20T09:00:00+09:00[Asia/Tokyo]"));
        runAsync(application, "SendExpiryFirstNoticeMail");
        fireTimer(application, "ExpirySecondNoticeDue", ZonedDateTime.parse("2027-03-20T09:00:00+09:00[Asia/Tokyo]"));
        runAsync(application, "SendExpirySecondNoticeMail");
        fireTimer(application, "ExpiryDay", ZonedDateTime.parse("2027-04-20T09:00:00+09:00[Asia/Tokyo]"));
        runAsync(application, "SendExpiryDayNoticeMail");

        assertThat(retained(application)).isEnded().hasPassedInOrder("ConfirmPayment", "PaidInFull", "ConfirmPayment",
                "PaymentCompleted", "IssueReceipt", "ReviewApplication", "ReviewDecision", "WaitForPickup",
                "CertificateLifeEnded", "CertificateExpired");
        Assertions.assertThat(beans.statuses(key(application))).containsExactly(
                "AWAITING_PAYMENT", "IN_REVIEW", "AWAITING_PICKUP", "CERTIFICATE_VALID", "CERTIFICATE_EXPIRED");
        Assertions.assertThat(beans.mails(key(application))).containsExactly("UPLOAD_LINK",
                "REGISTRATION_CONFIRMATION", "REVIEW_COMPLETED", "PICKUP", "CERTIFICATE_ISSUED",
                "EXPIRY_THREE_MONTHS", "EXPIRY_ONE_MONTH", "EXPIRY_DAY");
        Assertions.assertThat(beans.calls(key(application)))
                .containsSubsequence("started", "invoice", "payment checked", "payment checked", "receipt",
                        "review checked", "approved");
    }

    @Test
    void aRejectedApplicationKeepsItsImageNinetyDaysItsDataAYearAndItsTaxRecordsSevenYears() {
        ProcessInstance application = inReview();
        decide(application, ProcessConstants.DECISION_REJECT, false);
        runAsync(application, "SendRejectionMail");

        assertThat(application).isWaitingAt("LicenceImageRetentionEnded").hasPassedInOrder("Rejected", "RetentionDue",
                "LicenceImageHeld");
        fireTimer(application, "LicenceImageRetentionEnded", START.plusDays(90));
        runAsync(application, "DeleteLicenceImage");
        assertThat(application).isWaitingAt("PersonalDataRetentionEnded");
        fireTimer(application, "PersonalDataRetentionEnded", START.plusYears(1));
        runAsync(application, "ReducePersonalData");
        runAsync(application, "ForgetPersonalDataInHistory");
        assertThat(application).isWaitingAt("TaxRecordRetentionEnded");
        fireTimer(application, "TaxRecordRetentionEnded", START.plusYears(7));
        runAsync(application, "DeleteTaxRecords");

        assertThat(application).isEnded().hasPassedInOrder("DeleteLicenceImage", "LicenceImageGone",
                "ReducePersonalData", "ForgetPersonalDataInHistory", "TaxRecordsHeld", "DeleteTaxRecords",
                "TaxRecordsGone", "RetentionEnded");
        Assertions.assertThat(beans.calls(key(application))).containsSubsequence("rejected", "ended",
                "dispose licence image", "reduce personal data", "forget personal data in history",
                "dispose tax records");
    }

    @Test
    void anApprovedImageGoesNinetyDaysAfterTheDecisionWhileTheCertificateLives() {
        ProcessInstance application = certificateValid();

        assertThat(application).isWaitingAt("ApprovedLicenceImageRetentionEnded", "ExpiryFirstNoticeDue");
        fireTimer(application, "ApprovedLicenceImageRetentionEnded", START.plusDays(90));
        runAsync(application, "DeleteApprovedLicenceImage");

        assertThat(application).hasPassed("ApprovedLicenceImageDeleted").isWaitingAt("ExpiryFirstNoticeDue")
                .hasNotPassed("RetentionDue");
        Assertions.assertThat(beans.calls(key(application))).containsSubsequence("approved", "dispose licence image");
    }

    @Test
    void anApplicationWithoutAnInvoiceHasNoTaxRecordsToWaitFor() {
        ProcessInstance application = applied();
        fireTimer(application, "OneTimeLinkExpired", START.plusDays(7));
        fireTimer(application, "LicenceImageRetentionEnded", START.plusDays(7 + 90));
        runAsync(application, "DeleteLicenceImage");
        fireTimer(application, "PersonalDataRetentionEnded", START.plusDays(7).plusYears(1));
        runAsync(application, "ReducePersonalData");
        runAsync(application, "ForgetPersonalDataInHistory");

        assertThat(application).isEnded().hasPassed("TaxRecordsGone", "RetentionEnded")
                .hasNotPassed("TaxRecordRetentionEnded");
    }

    @Test
    void anUnusedUploadLinkEndsTheApplicationAfterSevenDays() {
        ProcessInstance application = applied();

        fireTimer(application, "OneTimeLinkExpired", START.plusDays(7));

        assertThat(retained(application)).isEnded().hasPassed("LinkExpired").hasNotPassed("SendRegistrationConfirmationMail");
        Assertions.assertThat(beans.statuses(key(application))).containsExactly("LINK_EXPIRED");
        assertThatThrownBy(() -> correlate(application, ProcessConstants.MESSAGE_MAIN_APPLICATION_SUBMITTED))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void anUnpaidInvoiceIsRemindedAfterFourteenDaysAndCancelledAfterThirty() {
        ProcessInstance application = awaitingPayment();
        Assertions.assertThat(task(application).getDueDate()).isEqualTo(date(START.plusDays(30)));
        Assertions.assertThat(task(application).getFollowUpDate())
                .isEqualTo(date(START.plusDays(14)));

        fireTimer(application, "PaymentReminderDue", START.plusDays(14));
        runAsync(application, "SendPaymentReminderMail");
        assertThat(application).hasPassed("PaymentReminded").isWaitingAt("ConfirmPayment");

        fireTimer(application, "PaymentDeadlinePassed", START.plusDays(30));
        runAsync(application, "SendPaymentCancelledMail");

        assertThat(retained(application)).isEnded().hasPassed("CancelledUnpaid").hasNotPassed("IssueReceipt");
        Assertions.assertThat(beans.statuses(key(application)))
                .containsExactly("AWAITING_PAYMENT", "CANCELLED_UNPAID");
        Assertions.assertThat(beans.mails(key(application)))
                .endsWith("PAYMENT_REMINDER", "PAYMENT_CANCELLED");
    }

    @Test
    void anOverdueReviewIsEscalatedAndStaysWithTheReviewers() {
        ProcessInstance application = inReview();
        Assertions.assertThat(task(application).getDueDate()).isEqualTo(date(START.plusDays(10)));
        Assertions.assertThat(task(application).getFollowUpDate())
                .isEqualTo(date(START.plusDays(7)));

        fireTimer(application, "ReviewOverdue", START.plusDays(10));
        runAsync(application, "SendReviewOverdueMail");

        assertThat(application).hasPassed("ReviewEscalated").isWaitingAt("ReviewApplication");
        assertThat(task(application)).hasCandidateGroup("reviewers");
        Assertions.assertThat(beans.mails(key(application))).endsWith("REVIEW_OVERDUE");
    }

    @Test
    void anApprovalWithDoubtGoesToASecondReviewerBeforeIssuance() {
        ProcessInstance application = inReview();

        decide(application, ProcessConstants.DECISION_APPROVE, true);
        assertThat(application).isWaitingAt("SecondReview");
        assertThat(task(application)).hasCandidateGroup("reviewers");
        Assertions.assertThat(beans.calls(key(application))).doesNotContain("approved");

        decide(application, ProcessConstants.DECISION_APPROVE, false);

        assertThat(application).isWaitingAt("SendReviewCompletedMail");
        Assertions.assertThat(beans.statuses(key(application))).endsWith("AWAITING_PICKUP");
    }

    @Test
    void aReturnedApplicationIsReviewedAgainOnceCorrected() {
        ProcessInstance application = inReview();

        decide(application, ProcessConstants.DECISION_RETURN, false);
        runAsync(application, "SendCorrectionMail");
        assertThat(application).isWaitingAt("WaitForCorrection");
        correlate(application, ProcessConstants.MESSAGE_CORRECTED_APPLICATION_SUBMITTED);

        assertThat(application).isWaitingAt("ReviewApplication");
        Assertions.assertThat(beans.statuses(key(application)))
                .endsWith("IN_REVIEW", "RETURNED_FOR_CORRECTION", "IN_REVIEW");
        Assertions.assertThat(beans.mails(key(application))).endsWith("CORRECTION_REQUEST");
    }

    @Test
    void aReturnedApplicationNobodyCorrectsEndsWhenTheLinkExpires() {
        ProcessInstance application = inReview();
        decide(application, ProcessConstants.DECISION_RETURN, false);
        runAsync(application, "SendCorrectionMail");

        fireTimer(application, "CorrectionLinkExpired", START.plusDays(7));

        assertThat(retained(application)).isEnded().hasPassed("CorrectionAbandoned");
        Assertions.assertThat(beans.statuses(key(application)))
                .endsWith("RETURNED_FOR_CORRECTION", "LINK_EXPIRED");
    }

    @Test
    void aRejectedApplicationEndsWithTheRejectionMail() {
        ProcessInstance application = inReview();

        decide(application, ProcessConstants.DECISION_REJECT, false);
        runAsync(application, "SendRejectionMail");

        assertThat(retained(application)).isEnded().hasPassed("Rejected").hasNotPassed("SendPickupMail");
        Assertions.assertThat(beans.statuses(key(application))).endsWith("REJECTED");
        Assertions.assertThat(beans.calls(key(application))).contains("rejected");
        Assertions.assertThat(beans.mails(key(application))).endsWith("REJECTION");
    }

    @Test
    void aCertificateNobodyPicksUpIsRemindedTwiceAndCancelledAfterThePickupWindow() {
        ProcessInstance application = awaitingPickup();

        fireTimer(application, "PickupFirstReminderDue", ZonedDateTime.parse("2026-04-16T09:00:00+09:00[Asia/Tokyo]"));
        runAsync(application, "SendPickupReminderMail");
        fireTimer(application, "PickupSecondReminderDue", ZonedDateTime.parse("2026-05-01T09:00:00+09:00[Asia/Tokyo]"));
        runAsync(application, "SendPickupSecondReminderMail");
        assertThat(application).hasPassed("PickupReminded", "PickupRemindedAgain").isWaitingAt("WaitForPickup");
        fireTimer(application, "PickupWindowClosed", ZonedDateTime.parse("2026-05-02T00:00:00+09:00[Asia/Tokyo]"));
        runAsync(application, "SendAutomaticCancellationMail");

        assertThat(retained(application)).isEnded().hasPassed("CancelledNotPickedUp").hasNotPassed("CertificateIssued");
        Assertions.assertThat(beans.statuses(key(application)))
                .endsWith("AWAITING_PICKUP", "CANCELLED_NOT_PICKED_UP");
        Assertions.assertThat(beans.mails(key(application)))
                .endsWith("PICKUP_REMINDER", "PICKUP_SECOND_REMINDER", "AUTOMATIC_CANCELLATION");
    }

    @Test
    void aRevocationRequestEndsTheCertificatesLife() {
        ProcessInstance application = certificateValid();

        correlate(application, ProcessConstants.MESSAGE_REVOCATION_REQUESTED);
        runAsync(application, "RevokeCertificate");
        runAsync(application, "SendRevocationMail");

        assertThat(retained(application)).isEnded().hasPassed("CertificateRevoked").hasNotPassed("CertificateExpired");
        Assertions.assertThat(beans.statuses(key(application)))
                .endsWith("CERTIFICATE_VALID", "REVOKED");
        Assertions.assertThat(beans.calls(key(application))).contains("revoke");
        Assertions.assertThat(beans.mails(key(application))).endsWith("REVOCATION");
    }

    @Test
    void aSecondPickupRevokesTheFirstCertificateAndStartsTheNewOnesLife() {
        ProcessInstance application = certificateValid();
        ZonedDateTime newNotAfter = NOT_AFTER.plusDays(10);

        runtimeService().createMessageCorrelation(ProcessConstants.MESSAGE_CERTIFICATE_REPLACED)
                .processInstanceBusinessKey(key(application))
                .setVariable(ProcessConstants.VAR_CERTIFICATE_NOT_AFTER, date(newNotAfter)).correlate();
        runAsync(application, "RevokeSupersededCertificate");
        runAsync(application, "SendSupersededMail");
        runAsync(application, "SendReissuedMail");

        assertThat(application).hasPassed("CertificateReissueAnnounced").isWaitingAt("ExpiryFirstNoticeDue");
        assertThat(managementService().createJobQuery().processInstanceId(application.getId())
                .activityId("ExpiryFirstNoticeDue").singleResult())
                .hasDueDate(date(ZonedDateTime.parse("2027-01-30T09:00:00+09:00[Asia/Tokyo]")));
        Assertions.assertThat(beans.statuses(key(application)))
                .endsWith("CERTIFICATE_VALID", "CERTIFICATE_VALID");
        Assertions.assertThat(beans.calls(key(application))).contains("revoke superseded");
        Assertions.assertThat(beans.mails(key(application)))
                .endsWith("CERTIFICATE_SUPERSEDED", "CERTIFICATE_ISSUED");
    }

    @Test
    void aMailThatKeepsFailingBecomesAnIncidentAfterTheRetryCycleAndGoesOnOnceRetried() {
        ProcessInstance application = runtimeService().startProcessInstanceByKey(MODEL, nextOrderNumber());
        Job mail = managementService().createJobQuery().processInstanceId(application.getId())
                .activityId("SendUploadLinkMail").singleResult();
        beans.fail("mail UPLOAD_LINK");
        try {
            assertThatThrownBy(() -> managementService().executeJob(mail.getId())).hasMessageContaining("UPLOAD_LINK");
            assertThat(job(mail)).hasRetries(1).hasDueDate(date(START.plusMinutes(10)));
            ModelEngine.setClock(START.plusMinutes(10).toInstant());
            assertThatThrownBy(() -> managementService().executeJob(mail.getId())).hasMessageContaining("UPLOAD_LINK");

            Incident incident = runtimeService().createIncidentQuery().processInstanceId(application.getId())
                    .singleResult();
            Assertions.assertThat(incident.getActivityId()).isEqualTo("SendUploadLinkMail");
            Assertions.assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
            assertThat(application).isWaitingAt("SendUploadLinkMail");
        } finally {
            beans.heal("mail UPLOAD_LINK");
        }

        managementService().setJobRetries(mail.getId(), 1);
        managementService().executeJob(mail.getId());

        assertThat(application).isWaitingAt("WaitForMainApplication");
        Assertions.assertThat(runtimeService().createIncidentQuery()
                .processInstanceId(application.getId()).count()).isZero();
        Assertions.assertThat(beans.mails(key(application))).containsExactly("UPLOAD_LINK");
    }

    @Test
    void aLostUploadLinkIsSentAgainOnRequestEachTimeAndTheDeadlineStays() {
        ProcessInstance application = applied();

        correlate(application, ProcessConstants.MESSAGE_UPLOAD_LINK_REQUESTED);
        runAsync(application, "SendUploadLinkAgainMail");
        correlate(application, ProcessConstants.MESSAGE_UPLOAD_LINK_REQUESTED);
        runAsync(application, "SendUploadLinkAgainMail");

        assertThat(application).hasPassed("UploadLinkResent").isWaitingAt("WaitForMainApplication");
        Assertions.assertThat(beans.mails(key(application)))
                .containsExactly("UPLOAD_LINK", "UPLOAD_LINK_RESENT", "UPLOAD_LINK_RESENT");
        Assertions.assertThat(engine().getHistoryService().createHistoricVariableInstanceQuery()
                        .processInstanceId(application.getId()).variableName(ProcessConstants.VAR_MAIL_OCCURRENCE)
                        .list().stream().map(variable -> variable.getValue()).distinct().count())
                .as("each run of the mail task is told apart, so each sends its mail").isEqualTo(2);
        fireTimer(application, "OneTimeLinkExpired", START.plusDays(7));
        assertThat(retained(application)).isEnded().hasPassed("LinkExpired");
    }

    @Test
    void aLostCorrectionLinkIsSentAgainOnRequestAndTheCorrectionStillEndsOnTime() {
        ProcessInstance application = inReview();
        decide(application, ProcessConstants.DECISION_RETURN, false);
        runAsync(application, "SendCorrectionMail");

        correlate(application, ProcessConstants.MESSAGE_UPLOAD_LINK_REQUESTED);
        runAsync(application, "SendCorrectionMailAgain");

        assertThat(application).hasPassed("CorrectionLinkResent").isWaitingAt("WaitForCorrection");
        Assertions.assertThat(beans.mails(key(application)))
                .endsWith("CORRECTION_REQUEST", "CORRECTION_REQUEST_RESENT");
        fireTimer(application, "CorrectionLinkExpired", START.plusDays(7));
        assertThat(retained(application)).isEnded().hasPassed("CorrectionAbandoned");
    }

    @Test
    void aPaidApplicationWithdrawnWhileACorrectionIsAwaitedIsRefunded() {
        ProcessInstance application = inReview();
        beans.moneyReceived(key(application));
        decide(application, ProcessConstants.DECISION_RETURN, false);
        runAsync(application, "SendCorrectionMail");
        assertThat(application).isWaitingAt("WaitForCorrection");

        correlate(application, ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN);
        Assertions.assertThat(managementService().createJobQuery().processInstanceId(application.getId())
                .timers().count()).as("the correction link's deadline dies with the wait").isZero();
        runAsync(application, "SendWithdrawalMail");
        refund(application);

        assertThat(retained(application)).isEnded().hasPassedInOrder("WithdrawnDuringCorrection", "WithdrawalAccepted",
                "SendWithdrawalMail", "WithdrawalRefundCheck", "RecordRefund", "IssueReturnInvoice", "Refunded");
        Assertions.assertThat(beans.statuses(key(application))).endsWith("WITHDRAWN", "REFUND_PENDING", "REFUNDED");
    }

    @Test
    void anApplicantWithdrawsDuringTheEligibilityCheckAndIsNeverInvoiced() {
        ProcessInstance application = applied();
        beans.otherQualification(key(application));
        correlate(application, ProcessConstants.MESSAGE_MAIN_APPLICATION_SUBMITTED);
        runAsync(application, "SendRegistrationConfirmationMail");
        assertThat(application).isWaitingAt("CheckEligibility");

        correlate(application, ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN);
        runAsync(application, "SendWithdrawalMail");

        assertThat(retained(application)).isEnded().hasPassedInOrder("WithdrawnDuringEligibilityCheck", "WithdrawalAccepted",
                "SendWithdrawalMail", "WithdrawalRefundCheck", "Withdrawn").hasNotPassed("IssueInvoice", "RecordRefund");
        Assertions.assertThat(beans.statuses(key(application))).endsWith("WITHDRAWN");
        Assertions.assertThat(beans.calls(key(application))).doesNotContain("invoice");
    }

    @Test
    void anApplicantWithdrawsBeforeTheMainApplicationAndTheLinksTimerDies() {
        ProcessInstance application = applied();

        correlate(application, ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN);
        Assertions.assertThat(managementService().createJobQuery().processInstanceId(application.getId())
                .timers().count()).isZero();
        runAsync(application, "SendWithdrawalMail");

        assertThat(retained(application)).isEnded().hasPassed("WithdrawnBeforeMainApplication", "Withdrawn")
                .hasNotPassed("LinkExpired", "SendRegistrationConfirmationMail");
        Assertions.assertThat(beans.statuses(key(application))).containsExactly("WITHDRAWN");
        Assertions.assertThat(beans.mails(key(application))).containsExactly("UPLOAD_LINK", "WITHDRAWAL");
    }

    @Test
    void anApplicantWithdrawsBeforePayingAndThePaymentTaskAndTimersDie() {
        ProcessInstance application = awaitingPayment();

        correlate(application, ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN);
        Assertions.assertThat(managementService().createJobQuery().processInstanceId(application.getId())
                .timers().count()).isZero();
        runAsync(application, "SendWithdrawalMail");

        assertThat(retained(application)).isEnded().hasPassed("WithdrawnBeforePayment", "Withdrawn")
                .hasNotPassed("CancelledUnpaid", "IssueReceipt");
        Assertions.assertThat(beans.calls(key(application))).containsSubsequence("invoice", "withdrawal checked",
                "status WITHDRAWN", "mail WITHDRAWAL");
        Assertions.assertThat(beans.statuses(key(application))).containsExactly("AWAITING_PAYMENT", "WITHDRAWN");
    }

    @Test
    void aWithdrawalTheModelsCheckRefusesLeavesTheApplicationWaitingForPayment() {
        ProcessInstance application = awaitingPayment();
        beans.fail("withdrawal checked");
        try {
            assertThatThrownBy(() -> correlate(application, ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN))
                    .hasMessageContaining("withdrawal checked");
        } finally {
            beans.heal("withdrawal checked");
        }

        assertThat(application).isWaitingAt("ConfirmPayment");
        Assertions.assertThat(beans.statuses(key(application))).containsExactly("AWAITING_PAYMENT");
        Assertions.assertThat(managementService().createJobQuery().processInstanceId(application.getId())
                .timers().count()).isEqualTo(2);
    }

    @Test
    void oncePaidTheLinkCannotBeSentAgain() {
        ProcessInstance application = inReview();

        assertThatThrownBy(() -> correlate(application, ProcessConstants.MESSAGE_UPLOAD_LINK_REQUESTED))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(application).isWaitingAt("ReviewApplication");
    }

    @Test
    void anOtherQualificationIsInvoicedOnlyOnceStaffFoundItEligible() {
        ProcessInstance application = applied();
        beans.otherQualification(key(application));
        correlate(application, ProcessConstants.MESSAGE_MAIN_APPLICATION_SUBMITTED);
        runAsync(application, "SendRegistrationConfirmationMail");
        assertThat(application).isWaitingAt("CheckEligibility");
        assertThat(task(application)).hasCandidateGroup("ra-admins")
                .hasDueDate(date(START.plusDays(3)));
        Assertions.assertThat(beans.calls(key(application))).doesNotContain("invoice");

        complete(task(application), withVariables(ProcessConstants.VAR_ELIGIBLE, true));
        runAsync(application, "IssueInvoice");
        assertThat(application).isWaitingAt("ConfirmPayment").hasPassedInOrder("EligibilityNeeded",
                "CheckEligibility", "EligibilityDecision", "InvoiceDue", "IssueInvoice");
        Assertions.assertThat(beans.statuses(key(application))).containsExactly(
                "AWAITING_ELIGIBILITY", "AWAITING_ELIGIBILITY", "AWAITING_PAYMENT");
        Assertions.assertThat(beans.calls(key(application)))
                .containsSubsequence("mail REGISTRATION_CONFIRMATION", "eligibility checked", "invoice");
    }

    @Test
    void anOtherQualificationFoundNotEligibleEndsWithTheReasonMailAndNoInvoice() {
        ProcessInstance application = applied();
        beans.otherQualification(key(application));
        correlate(application, ProcessConstants.MESSAGE_MAIN_APPLICATION_SUBMITTED);
        runAsync(application, "SendRegistrationConfirmationMail");
        complete(task(application), withVariables(ProcessConstants.VAR_ELIGIBLE, false));
        runAsync(application, "SendNotEligibleMail");

        assertThat(retained(application)).isEnded().hasPassed("NotEligible").hasNotPassed("InvoiceDue", "IssueInvoice");
        Assertions.assertThat(beans.statuses(key(application))).endsWith("NOT_ELIGIBLE");
        Assertions.assertThat(beans.mails(key(application))).containsExactly("UPLOAD_LINK",
                "REGISTRATION_CONFIRMATION", "NOT_ELIGIBLE");
        Assertions.assertThat(beans.calls(key(application))).contains("eligibility checked").doesNotContain("invoice");
    }

    @Test
    void aPaidApplicationWithdrawnDuringTheReviewEndsWithARefundForAccounting() {
        ProcessInstance application = inReview();
        beans.moneyReceived(key(application));

        correlate(application, ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN);
        Assertions.assertThat(managementService().createJobQuery().processInstanceId(application.getId())
                .timers().count()).isZero();
        runAsync(application, "SendWithdrawalMail");
        refund(application);

        assertThat(retained(application)).isEnded().hasPassedInOrder("WithdrawnDuringReview", "WithdrawalRefundCheck",
                "RecordRefund", "IssueReturnInvoice", "Refunded").hasNotPassed("Withdrawn", "ReviewDecision");
        Assertions.assertThat(beans.statuses(key(application))).containsExactly("AWAITING_PAYMENT", "IN_REVIEW",
                "WITHDRAWN", "REFUND_PENDING", "REFUNDED");
        Assertions.assertThat(beans.calls(key(application))).containsSubsequence("mail WITHDRAWAL",
                "refund recorded", "return invoice");
    }

    @Test
    void aPaidApplicationWithdrawnDuringTheSecondReviewIsRefundedToo() {
        ProcessInstance application = inReview();
        decide(application, ProcessConstants.DECISION_APPROVE, true);
        assertThat(application).isWaitingAt("SecondReview");
        beans.moneyReceived(key(application));

        correlate(application, ProcessConstants.MESSAGE_APPLICATION_WITHDRAWN);
        runAsync(application, "SendWithdrawalMail");
        refund(application);

        assertThat(retained(application)).isEnded().hasPassed("WithdrawnDuringSecondReview", "Refunded")
                .hasNotPassed("SendReviewCompletedMail");
    }

    @Test
    void aRejectionAfterPaymentEndsWithARefund() {
        ProcessInstance application = inReview();
        beans.moneyReceived(key(application));

        decide(application, ProcessConstants.DECISION_REJECT, false);
        runAsync(application, "SendRejectionMail");
        refund(application);

        assertThat(retained(application)).isEnded().hasPassedInOrder("SendRejectionMail", "RejectionRefundCheck",
                "RecordRefund", "Refunded").hasNotPassed("Rejected");
        Assertions.assertThat(beans.statuses(key(application))).endsWith("REJECTED", "REFUND_PENDING", "REFUNDED");
    }

    @Test
    void aPartPaymentIsRefundedWhenThePaymentDeadlineCancelsTheApplication() {
        ProcessInstance application = awaitingPayment();
        complete(task(application), withVariables(ProcessConstants.VAR_PAID_IN_FULL, false));
        beans.moneyReceived(key(application));

        fireTimer(application, "PaymentDeadlinePassed", START.plusDays(30));
        runAsync(application, "SendPaymentCancelledMail");
        refund(application);

        assertThat(retained(application)).isEnded().hasPassed("PaymentCancellationRefundCheck", "Refunded")
                .hasNotPassed("CancelledUnpaid", "IssueReceipt");
        Assertions.assertThat(beans.statuses(key(application)))
                .containsExactly("AWAITING_PAYMENT", "CANCELLED_UNPAID", "REFUND_PENDING", "REFUNDED");
    }

    @Test
    void anAutomaticCancellationAfterPaymentEndsWithARefund() {
        ProcessInstance application = awaitingPickup();
        beans.moneyReceived(key(application));

        fireTimer(application, "PickupWindowClosed", ZonedDateTime.parse("2026-05-02T00:00:00+09:00[Asia/Tokyo]"));
        runAsync(application, "SendAutomaticCancellationMail");
        refund(application);

        assertThat(retained(application)).isEnded().hasPassed("PickupCancellationRefundCheck", "Refunded")
                .hasNotPassed("CancelledNotPickedUp");
        Assertions.assertThat(beans.statuses(key(application)))
                .endsWith("CANCELLED_NOT_PICKED_UP", "REFUND_PENDING", "REFUNDED");
    }

    @Test
    void aPaidApplicationNobodyCorrectsIsRefundedWhenTheLinkExpires() {
        ProcessInstance application = inReview();
        decide(application, ProcessConstants.DECISION_RETURN, false);
        runAsync(application, "SendCorrectionMail");
        beans.moneyReceived(key(application));

        fireTimer(application, "CorrectionLinkExpired", START.plusDays(7));
        refund(application);

        assertThat(retained(application)).isEnded().hasPassed("CorrectionRefundCheck", "Refunded")
                .hasNotPassed("CorrectionAbandoned");
        Assertions.assertThat(beans.statuses(key(application)))
                .endsWith("RETURNED_FOR_CORRECTION", "LINK_EXPIRED", "REFUND_PENDING", "REFUNDED");
    }

    /** The refund task is accounting's, due after the refund period; completing it issues the return invoice. */
    private void refund(ProcessInstance application) {
        assertThat(application).isWaitingAt("RecordRefund");
        assertThat(task(application)).hasCandidateGroup("accounting");
        Assertions.assertThat(task(application).getDueDate())
                .isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(ModelBeans.SEED_DEADLINES.refund())));
        complete(task(application));
        runAsync(application, "IssueReturnInvoice");
    }

    @Test
    void aNewLetterAskedForDuringTheReviewIsApprovedByRaAdminsWhileTheReviewGoesOn() {
        ProcessInstance application = inReview();

        correlate(application, ProcessConstants.MESSAGE_LETTER_REISSUE_REQUESTED);
        runAsync(application, "SendLetterReissueReceivedMail");
        Task letterTask = letterTask(application);
        assertThat(letterTask).hasCandidateGroup("ra-admins")
                .hasDueDate(date(START.plusDays(3)));
        assertThat(application).isWaitingAt("ReviewApplication", "DecideLetterReissue");
        complete(letterTask, withVariables(ProcessConstants.VAR_LETTER_REISSUE_DECISION, "approve"));
        runAsync(application, "RetirePickupPassword");
        runAsync(application, "SendLetterReissueApprovedMail");

        assertThat(application).hasPassed("LetterReissued").isWaitingAt("ReviewApplication");
        Assertions.assertThat(beans.calls(key(application)))
                .containsSubsequence("letter reissue checked", "retire pickup password");
        Assertions.assertThat(beans.mails(key(application)))
                .endsWith("LETTER_REISSUE_RECEIVED", "LETTER_REISSUE_APPROVED");
    }

    @Test
    void aNewLetterAskedForAtThePickupCanBeRefusedAndAskedForAgainWhileThePickupWaits() {
        ProcessInstance application = awaitingPickup();

        correlate(application, ProcessConstants.MESSAGE_LETTER_REISSUE_REQUESTED);
        runAsync(application, "SendLetterReissueReceivedMail");
        complete(letterTask(application), withVariables(ProcessConstants.VAR_LETTER_REISSUE_DECISION, "refuse"));
        runAsync(application, "SendLetterReissueRefusedMail");
        assertThat(application).hasPassed("LetterReissueDeclined").hasNotPassed("RetirePickupPassword")
                .isWaitingAt("WaitForPickup");

        correlate(application, ProcessConstants.MESSAGE_LETTER_REISSUE_REQUESTED);
        runAsync(application, "SendLetterReissueReceivedMail");
        assertThat(application).isWaitingAt("WaitForPickup", "DecideLetterReissue");
        Assertions.assertThat(beans.mails(key(application))).endsWith("LETTER_REISSUE_RECEIVED",
                "LETTER_REISSUE_REFUSED", "LETTER_REISSUE_RECEIVED");
        Assertions.assertThat(beans.statuses(key(application))).endsWith("AWAITING_PICKUP");
    }

    @Test
    void noNewLetterIsTakenBeforeTheReviewNorOnceTheCertificateIsPickedUp() {
        ProcessInstance unpaid = awaitingPayment();
        assertThatThrownBy(() -> correlate(unpaid, ProcessConstants.MESSAGE_LETTER_REISSUE_REQUESTED))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        ProcessInstance pickedUp = certificateValid();
        assertThatThrownBy(() -> correlate(pickedUp, ProcessConstants.MESSAGE_LETTER_REISSUE_REQUESTED))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    private static Task letterTask(ProcessInstance application) {
        return taskService().createTaskQuery().processInstanceId(application.getId())
                .taskDefinitionKey("DecideLetterReissue").singleResult();
    }

    // --- the way through the model, step by step ---

    private ProcessInstance applied() {
        ProcessInstance application = runtimeService().startProcessInstanceByKey(MODEL, nextOrderNumber());
        runAsync(application, "SendUploadLinkMail");
        assertThat(application).isWaitingAt("WaitForMainApplication");
        return application;
    }

    private ProcessInstance awaitingPayment() {
        ProcessInstance application = applied();
        correlate(application, ProcessConstants.MESSAGE_MAIN_APPLICATION_SUBMITTED);
        runAsync(application, "SendRegistrationConfirmationMail");
        runAsync(application, "IssueInvoice");
        assertThat(application).isWaitingAt("ConfirmPayment");
        assertThat(task(application)).hasCandidateGroup("accounting");
        return application;
    }

    private ProcessInstance inReview() {
        ProcessInstance application = awaitingPayment();
        complete(task(application), withVariables(ProcessConstants.VAR_PAID_IN_FULL, true));
        runAsync(application, "IssueReceipt");
        assertThat(application).isWaitingAt("ReviewApplication");
        return application;
    }

    private ProcessInstance awaitingPickup() {
        ProcessInstance application = inReview();
        decide(application, ProcessConstants.DECISION_APPROVE, false);
        runAsync(application, "SendReviewCompletedMail");
        runAsync(application, "SendPickupMail");
        assertThat(application).isWaitingAt("WaitForPickup");
        return application;
    }

    private ProcessInstance certificateValid() {
        ProcessInstance application = awaitingPickup();
        pickUp(application);
        return application;
    }

    /**
     * The pickup records the certificate's notAfter; beside the certificate's life the issuance mail goes out and the
     * certificate a renewal renews is revoked if its applicant asked for it.
     */
    private void pickUp(ProcessInstance application) {
        runtimeService().createMessageCorrelation(ProcessConstants.MESSAGE_CERTIFICATE_PICKED_UP)
                .processInstanceBusinessKey(key(application))
                .setVariable(ProcessConstants.VAR_CERTIFICATE_NOT_AFTER, date(NOT_AFTER)).correlate();
        assertThat(application).isWaitingAt("SendCertificateIssuedMail", "ExpiryFirstNoticeDue");
        runAsync(application, "SendCertificateIssuedMail");
        assertThat(application).isWaitingAt("RevokeRenewedCertificate", "ExpiryFirstNoticeDue");
        runAsync(application, "RevokeRenewedCertificate");
        Assertions.assertThat(beans.calls(key(application))).contains("revoke superseded");
        assertThat(application).hasPassed("CertificateIssuedAnnounced").isWaitingAt("ExpiryFirstNoticeDue");
    }

    /**
     * The application has ended and waits in its retention tail: each retention timer fires in turn, image before
     * personal data before tax records, none before its time, and the instance ends at 「保存期間満了」. An approved
     * application's own image timer fires on its day too, beside the tail.
     */
    private ProcessInstance retained(ProcessInstance application) {
        assertThat(application).hasPassed("RetentionDue");
        Date previous = new Date(0);
        for (String[] step : new String[][] {{"ApprovedLicenceImageRetentionEnded", "DeleteApprovedLicenceImage"},
                {"LicenceImageRetentionEnded", "DeleteLicenceImage"},
                {"PersonalDataRetentionEnded", "ReducePersonalData"},
                {"TaxRecordRetentionEnded", "DeleteTaxRecords"}}) {
            Job timer = managementService().createJobQuery().processInstanceId(application.getId()).timers()
                    .activityId(step[0]).singleResult();
            if (timer == null) {
                continue;
            }
            Assertions.assertThat(timer.getDuedate()).as("%s in order", step[0]).isAfterOrEqualTo(previous);
            previous = timer.getDuedate();
            fireTimer(application, step[0], timer.getDuedate().toInstant().atZone(START.getZone()));
            runAsync(application, step[1]);
            if (step[1].equals("ReducePersonalData")) {
                runAsync(application, "ForgetPersonalDataInHistory");
            }
        }
        assertThat(application).hasPassed("PersonalDataRetentionEnded", "RetentionEnded");
        return application;
    }

    private void decide(ProcessInstance application, String decision, boolean doubt) {
        complete(task(application), withVariables(ProcessConstants.VAR_REVIEW_DECISION, decision,
                ProcessConstants.VAR_REVIEW_DOUBT, doubt));
    }

    private void correlate(ProcessInstance application, String message) {
        runtimeService().createMessageCorrelation(message).processInstanceBusinessKey(key(application)).correlate();
    }

    private void runAsync(ProcessInstance application, String activityId) {
        ModelEngine.runAsync(engine(), application, activityId);
    }

    private void fireTimer(ProcessInstance application, String activityId, ZonedDateTime due) {
        ModelEngine.fireTimer(engine(), application, activityId, due.toInstant());
    }

    private static Job job(Job job) {
        return managementService().createJobQuery().jobId(job.getId()).singleResult();
    }

    private static String key(ProcessInstance application) {
        return application.getBusinessKey();
    }

    private static String nextOrderNumber() {
        return "CF-" + orderNumbers.incrementAndGet();
    }

    private static Date date(ZonedDateTime time) {
        return Date.from(time.toInstant());
    }

    private static ProcessEngine engine() {
        return extension.getProcessEngine();
    }

}
