package org.certflow.review;

import java.util.function.Function;

import org.certflow.mail.ApplicantMail;

/**
 * The mails about the review's outcome, the refusal after the eligibility check of a 「その他」 applicant, and the one
 * that tells {@code ra-admins} a review is overdue.
 */
public enum ReviewMail implements ApplicantMail {
    REVIEW_COMPLETED("review-completed", heading -> heading.serviceName() + " 審査完了のお知らせ"),
    REJECTION("rejection", heading -> heading.serviceName() + " 審査結果のお知らせ"),
    NOT_ELIGIBLE("not-eligible", heading -> heading.serviceName() + " 資格確認結果のお知らせ"),
    /** To the {@code ra-admins} group, not to the applicant. */
    REVIEW_OVERDUE("review-overdue", heading -> heading.serviceName() + " 審査期限超過 " + heading.orderNumber());

    private final String template;
    private final Function<Heading, String> subject;

    ReviewMail(String template, Function<Heading, String> subject) {
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
