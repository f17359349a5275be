package org.certflow.certificate.letter;

import java.util.function.Function;

import org.certflow.mail.ApplicantMail;

/** The mails about a request for a new distribution letter: received, approved, refused. None carries a password. */
public enum LetterReissueMail implements ApplicantMail {
    LETTER_REISSUE_RECEIVED(heading -> heading.serviceName() + " 配布状再発行のご依頼の受付"),
    LETTER_REISSUE_APPROVED(heading -> heading.serviceName() + " 配布状再発行のお知らせ"),
    LETTER_REISSUE_REFUSED(heading -> heading.serviceName() + " 配布状再発行についてのお知らせ");

    private final Function<Heading, String> subject;

    LetterReissueMail(Function<Heading, String> subject) {
        this.subject = subject;
    }

    @Override
    public String subject(Heading heading) {
        return subject.apply(heading);
    }
}
