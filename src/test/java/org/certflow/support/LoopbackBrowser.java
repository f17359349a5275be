package org.certflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without JavaScript on another machine: its connections come from a loopback address of its own
 * ({@code 127.0.0.N}; Linux answers the whole 127/8), so the server sees a different client address, as it would
 * for another applicant or an attacker. Java's HTTP client cannot choose its local address, hence plain HTTP/1.0 on
 * a socket. Keeps cookies and posts forms with the CSRF token of the page it fetched last.
 */
public final class LoopbackBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String localAddress;
    private final int port;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String lastPage = "";

    public LoopbackBrowser(String localAddress, int port) {
        this.localAddress = localAddress;
        this.port = port;
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).map(values -> values.get(0));
        }
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    /** Posts a form with the CSRF token of the page fetched last. */
    public Response post(String path, Map<String, String> fields) {
        Matcher token = CSRF.matcher(lastPage);
        if (!token.find()) {
            throw new IllegalStateException("The last page has no CSRF token");
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", token.group(1));
        StringBuilder form = new StringBuilder();
        all.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return send("POST", path, form.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Response send(String method, String path, byte[] form) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.0\r\n")
                    .append("Host: localhost:").append(port).append("\r\n");
            if (!cookies.isEmpty()) {
                head.append("Cookie: ").append(String.join("; ", cookies.entrySet().stream()
                        .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).toList())).append("\r\n");
            }
            if (form != null) {
                head.append("Content-Type: application/x-www-form-urlencoded\r\n")
                        .append("Content-Length: ").append(form.length).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (form != null) {
                out.write(form);
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response read(InputStream in) throws IOException {
        String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, end).split("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        for (String cookie : headers.getOrDefault("set-cookie", List.of())) {
            String pair = cookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals);
            String value = pair.substring(equals + 1);
            if (value.isEmpty() || cookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        String body = raw.substring(end + 4);
        lastPage = body;
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }
}
