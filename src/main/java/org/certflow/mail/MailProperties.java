package org.certflow.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Sender identity of the service mails. The SMTP server itself is Spring Boot's {@code spring.mail.*}; without
 * {@code spring.mail.host} the default run sends to its embedded dev SMTP server on {@code embeddedSmtpPort}.
 *
 * @param from             envelope and header sender; the CA's mail-signing certificate carries this address
 * @param fromName         display name of the sender
 * @param embeddedSmtpPort port of the default run's embedded dev SMTP server (127.0.0.1 only)
 */
@Validated
@ConfigurationProperties("certflow.mail")
public record MailProperties(
        @DefaultValue("jcan-secretariat@mcci.or.jp") @NotBlank @Email String from,
        @DefaultValue("MCCI電子証明書サービス") @NotBlank String fromName,
        @DefaultValue("2525") @Min(1) @Max(65535) int embeddedSmtpPort) {
}
