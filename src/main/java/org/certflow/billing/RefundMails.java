package org.certflow.billing;

import java.util.Collection;
import java.util.List;

import org.certflow.application.Application;
import org.certflow.mail.ApplicantMailContent;
import org.springframework.stereotype.Component;

/** What the refund mail says: the amount, the day and the return invoice, attached as its PDF. */
@Component
class RefundMails implements ApplicantMailContent<RefundMail> {

    private final Refunds refunds;

    RefundMails(Refunds refunds) {
        this.refunds = refunds;
    }

    @Override
    public Collection<RefundMail> mails() {
        return List.of(RefundMail.values());
    }

    @Override
    public List<Copy> copies(RefundMail mail, Application application, String visit) {
        return List.of(Copy.toApplicant(application, visit, draft -> {
            Refund refund = refunds.find(application.id()).filter(Refund::issued).orElseThrow(
                    () -> new IllegalStateException("No return invoice for " + application.orderNumber()));
            draft.put("returnInvoiceNumber", refund.returnInvoiceNumber())
                    .put("refundAmount", String.format("%,d", refund.amount()))
                    .putDate("refundedOn", refund.refundedOn())
                    .attach("返還インボイス_" + refund.returnInvoiceNumber() + ".pdf", refund.pdf(), "application/pdf");
        }));
    }
}
