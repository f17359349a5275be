package org.certflow.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.certflow.service.ProcessConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code revocation-request} on the engine alone: a second {@code ra-admins} member approves or declines, and
 * only an approval asks the application's model to revoke. The applicant's own request (a message from the status
 * page) is acknowledged by mail, meets the same approval, and a decline is told to the applicant; a compromised
 * key's approval is due within hours and comes first.
 */
class RevocationRequestModelTest {

    private static final String MODEL = ProcessConstants.REVOCATION_REQUEST;
    private static final ZonedDateTime START = ZonedDateTime.parse("2026-04-01T10:00:00+09:00[Asia/Tokyo]");

    static final ModelBeans beans = new ModelBeans();

    @RegisterExtension
    static final ProcessEngineCoverageExtension extension = ModelEngine.forModel(MODEL, beans);

    private static final AtomicInteger requests = new AtomicInteger();

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
    void anApprovedRequestAsksForTheRevocation() {
        ProcessInstance request = requested();

        taskService().claim(task(request).getId(), "second-admin");
        complete(task(request), withVariables(ProcessConstants.VAR_REVOCATION_DECISION, "approve"));

        assertThat(request).isEnded().hasPassed("RequestRevocation", "RevocationRequestSent");
        Assertions.assertThat(beans.calls(request.getBusinessKey())).containsExactly(
                "check revocation request", "revocation approval checked assignee", "revocation approval checked",
                "request revocation");
    }

    @Test
    void aDeclinedRequestEndsWithoutRevoking() {
        ProcessInstance request = requested();

        complete(task(request), withVariables(ProcessConstants.VAR_REVOCATION_DECISION, "decline"));

        assertThat(request).isEnded().hasPassed("RevocationRequestDeclined").hasNotPassed("RequestRevocation");
        Assertions.assertThat(beans.calls(request.getBusinessKey()))
                .doesNotContain("request revocation");
    }

    @Test
    void aDecisionThatIsNeitherLeavesTheRequestWithTheAdmins() {
        ProcessInstance request = requested();

        assertThatThrownBy(() -> complete(task(request),
                withVariables(ProcessConstants.VAR_REVOCATION_DECISION, "revoke-everything")))
                .isInstanceOf(ProcessEngineException.class);

        assertThat(request).isWaitingAt("ApproveRevocation");
        Assertions.assertThat(beans.calls(request.getBusinessKey()))
                .doesNotContain("request revocation");
    }

    @Test
    void aRequestTheCheckRefusesIsNeverStarted() {
        String businessKey = "REV-refused";
        beans.fail("check revocation request");
        try {
            assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(MODEL, businessKey,
                    Map.of(ProcessConstants.VAR_REVOCATION_REASON, 1)))
                    .hasMessageContaining("check revocation request");
        } finally {
            beans.heal("check revocation request");
        }

