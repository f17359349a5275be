package org.certflow.process;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.certflow.service.ProcessConstants;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 履歴の自由記述を削除: the history keeps every value a variable ever had (history level full) until the instance's
 * history is cleaned up, years later. This deletes the history of the variables that may carry personal data, in this
 * instance and in the application's ended revocation requests; the records certflow keeps in its own tables stay.
 */
@Component("forgetPersonalDataInHistory")
public class ForgetPersonalDataInHistoryDelegate implements JavaDelegate {

    /** The revocation request's texts: its record (revocation_request) keeps what the CA has to keep. */
    static final List<String> REVOCATION_REQUEST_VARIABLES = List.of(ProcessConstants.VAR_REVOCATION_COMMENT,
            "approvalComment");

    private final HistoryService historyService;
    private final JdbcClient jdbc;

    public ForgetPersonalDataInHistoryDelegate(HistoryService historyService, JdbcClient jdbc) {
        this.historyService = historyService;
        this.jdbc = jdbc;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<HistoricVariableInstance> personal = new ArrayList<>(historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .variableNameIn(ReducePersonalDataDelegate.PERSONAL_VARIABLES.toArray(String[]::new))
                .includeDeleted().list());
        forgetFormFields(execution.getProcessInstanceId(), ReducePersonalDataDelegate.PERSONAL_VARIABLES);
        String orderNumber = execution.getProcessBusinessKey();
        for (HistoricProcessInstance request : historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ProcessConstants.REVOCATION_REQUEST).processInstanceBusinessKey(orderNumber)
                .finished().list()) {
            personal.addAll(historyService.createHistoricVariableInstanceQuery()
                    .processInstanceId(request.getId())
                    .variableNameIn(REVOCATION_REQUEST_VARIABLES.toArray(String[]::new))
                    .includeDeleted().list());
            forgetFormFields(request.getId(), REVOCATION_REQUEST_VARIABLES);
        }
        for (HistoricVariableInstance variable : personal) {
            historyService.deleteHistoricVariableInstance(variable.getId());
        }
    }

    /**
     * A form submitted in Tasklist (submit-form) also leaves each field's value as a form property in the history's
     * details, tied to no variable, which the engine's API does not delete one by one.
     */
    private void forgetFormFields(String processInstanceId, List<String> names) {
        jdbc.sql("delete from ACT_HI_DETAIL where PROC_INST_ID_ = :instance and TYPE_ = 'FormProperty'"
                        + " and NAME_ in (:names)")
                .param("instance", processInstanceId).param("names", names).update();
    }
}
