package org.certflow.operations;

import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * What an operator alerts on in the engine, read from the shared database at each scrape (so every node reports the
 * same figures): open incidents, jobs due and not yet taken by any node's job executor (a growing number means the
 * nodes cannot keep up), jobs a node has taken, jobs out of retries, and running instances per process. The job
 * executor's thread pool of each node is Spring Boot's {@code executor_*{name="camundaTaskExecutor"}}.
 */
@Component
class EngineMetrics implements MeterBinder {

    private static final List<String> PROCESSES = List.of(ProcessConstants.CERTIFICATE_APPLICATION,
            ProcessConstants.REVOCATION_REQUEST, ProcessConstants.CRL_PUBLICATION);

    private final RuntimeService runtime;
    private final ManagementService management;

    EngineMetrics(RuntimeService runtime, ManagementService management) {
        this.runtime = runtime;
        this.management = management;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String type : List.of(Incident.FAILED_JOB_HANDLER_TYPE, Incident.EXTERNAL_TASK_HANDLER_TYPE)) {
            gauge(registry, "camunda.incidents", "Open incidents (Cockpit shows them)", "type", type,
                    () -> runtime.createIncidentQuery().incidentType(type).count());
        }
        gauge(registry, "camunda.jobs", "Jobs of the engine by state", "state", "due",
                () -> management.createJobQuery().executable().count()
                        - management.createJobQuery().executable().acquired().count());
        gauge(registry, "camunda.jobs", "Jobs of the engine by state", "state", "acquired",
                () -> management.createJobQuery().acquired().count());
        gauge(registry, "camunda.jobs", "Jobs of the engine by state", "state", "no-retries-left",
                () -> management.createJobQuery().noRetriesLeft().count());
        gauge(registry, "camunda.jobs", "Jobs of the engine by state", "state", "timer-waiting",
                () -> management.createJobQuery().timers().count());
        for (String process : PROCESSES) {
            gauge(registry, "camunda.process.instances", "Running instances per process; an ended application's instance runs on in its retention tail for years", "process", process,
                    () -> runtime.createProcessInstanceQuery().processDefinitionKey(process).count());
        }
    }

    private static void gauge(MeterRegistry registry, String name, String description, String tag, String value,
                              Supplier<Long> count) {
        Gauge.builder(name, count::get).tag(tag, value).description(description).register(registry);
    }
}
