package org.certflow.review;

import java.util.function.Function;

import org.certflow.mail.ApplicantMail;

/**
 * The mails about a revocation the applicant asked for: its receipt, and the answer when ra-admins decline it. An
 * approval is announced by the certificate's own revocation mail.
 */
public enum RevocationRequestMail implements ApplicantMail {
    REVOCATION_REQUEST_RECEIVED(heading -> heading.serviceName() + " 失効のお申し出受付のお知らせ"),
    REVOCATION_REQUEST_DECLINED(heading -> heading.serviceName() + " 失効のお申し出についてのお知らせ");

    private final Function<Heading, String> subject;

    RevocationRequestMail(Function<Heading, String> subject) {
        this.subject = subject;
    }

    @Override
    public String subject(Heading heading) {
        return subject.apply(heading);
    }
}
