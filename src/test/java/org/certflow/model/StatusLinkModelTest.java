package org.certflow.model;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.Instant;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.Job;
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
 * {@code application-status-link} on the engine alone: each request is an instance of its own whose one step mails
 * the link from a job, with the service's retry cycle.
 */
class StatusLinkModelTest {

    private static final String MODEL = ProcessConstants.APPLICATION_STATUS_LINK;

    static final ModelBeans beans = new ModelBeans();

    @RegisterExtension
    static final ProcessEngineCoverageExtension extension = ModelEngine.forModel(MODEL, beans);

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
        AbstractAssertions.init(extension.getProcessEngine());
        ModelEngine.setClock(Instant.parse("2026-04-01T01:00:00Z"));
    }

    @Test
    void eachRequestMailsOneStatusLinkFromAJob() {
        ProcessInstance first = runtimeService().startProcessInstanceByKey(MODEL, "PBJ10000001");
        ProcessInstance second = runtimeService().startProcessInstanceByKey(MODEL, "PBJ10000001");
        assertThat(first).isWaitingAt("SendStatusLinkMail");
        Assertions.assertThat(beans.mails("PBJ10000001")).as("nothing leaves inside the request").isEmpty();

        ModelEngine.runAsync(extension.getProcessEngine(), first, "SendStatusLinkMail");
        ModelEngine.runAsync(extension.getProcessEngine(), second, "SendStatusLinkMail");

        assertThat(first).isEnded().hasPassed("StatusLinkSent");
        assertThat(second).isEnded();
        Assertions.assertThat(beans.mails("PBJ10000001")).containsExactly("STATUS_LINK", "STATUS_LINK");
    }

    @Test
    void aFailingMailIsRetriedOnTheServicesCycle() {
        ProcessInstance request = runtimeService().startProcessInstanceByKey(MODEL, "PBJ10000002");
        Job mail = extension.getProcessEngine().getManagementService().createJobQuery()
                .processInstanceId(request.getId()).singleResult();
        beans.fail("mail STATUS_LINK");
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> extension.getProcessEngine()
                    .getManagementService().executeJob(mail.getId())).hasMessageContaining("STATUS_LINK");
        } finally {
            beans.heal("mail STATUS_LINK");
        }
        Job retried = extension.getProcessEngine().getManagementService().createJobQuery().jobId(mail.getId())
                .singleResult();
        Assertions.assertThat(retried.getRetries()).as("the cycle %s", ModelBeans.RETRY_CYCLE).isEqualTo(1);
        assertThat(request).isWaitingAt("SendStatusLinkMail");
    }
}
