package org.certflow.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.certflow.staff.StaffSetup;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The calls Tasklist and the staff forms make (Camunda's REST API, certflow's staff API), over HTTP as one of the demo
 * staff users with HTTP Basic, or anonymously when the user is {@code null}.
 */
@Component
public class StaffApi {

    private final Environment environment;
    private final StaffSetup staff;
    private final HttpClient client = HttpClient.newHttpClient();

    StaffApi(Environment environment, StaffSetup staff) {
        this.environment = environment;
        this.staff = staff;
    }

    public HttpResponse<String> call(String method, String path, String userId, String json)
            throws IOException, InterruptedException {
        return client.send(request(method, path, userId, json).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> download(String path, String userId) throws IOException, InterruptedException {
        return client.send(request("GET", path, userId, null).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String method, String path, String userId, String json) {
        // the port is known once the server runs, after this bean was made
        String port = environment.getRequiredProperty("local.server.port");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (userId != null) {
            String password = staff.demoUsers().stream().filter(user -> user.id().equals(userId)).findFirst()
                    .orElseThrow().password();
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((userId + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }
}
