package org.certflow.billing;

import java.util.function.Function;

import org.certflow.mail.ApplicantMail;

/** The mails about paying: the invoice, its reminder, the cancellation of an unpaid application, the receipt. */
public enum BillingMail implements ApplicantMail {
    INVOICE(heading -> heading.serviceName() + " 請求書"),
    PAYMENT_REMINDER(heading -> heading.serviceName() + " 入金のお願い"),
    PAYMENT_CANCELLED(heading -> heading.serviceName() + " お申込みキャンセルのお知らせ"),
    /** After payment in full, with the receipt (領収書); one of the seed's "other" mails. */
    PAYMENT_RECEIVED(heading -> heading.serviceName() + " 入金確認のお知らせ");

    private final Function<Heading, String> subject;

    BillingMail(Function<Heading, String> subject) {
        this.subject = subject;
    }

    @Override
    public String subject(Heading heading) {
        return subject.apply(heading);
    }
}
