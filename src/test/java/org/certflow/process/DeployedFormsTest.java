package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.certflow.service.ProcessConstants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tasklist loads the embedded forms from the deployment: each form key resolves to a deployed form. */
class DeployedFormsTest extends ProcessTestSupport {

    @Autowired FormService formService;
    @Autowired RepositoryService repositoryService;

    @Test
    void startFormsOfBothProcessesAreDeployed() throws IOException {
        for (String key : new String[] {ProcessConstants.CERTIFICATE_APPLICATION, ProcessConstants.REVOCATION_REQUEST}) {
            ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
                    .processDefinitionKey(key).latestVersion().singleResult();
            assertThat(read(formService.getDeployedStartForm(definition.getId())))
                    .as("start form of %s", key).contains("cam-variable-name");
        }
    }

    @Test
    void paymentAndReviewTaskFormsAreDeployed() throws IOException {
        Applicant applicant = awaitingPayment();
        assertThat(read(formService.getDeployedTaskForm(task(applicant, "ConfirmPayment").getId())))
                .contains("cam-variable-name").contains("amountReceived").contains("receivedOn");

        confirmPayment(applicant);
        assertThat(read(formService.getDeployedTaskForm(task(applicant, "ReviewApplication").getId())))
                .contains("cam-variable-name").contains("reviewDecision").contains("reviewComment")
                .contains("checkNumberReadable").contains("reviewDoubt");
    }

    @Test
    void revocationApprovalFormIsDeployed() throws IOException {
        Applicant applicant = awaitingPickup();
        pickUp(applicant);
        String[] requestId = new String[1];
        asStaff("ra-admin", () -> requestId[0] = runtimeService.startProcessInstanceByKey(
                ProcessConstants.REVOCATION_REQUEST, Map.of("revocationTarget", applicant.orderNumber(),
                        ProcessConstants.VAR_REVOCATION_REASON, 5, "revocationComment", "廃業")).getId());
        String taskId = taskService.createTaskQuery().processInstanceId(requestId[0]).singleResult().getId();
        assertThat(read(formService.getDeployedTaskForm(taskId)))
                .contains("cam-variable-name").contains("revocationDecision").contains("/revocation");
    }

    private static String read(InputStream form) throws IOException {
        try (form) {
            return new String(form.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
