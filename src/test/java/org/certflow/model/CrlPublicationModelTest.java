package org.certflow.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
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
 * {@code crl-publication} on the engine alone: the cycle from {@code crlPublication.cycle()} starts an instance
 * every 12 hours, which signs a CRL and then looks at the mail-signing certificate; a CRL that cannot be signed
 * becomes an incident without stopping the next cycle.
 */
class CrlPublicationModelTest {

    private static final String MODEL = ProcessConstants.CRL_PUBLICATION;
    private static final ZonedDateTime DEPLOYED = ZonedDateTime.parse("2026-04-01T10:00:00+09:00[Asia/Tokyo]");
    private static final Duration CYCLE = Duration.ofHours(12);

    static final ModelBeans beans = new ModelBeans();

    @RegisterExtension
    static final ProcessEngineCoverageExtension extension = ModelEngine.forModel(MODEL, beans);

    @BeforeAll
    static void deploy() {
        ModelEngine.setClock(DEPLOYED.toInstant());
        ModelEngine.deploy(extension.getProcessEngine(), MODEL);
    }

    @AfterAll
    static void everyFlowNodePassed() {
        ModelEngine.assertEveryFlowNodePassedAndClose(extension.getProcessEngine(), MODEL);
    }

    @BeforeEach
    void initAssertions() {
        AbstractAssertions.init(engine());
    }

    @Test
    void eachCycleSignsACrlThenChecksTheMailSigningCertificateAndSchedulesTheNext() {
        Instant due = startCycle();
        ProcessInstance cycle = running();

        ModelEngine.runAsync(engine(), cycle, "PublishCrl");
        ModelEngine.runAsync(engine(), cycle, "RenewMailSigning");

        assertThat(cycle).isEnded().hasPassedInOrder("CrlPublicationDue", "PublishCrl", "RenewMailSigning",
                "CrlPublished");
        Assertions.assertThat(beans.calls(ModelBeans.SERVICE))
                .endsWith("publish scheduled by system", "renew mail signing");
        Assertions.assertThat(nextCycle().getDuedate()).isEqualTo(Date.from(due.plus(CYCLE)));
    }

    @Test
    void aCrlThatCannotBeSignedBecomesAnIncidentAndTheNextCycleStillComes() {
        Instant due = startCycle();
        ProcessInstance cycle = running();
        Job publish = managementService().createJobQuery().processInstanceId(cycle.getId()).activityId("PublishCrl")
                .singleResult();
        beans.fail("publish scheduled by system");
        try {
            assertThatThrownBy(() -> managementService().executeJob(publish.getId()));
            ModelEngine.setClock(due.plus(Duration.ofMinutes(10)));
            assertThatThrownBy(() -> managementService().executeJob(publish.getId()));

            Incident incident = runtimeService().createIncidentQuery().processInstanceId(cycle.getId())
                    .singleResult();
            Assertions.assertThat(incident.getActivityId()).isEqualTo("PublishCrl");
            Assertions.assertThat(nextCycle().getDuedate())
                    .isEqualTo(Date.from(due.plus(CYCLE)));
        } finally {
            beans.heal("publish scheduled by system");
        }

        managementService().setJobRetries(publish.getId(), 1);
        ModelEngine.runAsync(engine(), cycle, "PublishCrl");
        ModelEngine.runAsync(engine(), cycle, "RenewMailSigning");
        assertThat(cycle).isEnded();
    }

    /**
     * Moves the clock to the next cycle and fires it; returns when it was due. Cycles fall due every 12 hours
     * from the deployment, whichever test fires which.
     */
    private Instant startCycle() {
        Job timer = nextCycle();
        Instant due = timer.getDuedate().toInstant();
        Duration sinceDeployment = Duration.between(DEPLOYED.toInstant(), due);
        Assertions.assertThat(sinceDeployment).isPositive();
        Assertions.assertThat(sinceDeployment.toMinutes() % CYCLE.toMinutes()).isZero();
        ModelEngine.setClock(due);
        managementService().executeJob(timer.getId());
        return due;
    }

    private static Job nextCycle() {
        return managementService().createJobQuery().processDefinitionKey(MODEL).timers().singleResult();
    }

    private static ProcessInstance running() {
        return runtimeService().createProcessInstanceQuery().processDefinitionKey(MODEL).singleResult();
    }

    private static ProcessEngine engine() {
        return extension.getProcessEngine();
    }
}
