package org.certflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.certflow.support.RequiredTools;
import org.junit.jupiter.api.Test;

/**
 * The models as a modeller meets them: they pass bpmnlint's recommended rules (the configuration is
 * {@code processes/.bpmnlintrc}), warnings included, and every element has its place in the diagram, so Camunda
 * Modeler opens them as they are and has nothing to add or move.
 */
class ModelLintTest {

    /** Pinned, so a new rule in a later bpmnlint cannot fail a build of an old commit. */
    static final String BPMNLINT = "bpmnlint@11.15.0";
    static final Path PROCESSES = Path.of("processes");

    @Test
    void theModelsPassBpmnlintsRecommendedRules() throws IOException, InterruptedException {
        Path npx = RequiredTools.onPath("npx", "npm");
        List<String> command = new ArrayList<>(List.of(npx.toString(), "--yes", BPMNLINT));
        models().forEach(model -> command.add(model.getFileName().toString()));
        Process lint = new ProcessBuilder(command).directory(PROCESSES.toFile()).redirectErrorStream(true).start();
        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("bpmnlint finished").isTrue();
        assertThat(report).as("bpmnlint's report").doesNotContain("warning", "error", "problem");
        assertThat(lint.exitValue()).as("bpmnlint's exit code; its report:%n%s", report).isZero();
    }

    @Test
    void everyElementOfTheModelsHasItsPlaceInTheDiagram() throws IOException {
        for (Path model : models()) {
            BpmnModelInstance instance = Bpmn.readModelFromFile(model.toFile());
            Set<String> drawn = Stream.concat(
                    instance.getModelElementsByType(BpmnShape.class).stream().map(BpmnShape::getBpmnElement),
                    instance.getModelElementsByType(BpmnEdge.class).stream().map(BpmnEdge::getBpmnElement))
                    .map(BaseElement::getId).collect(Collectors.toSet());
            Set<String> elements = instance.getModelElementsByType(FlowElement.class).stream()
                    .map(FlowElement::getId).collect(Collectors.toSet());
            assertThat(drawn).as("the elements drawn in %s", model.getFileName()).containsAll(elements);
        }
    }

    private static List<Path> models() throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
        }
    }
}
