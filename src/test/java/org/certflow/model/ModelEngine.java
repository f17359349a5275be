package org.certflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;

/**
 * A plain in-memory engine for one model: no Spring, the model's beans replaced by {@link ModelBeans}, no job
 * executor (the tests run each job, and move the clock to each timer), full history, and the coverage listeners
 * whose report lands in {@code target/process-test-coverage/}.
 */
final class ModelEngine {

    private ModelEngine() {
    }

    /** The engine for one test class, which must pass every flow node and sequence flow of its model. */
    static ProcessEngineCoverageExtension forModel(String model, ModelBeans beans) {
        ProcessCoverageInMemProcessEngineConfiguration configuration = new ProcessCoverageInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("model-" + model);
        configuration.setJdbcUrl("jdbc:h2:mem:model-" + model + ";DB_CLOSE_DELAY=1000");
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setBeans(beans.byName());
        return ProcessEngineCoverageExtension.builder(configuration).assertClassCoverageAtLeast(1.0).build();
    }

    /**
     * Deploys the model from {@code processes/}, as the application does, once for the whole test class (not per
     * test with {@code @Deployment}, which deletes the history after each test): the flow-node check reads the
     * history of all the class's tests.
     */
    static void deploy(ProcessEngine engine, String model) {
        engine.getRepositoryService().createDeployment().name(model)
                .addClasspathResource("processes/" + model + ".bpmn").deploy();
    }

    /**
     * Every flow node of the model (activities, events, gateways, inside the subprocesses too) was entered by
     * some test of the class; names the ones no test reached. The engine closes then: the coverage report, written
     * after the class, needs only what it recorded.
     */
    static void assertEveryFlowNodePassedAndClose(ProcessEngine engine, String processKey) {
        try {
            assertEveryFlowNodePassed(engine, processKey);
        } finally {
            engine.close();
        }
    }

    private static void assertEveryFlowNodePassed(ProcessEngine engine, String processKey) {
        ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(processKey).latestVersion().singleResult();
        Set<String> flowNodes = engine.getRepositoryService().getBpmnModelInstance(definition.getId())
                .getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> passed = engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processDefinitionId(definition.getId()).list().stream()
                .map(HistoricActivityInstance::getActivityId).collect(Collectors.toSet());
        Set<String> missed = new TreeSet<>(flowNodes);
        missed.removeAll(passed);
        assertThat(missed).as("flow nodes of %s that no test passed (of %d)", processKey, flowNodes.size()).isEmpty();
    }

    static void setClock(Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
    }

    /**
     * The timer waiting at this boundary or catch event: it is due exactly at {@code due}, not a second earlier;
     * the clock moves there and the timer fires.
     */
    static void fireTimer(ProcessEngine engine, ProcessInstance instance, String activityId, Instant due) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .timers().activityId(activityId).singleResult();
        assertThat(timer).as("timer at %s", activityId).isNotNull();
        assertThat(timer.getDuedate()).as("due date of %s", activityId).isEqualTo(Date.from(due));
        setClock(due.minusSeconds(1));
        assertThat(engine.getManagementService().createJobQuery().jobId(timer.getId()).executable().count())
                .as("%s is not due before its time", activityId).isZero();
        setClock(due);
        engine.getManagementService().executeJob(timer.getId());
    }

    /** Runs the job that waits before the asynchronous activity (a mail, an invoice, a revocation). */
    static void runAsync(ProcessEngine engine, ProcessInstance instance, String activityId) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(activityId).singleResult();
        assertThat(job).as("job before %s", activityId).isNotNull();
        engine.getManagementService().executeJob(job.getId());
    }
}
