package org.certflow.review;

import java.util.function.Function;

import org.certflow.mail.ApplicantMail;

/**
 * The mails about the review's outcome, the refusal after the eligibility check of a 「その他」 applicant, and the one
 * that tells {@code ra-admins} a review is overdue.
 */
public enum ReviewMail implements ApplicantMail {
    REVIEW_COMPLETED(heading -> heading.serviceName() + " 審査完了のお知らせ"),
    REJECTION(heading -> heading.serviceName() + " 審査結果のお知らせ"),
    NOT_ELIGIBLE(heading -> heading.serviceName() + " 資格確認結果のお知らせ"),
    /** To the {@code ra-admins} group, not to the applicant. */
    REVIEW_OVERDUE(heading -> heading.serviceName() + " 審査期限超過 " + heading.orderNumber());

    private final Function<Heading, String> subject;

    ReviewMail(Function<Heading, String> subject) {
        this.subject = subject;
    }

    @Override
    public String subject(Heading heading) {
        return subject.apply(heading);
    }
}
