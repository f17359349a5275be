package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.certflow.mail.ApplicantMail;
import org.certflow.mail.ApplicantMails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The mails live with the features that write them; a mail task the model names must still find its feature and
 * its template, or the task would stop on an incident the first time it runs.
 */
class ModelMailsTest extends ProcessTestSupport {

    @Autowired RepositoryService repositoryService;
    @Autowired ApplicantMails mails;

    @Test
    void everyMailTheModelsSendIsWrittenByAFeature() {
        List<String> named = repositoryService.createProcessDefinitionQuery().latestVersion().list().stream()
                .map(ProcessDefinition::getId)
                .map(repositoryService::getBpmnModelInstance)
                .flatMap(model -> model.getModelElementsByType(CamundaInputParameter.class).stream())
                .filter(parameter -> parameter.getCamundaName().equals("mail"))
                .map(CamundaInputParameter::getTextContent)
                .distinct().toList();

        assertThat(named).hasSize(28);
        for (String name : named) {
            ApplicantMail mail = mails.named(name);
            assertThat(mail.name()).isEqualTo(name);
            assertThat(getClass().getResource("/mail/" + mail.template() + ".txt")).as(name).isNotNull();
        }
        assertThatThrownBy(() -> mails.named("NO_SUCH_MAIL")).isInstanceOf(IllegalArgumentException.class);
    }
}
