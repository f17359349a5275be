package org.certflow.portal;

import java.util.function.Function;

import org.certflow.mail.ApplicantMail;

/** The mails of the application status page: its link, and the confirmation of a withdrawal made there. */
public enum StatusMail implements ApplicantMail {
    STATUS_LINK("status-link", heading -> heading.serviceName() + " 申込状況確認URL"),
    WITHDRAWAL("withdrawal", heading -> heading.serviceName() + " お申込み取下げのお知らせ");

    private final String template;
    private final Function<Heading, String> subject;

    StatusMail(String template, Function<Heading, String> subject) {
        this.template = template;
        this.subject = subject;
    }

    @Override
    public String template() {
        return template;
    }

    @Override
    public String subject(Heading heading) {
        return subject.apply(heading);
    }
}
