package org.certflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.certflow.CertflowApplication;
import org.certflow.support.CertflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an operator relies on: health and readiness for the load balancer (no details to the world), Prometheus
 * metrics with certflow's own figures, and a production start that names the setting it misses.
 */
@CertflowTest
@AutoConfigureObservability(tracing = false)
class OperationsTest {

    @LocalServerPort int port;

    @Test
    void healthAndReadinessAreUpWithoutDetailsAndMetricsIncludeCertflowsOwn() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("certificateAuthority");
        assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");

        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).as("from the machine itself").isEqualTo(200);
        assertThat(metrics.body()).contains("certflow_applications{").contains("status=\"AWAITING_PAYMENT\"")
                .contains("jvm_memory_used_bytes").contains("hikaricp_connections")
                .contains("camunda_incidents{").contains("type=\"failedJob\"")
                .contains("camunda_jobs{").contains("state=\"due\"").contains("state=\"no-retries-left\"")
                .containsPattern("camunda_process_instances\\{[^}]*process=\"certificate-application\"[^}]*} \\d");
    }

    @Test
    void productionStartWithoutItsSecretsNamesTheMissingSetting() {
        Throwable failure = catchThrowable(() -> new SpringApplication(CertflowApplication.class)
                .run("--spring.profiles.active=production", "--server.port=0", "--spring.main.banner-mode=off"));
        assertThat(failure).isNotNull();
        FailureAnalysis analysis = new MissingSettingFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("a failure certflow explains: %s", failure).isNotNull();
        assertThat(analysis.getDescription()).containsPattern("the setting CERTFLOW_[A-Z_]+ is not set");
        assertThat(analysis.getAction()).contains("Set the environment variable CERTFLOW_");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
