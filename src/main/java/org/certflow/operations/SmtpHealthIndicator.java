package org.certflow.operations;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Health {@code smtp}: the mail relay accepts a connection (mail would otherwise pile up as incidents). */
@Component
@ConditionalOnProperty("spring.mail.host")
class SmtpHealthIndicator implements HealthIndicator {

    static final int TIMEOUT_MILLIS = 2000;

    private final String host;
    private final int port;

    SmtpHealthIndicator(@Value("${spring.mail.host}") String host, @Value("${spring.mail.port:25}") int port) {
        this.host = host;
        this.port = port;
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
