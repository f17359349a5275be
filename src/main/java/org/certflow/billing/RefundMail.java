package org.certflow.billing;

import org.certflow.mail.ApplicantMail;

/** The mail that tells the applicant their money was sent back, with the return invoice (返還インボイス). */
public enum RefundMail implements ApplicantMail {
    REFUND;

    @Override
    public String subject(Heading heading) {
        return heading.serviceName() + " 返金のお知らせ";
    }
}
