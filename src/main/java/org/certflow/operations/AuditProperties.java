package org.certflow.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param verifyInterval how long the health indicator {@code caAudit} reuses its check of the CA audit log's hash
 *                       chain
 */
@Validated
@ConfigurationProperties("certflow.audit")
public record AuditProperties(@DefaultValue("PT10M") @NotNull Duration verifyInterval) {
}
