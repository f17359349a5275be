package org.certflow.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser that sends what a real one would not: forms with any bytes, multipart bodies of any shape and
 * raw request lines that no URI class accepts. Cookies are kept; redirects are not followed.
 */
final class FuzzBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** One multipart part: a field when {@code fileName} is null, else a file. */
    record Part(String name, String fileName, String contentType, byte[] content) {

        static Part field(String name, String value) {
            return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What came back; {@code status} 0 means the server closed the connection without an answer. */
    record Answer(int status, String body, String location) {
    }

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final int port;
    private String lastPage = "";

    FuzzBrowser(int port) {
        this.port = port;
    }

    String base() {
        return "http://localhost:" + port;
    }

    /** The CSRF token of the page fetched last, or null when it had none. */
    String csrf() {
        Matcher matcher = CSRF.matcher(lastPage);
        return matcher.find() ? matcher.group(1) : null;
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET(), false);
    }

    Answer form(String path, List<Map.Entry<String, String>> fields) {
        String body = fields.stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
    }

    Answer post(String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, true);
    }

    Answer multipart(String path, List<Part> parts) {
        String boundary = "----fuzz" + UUID.randomUUID();
        return post(path, "multipart/form-data; boundary=" + boundary, multipartBody(boundary, parts, true));
    }

    static byte[] multipartBody(String boundary, List<Part> parts, boolean closed) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\"");
            if (part.fileName() != null) {
                write(body, "; filename=\"" + part.fileName() + "\"\r\nContent-Type: " + part.contentType());
            }
            write(body, "\r\n\r\n");
            body.writeBytes(part.content());
            write(body, "\r\n");
        }
        if (closed) {
            write(body, "--" + boundary + "--\r\n");
        }
        return body.toByteArray();
    }

    /**
     * A request written byte by byte on a socket, with this browser's cookies: request lines and bodies
     * that {@link URI} and {@link HttpClient} refuse to send.
     */
    Answer raw(String method, byte[] target, String contentType, byte[] body) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            write(request, method + " ");
            request.writeBytes(target);
            write(request, " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n");
            String cookieHeader = cookies.getCookieStore().get(URI.create(base())).stream()
                    .map(HttpCookie::toString).collect(Collectors.joining("; "));
            if (!cookieHeader.isEmpty()) {
                write(request, "Cookie: " + cookieHeader + "\r\n");
            }
            if (contentType != null) {
                write(request, "Content-Type: " + contentType + "\r\n");
            }
            if (body != null) {
                write(request, "Content-Length: " + body.length + "\r\n");
            }
            write(request, "\r\n");
            if (body != null) {
                request.writeBytes(body);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (answer.isEmpty()) {
                return new Answer(0, "", null);
            }
            String statusLine = answer.lines().findFirst().orElse("");
            String[] words = statusLine.split(" ");
            String location = answer.lines().takeWhile(line -> !line.isEmpty())
                    .filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
                    .map(line -> line.substring(9).strip()).findFirst().orElse(null);
            return new Answer(words.length > 1 ? Integer.parseInt(words[1]) : 0, answer, location);
        } catch (IOException e) {
            return new Answer(0, e.toString(), null);
        }
    }

    private Answer send(HttpRequest.Builder request, boolean mayBeCutOff) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                lastPage = response.body();
            }
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            // the server may close the connection on a body far over the request limit before reading it all
            if (mayBeCutOff) {
                return new Answer(0, e.toString(), null);
            }
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
