package org.certflow.journey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A staff member's browser on certflow's own staff pages: logged into Camunda's webapps (or not logged in at all),
 * posting the pages' HTML forms with the CSRF token of the page fetched last, redirects not followed.
 */
final class StaffBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final TasklistBrowser browser = new TasklistBrowser();
    private final String base;
    private String lastPage = "";

    StaffBrowser(int port) {
        this.base = "http://localhost:" + port;
    }

    StaffBrowser logIn(String userId, String password) throws IOException, InterruptedException {
        HttpResponse<String> login = browser.logIn(base, userId, password);
        if (login.statusCode() != 200) {
            throw new IllegalStateException("Login of " + userId + " failed: " + login.statusCode());
        }
        return this;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Uploads a file as the page's form does, with the last page's CSRF token unless there is none to send. */
    HttpResponse<String> upload(String path, String fileName, byte[] file, boolean withCsrf)
            throws IOException, InterruptedException {
        String boundary = "----certflow" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (withCsrf) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf() + "\r\n");
        }
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(file);
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder("_csrf=" + URLEncoder.encode(csrf(), StandardCharsets.UTF_8));
        fields.forEach((name, value) -> form.append('&').append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    /** A form posted with these fields only: no CSRF token, as a forged post from another site would be. */
    HttpResponse<String> postWithoutCsrf(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))));
    }

    /** A file the staff page links to, as bytes. */
    HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
        return browser.http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A file a form of the page fetched last answers, posted with that page's CSRF token, as bytes. */
    HttpResponse<byte[]> downloadPosting(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String form = "_csrf=" + URLEncoder.encode(csrf(), StandardCharsets.UTF_8) + "&" + encode(fields);
        return browser.http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String encode(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    /** Posts a form expecting a download; the last page stays the page the form was on. */
    HttpResponse<byte[]> postForBytes(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return downloadPosting(path, fields);
    }

    String csrf() {
        Matcher matcher = CSRF.matcher(lastPage);
        if (!matcher.find()) {
            throw new IllegalStateException("The last page has no CSRF token");
        }
        return matcher.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = browser.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        lastPage = response.body();
        return response;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
