package org.certflow.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import jakarta.annotation.PostConstruct;

/**
 * Deploys the models of {@code processes/} and the forms of {@code forms/} together, under the names
 * their {@code formKey}s use ({@code embedded:deployment:forms/x.html}). Spring Boot's auto-deployment
 * takes neither HTML nor stable names inside a fat jar, so certflow deploys by itself.
 * <p>
 * A process definition reads its forms from its own deployment, so a new deployment always holds every
 * model and form: one of the changed form alone would never reach Tasklist. When the deployment of the
 * latest definitions already holds exactly these files, nothing is deployed.
 */
@Component
public class ProcessDeployment {

    private static final Logger log = LoggerFactory.getLogger(ProcessDeployment.class);
    static final String[] FOLDERS = {"processes", "forms"};

    private final RepositoryService repositoryService;

    public ProcessDeployment(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    @PostConstruct
    void deploy() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String folder : FOLDERS) {
            for (Resource resource : resolver.getResources("classpath*:" + folder + "/*.*")) {
                String name = folder + "/" + resource.getFilename();
                try (InputStream content = resource.getInputStream()) {
                    files.put(name, content.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + name, e);
                }
            }
        }
        String current = deploymentHolding(files);
        if (current != null) {
            log.info("Process models and forms unchanged (deployment {})", current);
            return;
        }
        DeploymentBuilder deployment = repositoryService.createDeployment().name("certflow").source("certflow");
        files.forEach((name, content) -> deployment.addInputStream(name, new ByteArrayInputStream(content)));
        String id = deployment.deploy().getId();
        log.info("Process models and forms deployed (deployment {})", id);
    }

    /** The one deployment of all latest process definitions, if it holds exactly these files; else null. */
    private String deploymentHolding(Map<String, byte[]> files) {
        Set<String> deploymentIds = repositoryService.createProcessDefinitionQuery().latestVersion().list().stream()
                .map(ProcessDefinition::getDeploymentId).collect(Collectors.toSet());
        if (deploymentIds.size() != 1) {
            return null;
        }
        String deploymentId = deploymentIds.iterator().next();
        if (repositoryService.getDeploymentResourceNames(deploymentId).size() != files.size()) {
            return null;
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            try (InputStream deployed = repositoryService.getResourceAsStream(deploymentId, file.getKey())) {
                if (!Arrays.equals(deployed.readAllBytes(), file.getValue())) {
                    return null;
                }
            } catch (ProcessEngineException | IOException e) {
                return null;
            }
        }
        return deploymentId;
    }
}
