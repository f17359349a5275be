package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.certflow.service.ProcessConstants;
import org.certflow.staff.StaffSetup;
import org.certflow.support.CertflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A model reaches only the beans the models name, so a model that got deployed somehow still cannot call the CA
 * or the data source; and nobody deploys or deletes models over HTTP, not even an administrator.
 */
@CertflowTest
class ProcessBeansTest {

    @LocalServerPort int port;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired StaffSetup staff;

    @Test
    void anExpressionCannotReachABeanThatNoModelNames() {
        Deployment deployment = repositoryService.createDeployment().name("bean-probe")
                .addString("bean-probe.bpmn", model("${certificateAuthority.toString()}", "${dataSource}",
                        "script:${certificateAuthority.toString()}")).deploy();
        try {
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("bean-probe-0"))
                    .isInstanceOf(ProcessEngineException.class)
                    .hasMessageContaining("Unknown property used in expression")
                    .hasMessageContaining("certificateAuthority");
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("bean-probe-1"))
                    .isInstanceOf(ProcessEngineException.class)
                    .hasMessageContaining("Unknown property used in expression")
                    .hasMessageContaining("dataSource");
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("bean-probe-2"))
                    .as("a script task").isInstanceOf(ProcessEngineException.class)
                    .hasMessageContaining("certificateAuthority");
            assertThat(runtimeService.startProcessInstanceByKey("bean-probe-3").isEnded())
                    .as("a bean the models name still resolves").isTrue();
        } finally {
            repositoryService.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void anAdministratorCannotDeployOrDeleteAModelOverTheRestApi() throws Exception {
        String name = "attack-" + UUID.randomUUID();
        String boundary = "certflow" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"data\"; filename=\"attack.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + model("${certificateAuthority.toString()}") + "\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<String> deploy = HttpClient.newHttpClient().send(admin("/engine-rest/deployment/create")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(403);
        assertThat(deploy.body()).contains("deployed only by a release of certflow");
        assertThat(repositoryService.createDeploymentQuery().deploymentName(name).count()).isZero();

        String release = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION).latestVersion().singleResult()
                .getDeploymentId();
        HttpResponse<String> delete = HttpClient.newHttpClient().send(
                admin("/engine-rest/deployment/" + release + "?cascade=true").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(403);
        assertThat(repositoryService.createDeploymentQuery().deploymentId(release).count()).isEqualTo(1);

        String definition = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION).latestVersion().singleResult().getId();
        HttpResponse<String> deleteDefinition = HttpClient.newHttpClient().send(
                admin("/engine-rest/process-definition/" + definition + "?cascade=true").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleteDefinition.statusCode()).as(deleteDefinition.body()).isEqualTo(403);
        HttpResponse<String> deleteByKey = HttpClient.newHttpClient().send(
                admin("/engine-rest/process-definition/key/" + ProcessConstants.CERTIFICATE_APPLICATION
                        + "/delete?cascade=true").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleteByKey.statusCode()).as(deleteByKey.body()).isIn(403, 404);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionId(definition).count()).isOne();
    }

    private HttpRequest.Builder admin(String path) {
        String password = staff.demoUsers().stream().filter(user -> user.id().equals("admin")).findFirst()
                .orElseThrow().password();
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * One process per expression, {@code bean-probe-<n>}, plus one that names an allowed bean; an expression
     * starting {@code script:} becomes a juel script task.
     */
    private static String model(String... expressions) {
        StringBuilder processes = new StringBuilder();
        for (int i = 0; i <= expressions.length; i++) {
            String expression = i < expressions.length ? expressions[i] : "${deadlines.oneTimeLink()}";
            String task = expression.startsWith("script:")
                    ? "<bpmn:scriptTask id=\"probe%1$d\" scriptFormat=\"juel\"><bpmn:script>%2$s</bpmn:script></bpmn:scriptTask>"
                            .formatted(i, expression.substring("script:".length()))
                    : "<bpmn:serviceTask id=\"probe%1$d\" camunda:expression=\"%2$s\" />".formatted(i, expression);
            processes.append("""
                    <bpmn:process id="bean-probe-%d" isExecutable="true" camunda:historyTimeToLive="1">
                      <bpmn:startEvent id="start%1$d" />
                      <bpmn:sequenceFlow id="toProbe%1$d" sourceRef="start%1$d" targetRef="probe%1$d" />
                      %2$s
                      <bpmn:sequenceFlow id="toEnd%1$d" sourceRef="probe%1$d" targetRef="end%1$d" />
                      <bpmn:endEvent id="end%1$d" />
                    </bpmn:process>
                    """.formatted(i, task));
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://certflow.org/test">
                %s</bpmn:definitions>
                """.formatted(processes);
    }
}
