package org.certflow.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sender identity of the service mails. The SMTP server itself is configured with the standard
 * {@code spring.mail.host/port/username/password} properties; without {@code spring.mail.host} mail goes to the
 * embedded dev SMTP server on {@code embeddedSmtpPort}.
 *
 * @param from             envelope and header sender; the CA's mail-signing certificate carries this address
 * @param fromName         display name of the sender
 * @param serviceName      prefix of every subject, e.g. {@code MCCI電子証明書サービス 登録内容確認}
 * @param embeddedSmtpPort port of the embedded dev SMTP server (localhost only)
 */
@ConfigurationProperties("certflow.mail")
public record MailProperties(
        @DefaultValue("jcan-secretariat@mcci.or.jp") String from,
        @DefaultValue("MCCI電子証明書サービス") String fromName,
        @DefaultValue("MCCI電子証明書サービス") String serviceName,
        @DefaultValue("2525") int embeddedSmtpPort) {
}
