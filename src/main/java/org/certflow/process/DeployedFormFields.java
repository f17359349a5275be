package org.certflow.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;

/**
 * The fields of an embedded form as deployed with its model: the names in its {@code cam-variable-name}
 * attributes, which are exactly the variables Tasklist submits. A deployment never changes, so what was read
 * once per deployment and form is kept.
 */
final class DeployedFormFields {

    static final String EMBEDDED_DEPLOYMENT = "embedded:deployment:";
    private static final Pattern FIELD = Pattern.compile("cam-variable-name\\s*=\\s*\"([^\"]+)\"");

    private final Map<String, Set<String>> byDeploymentAndForm = new ConcurrentHashMap<>();

    /** The form's fields; none for a missing form key or a form that is not deployed with the model. */
    Set<String> of(RepositoryService repository, String processDefinitionId, String formKey) {
        if (formKey == null || !formKey.startsWith(EMBEDDED_DEPLOYMENT)) {
            return Set.of();
        }
        String deploymentId = WithoutAuthorization.call(
                () -> repository.getProcessDefinition(processDefinitionId).getDeploymentId());
        String resource = formKey.substring(EMBEDDED_DEPLOYMENT.length());
        return byDeploymentAndForm.computeIfAbsent(deploymentId + "/" + resource,
                key -> read(repository, deploymentId, resource));
    }

    private static Set<String> read(RepositoryService repository, String deploymentId, String resource) {
        String html = WithoutAuthorization.call(() -> {
            try (InputStream in = repository.getResourceAsStream(deploymentId, resource)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Matcher matcher = FIELD.matcher(html);
        Set<String> fields = new HashSet<>();
        while (matcher.find()) {
            fields.add(matcher.group(1));
        }
        return Set.copyOf(fields);
    }
}
