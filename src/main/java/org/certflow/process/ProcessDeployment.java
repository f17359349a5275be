package org.certflow.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import jakarta.annotation.PostConstruct;

/**
 * Deploys the models of {@code processes/} and the forms of {@code forms/} together, under the names
 * their {@code formKey}s use ({@code embedded:deployment:forms/x.html}). Spring Boot's auto-deployment
 * takes neither HTML nor stable names inside a fat jar, so certflow deploys by itself; unchanged
 * resources make no new version.
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
        DeploymentBuilder deployment = repositoryService.createDeployment()
                .name("certflow")
                .source("certflow")
                .enableDuplicateFiltering(true);
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String folder : FOLDERS) {
            for (Resource resource : resolver.getResources("classpath*:" + folder + "/*.*")) {
                String name = folder + "/" + resource.getFilename();
                try (InputStream content = resource.getInputStream()) {
                    deployment.addInputStream(name, new ByteArrayInputStream(content.readAllBytes()));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + name, e);
                }
            }
        }
        String id = deployment.deploy().getId();
        log.info("Process models and forms deployed (deployment {})", id);
    }
}
