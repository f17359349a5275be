package org.certflow.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The default run's mail server: GreenMail SMTP on {@code localhost:certflow.mail.embedded-smtp-port}, keeping
 * every mail in memory for the dev mailbox page ({@link DevMailboxController}). Absent as soon as
 * {@code spring.mail.host} is set, and always under the production profile.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoSmtpHostCondition.class)
public class DevMailboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DevMailboxConfiguration.class);

    @Bean(destroyMethod = "stop")
    public GreenMail devSmtpServer(MailProperties properties) {
        GreenMail server = new GreenMail(
                new ServerSetup(properties.embeddedSmtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        log.info("Embedded dev SMTP server listens on 127.0.0.1:{}; received mail is shown at /dev/mailbox",
                properties.embeddedSmtpPort());
        return server;
    }
}
