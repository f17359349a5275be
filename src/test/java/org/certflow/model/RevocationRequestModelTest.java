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
 * only an approval asks the application's model to revoke.
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
