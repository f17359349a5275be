package org.certflow;

import org.certflow.service.ServiceProperties;
import org.certflow.staff.StaffSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/** Tells whoever started certflow where to go and, in the default run, how to log in as staff. */
@Component
class StartBanner {

    private static final Logger log = LoggerFactory.getLogger(StartBanner.class);

    private final ServiceProperties service;
    private final StaffSetup staff;
    private final MailProperties smtp;

    StartBanner(ServiceProperties service, StaffSetup staff, MailProperties smtp) {
        this.service = service;
        this.staff = staff;
        this.smtp = smtp;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        StringBuilder text = new StringBuilder("\n\n  certflow is running: ").append(service.serviceName()).append('\n');
        text.append("  Applicant portal   ").append(service.url("/")).append('\n');
        text.append("  Staff (Tasklist)   ").append(service.url("/camunda/app/tasklist/")).append('\n');
        text.append("  Admin (Cockpit)    ").append(service.url("/camunda/app/cockpit/")).append('\n');
        if (!StringUtils.hasText(smtp.getHost())) {
            text.append("  Dev mailbox        ").append(service.url("/dev/mailbox")).append('\n');
        }
        if (!staff.demoUsers().isEmpty()) {
            text.append("\n  Demo staff users (passwords are new at every start):\n");
            for (StaffSetup.DemoUser user : staff.demoUsers()) {
                text.append(String.format("    %-9s %-14s password %s%n", user.id(), "(" + user.group() + ")",
                        user.password()));
            }
        }
        log.info("{}", text);
    }
}
