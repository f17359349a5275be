package org.certflow.portal;

import java.util.function.Function;

import org.certflow.mail.ApplicantMail;

/** The mails of the application status page: its link, and the confirmation of a withdrawal made there. */
public enum StatusMail implements ApplicantMail {
    STATUS_LINK(heading -> heading.serviceName() + " 申込状況確認URL"),
    WITHDRAWAL(heading -> heading.serviceName() + " お申込み取下げのお知らせ");

    private final Function<Heading, String> subject;

    StatusMail(Function<Heading, String> subject) {
        this.subject = subject;
    }

    @Override
    public String subject(Heading heading) {
        return subject.apply(heading);
    }
}
