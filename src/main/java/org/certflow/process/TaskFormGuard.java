package org.certflow.process;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.Task;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whoever works a task changes only what its form asks for.
 * <p>
 * Candidates hold Camunda's {@code TASK_WORK} on their tasks, which refuses {@code PUT /task/{id}/variables}; but
 * completing a task (Tasklist's submit-form, the REST API's complete or resolve) still writes whatever variables
 * come with it straight into the process instance, where they look like the model's own. The submitted names
 * alone cannot tell an overwrite of an existing variable from the model's value, so the guard compares states:
 * when a user task is created its process variables are recorded; when it is completed, every variable that
 * differs from that record and is not a field of the task's form is refused, whichever way it was changed.
 * A process started by a logged-in user may likewise carry only the fields of its start form, begins at that form's
 * start event and leaves the business key to the model. A parse listener
 * adds both checks to every model, ahead of the model's own listeners, so no model can forget them.
 */
@Component
class TaskFormGuard implements ProcessEnginePlugin {

    private final TaskVariableSnapshots snapshots;
    private final DeployedFormFields formFields = new DeployedFormFields();
    private final Clock clock;

    TaskFormGuard(JdbcClient jdbc, Clock clock) {
        this.snapshots = new TaskVariableSnapshots(jdbc);
        this.clock = clock;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPreBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPreBPMNParseListeners());
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                String formKey = formKey(element);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, TaskFormGuard.this::record);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> checkCompletion(task, formKey));
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, task -> snapshots.forget(task.getId()));
            }

            @Override
            public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
                String formKey = formKey(element);
                // the engine's own: the starter's id, if the model asks for it
                String initiator = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "initiator");
                if (scope instanceof ProcessDefinitionEntity process && formKey != null) {
                    // first of the process's start listeners: before the model's own read the variables
                    process.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution ->
                            checkStart(execution, activity.getId(), formKey, initiator), 0);
                }
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
    }

    /** Tasks created before the guard existed get their record now; a node starting alongside may be first. */
    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        for (Task task : engine.getTaskService().createTaskQuery().list()) {
            if (!snapshots.exists(task.getId())) {
                try {
                    snapshots.take(task.getId(), engine.getTaskService().getVariablesTyped(task.getId(), false),
                            clock.instant());
                } catch (DuplicateKeyException alreadyTaken) {
                    // the other node recorded the same variables
                }
            }
        }
    }

    private void record(DelegateTask task) {
        snapshots.take(task.getId(), task.getVariablesTyped(false), clock.instant());
    }

    private void checkCompletion(DelegateTask task, String formKey) {
        Map<String, String> before = snapshots.find(task.getId())
                .orElseThrow(() -> new IllegalStateException("Task " + task.getId() + " has no variable snapshot"));
        Map<String, String> now = TaskVariableSnapshots.fingerprints(task.getVariablesTyped(false));
        Set<String> fields = formFields.of(task.getProcessEngineServices().getRepositoryService(),
                task.getProcessDefinitionId(), formKey);
        Set<String> changed = new TreeSet<>();
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            if (!fields.contains(name) && !Objects.equals(before.get(name), now.get(name))) {
                changed.add(name);
            }
        }
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException("このタスクのフォームにない項目は送信・変更できません（"
                    + String.join("、", changed) + "）。画面を再読み込みし、フォームの項目だけを入力して完了してください");
        }
        snapshots.forget(task.getId());
    }

    private void checkStart(DelegateExecution execution, String startEventId, String formKey, String initiator) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (user == null || user.getUserId() == null) {
            // started by certflow itself, e.g. the portal for an applicant
            return;
        }
        // The engine names the activity an instance starts at; the REST API lets a starter pick any activity
        // (startInstructions) and skip the model's listeners, so the steps before it, the review or the
        // payment, would never happen for the business key the starter chose.
        if (!startEventId.equals(execution.getCurrentActivityId())) {
            throw new IllegalArgumentException("手続きは開始フォームから始めてください（途中の手順からは開始できません）");
        }
        // The model gives its instance the key of the record it is about; a key from the starter would tie the
        // new instance to somebody else's application.
        String businessKey = execution.getProcessBusinessKey();
        if (businessKey != null && !businessKey.isEmpty()) {
            throw new IllegalArgumentException("ビジネスキーは入力できません（手続きが自動で設定します）");
        }
        Set<String> extra = new TreeSet<>(execution.getVariableNames());
        extra.removeAll(formFields.of(execution.getProcessEngineServices().getRepositoryService(),
                execution.getProcessDefinitionId(), formKey));
        if (initiator != null) {
            extra.remove(initiator);
        }
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("開始フォームにない項目は送信できません（" + String.join("、", extra) + "）");
        }
    }

    private static String formKey(Element element) {
        return element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formKey");
    }
}