        Assertions.assertThat(runtimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey).count()).isZero();
    }

    @Test
    void aCompromisedKeysApprovalIsDueWithinHoursAndComesFirst() {
        String businessKey = "REV-key-" + requests.incrementAndGet();
        beans.revocationRequest(businessKey, false, true);
        ProcessInstance request = runtimeService().startProcessInstanceByKey(MODEL, businessKey,
                Map.of(ProcessConstants.VAR_REVOCATION_REASON, 1));

        assertThat(task(request)).hasCandidateGroup("ra-admins")
                .hasDueDate(Date.from(START.plusHours(4).toInstant()));
        Assertions.assertThat(task(request).getPriority()).isEqualTo(90);
        Assertions.assertThat(task(requested()).getPriority()).as("any other reason").isEqualTo(50);
    }

    @Test
    void theApplicantsRequestIsAcknowledgedAndMeetsTheSameApproval() {
        String businessKey = "PBJ-applicant-" + requests.incrementAndGet();
        beans.revocationRequest(businessKey, true, true);
        ProcessInstance request = askedByApplicant(businessKey);

        assertThat(request).isWaitingAt("ApproveRevocation", "SendRevocationReceiptMail");
        assertThat(task(request)).hasCandidateGroup("ra-admins")
                .hasDueDate(Date.from(START.plusHours(4).toInstant()));
        runJob(request, "SendRevocationReceiptMail");
        Assertions.assertThat(beans.mails(businessKey)).containsExactly("REVOCATION_REQUEST_RECEIVED");
        assertThat(request).hasPassed("RevocationReceiptSent").isWaitingAt("ApproveRevocation");

        complete(task(request), withVariables(ProcessConstants.VAR_REVOCATION_DECISION, "approve"));

        assertThat(request).isEnded().hasPassed("RequestRevocation", "RevocationRequestSent");
        Assertions.assertThat(beans.calls(businessKey)).containsExactly("record applicant's revocation request",
                "mail REVOCATION_REQUEST_RECEIVED", "revocation approval checked", "request revocation");
    }

    @Test
    void aDeclinedApplicantsRequestIsToldToTheApplicant() {
        String businessKey = "PBJ-declined-" + requests.incrementAndGet();
        beans.revocationRequest(businessKey, true, false);
        ProcessInstance request = askedByApplicant(businessKey);
        assertThat(task(request)).hasDueDate(Date.from(START.plusDays(1).toInstant()));

        complete(task(request), withVariables(ProcessConstants.VAR_REVOCATION_DECISION, "decline"));
        assertThat(request).isWaitingAt("SendRevocationDeclinedMail", "SendRevocationReceiptMail");
        runJob(request, "SendRevocationDeclinedMail");
        runJob(request, "SendRevocationReceiptMail");

        assertThat(request).isEnded().hasPassed("RevocationDeclinedNotified").hasNotPassed("RequestRevocation",
                "RevocationRequestDeclined");
        Assertions.assertThat(beans.mails(businessKey))
                .containsExactlyInAnyOrder("REVOCATION_REQUEST_DECLINED", "REVOCATION_REQUEST_RECEIVED");
    }

    @Test
    void anApplicantsRequestTheRecordRefusesIsNeverStarted() {
        String businessKey = "PBJ-refused";
        beans.fail("record applicant's revocation request");
        try {
            assertThatThrownBy(() -> askedByApplicant(businessKey))
                    .hasMessageContaining("record applicant's revocation request");
        } finally {
            beans.heal("record applicant's revocation request");
        }

        Assertions.assertThat(runtimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey).count()).isZero();
    }

    /** The status page's message, for the application of its session. */
    private ProcessInstance askedByApplicant(String businessKey) {
        return runtimeService().startProcessInstanceByMessage(
                ProcessConstants.MESSAGE_APPLICANT_REVOCATION_REQUESTED, businessKey,
                Map.of(ProcessConstants.VAR_APPLICANT_REVOCATION_REASON, "LOSS",
                        ProcessConstants.VAR_REVOCATION_COMMENT, "PCを紛失"));
    }

    private void runJob(ProcessInstance request, String activityId) {
        engine().getManagementService().executeJob(engine().getManagementService().createJobQuery()
                .processInstanceId(request.getId()).activityId(activityId).singleResult().getId());
    }

    /** The start form's request, checked at once, with the approval due the next day. */
    private ProcessInstance requested() {
        ProcessInstance request = runtimeService().startProcessInstanceByKey(MODEL, "REV-" + requests.incrementAndGet(),
                Map.of(ProcessConstants.VAR_REVOCATION_REASON, 1));
        assertThat(request).isWaitingAt("ApproveRevocation");
        assertThat(task(request)).hasCandidateGroup("ra-admins")
                .hasDueDate(Date.from(START.plusDays(1).toInstant()));
        return request;
    }

    private static ProcessEngine engine() {
        return extension.getProcessEngine();
    }
}
