package org.certflow.billing;

import java.util.function.Function;

import org.certflow.mail.ApplicantMail;

/** The mails about paying: the invoice, its reminder, the cancellation of an unpaid application, the receipt. */
public enum BillingMail implements ApplicantMail {
    INVOICE("invoice", heading -> heading.serviceName() + " 請求書"),
    PAYMENT_REMINDER("payment-reminder", heading -> heading.serviceName() + " 入金のお願い"),
    PAYMENT_CANCELLED("payment-cancelled", heading -> heading.serviceName() + " お申込みキャンセルのお知らせ"),
    /** After payment in full, with the receipt (領収書); one of the seed's "other" mails. */
    PAYMENT_RECEIVED("payment-received", heading -> heading.serviceName() + " 入金確認のお知らせ");

    private final String template;
    private final Function<Heading, String> subject;

    BillingMail(String template, Function<Heading, String> subject) {
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
