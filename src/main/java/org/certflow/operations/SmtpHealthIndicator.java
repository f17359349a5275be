package org.certflow.operations;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.stereotype.Component;

/** Health {@code smtp}: the mail relay accepts a connection (mail would otherwise pile up as incidents). */
@Component
@ConditionalOnProperty("spring.mail.host")
class SmtpHealthIndicator implements HealthIndicator {

    static final int TIMEOUT_MILLIS = 2000;

    private final String host;
    private final int port;

    SmtpHealthIndicator(MailProperties smtp) {
        this.host = smtp.getHost();
        this.port = smtp.getPort() == null ? 25 : smtp.getPort();
    }

    @Override
    public Health health() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            return Health.up().withDetail("relay", host + ":" + port).build();
        } catch (IOException e) {
            return Health.down().withDetail("relay", host + ":" + port).withDetail("error", e.getMessage()).build();
        }
    }
}
