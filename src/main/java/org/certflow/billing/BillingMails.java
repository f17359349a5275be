package org.certflow.billing;

import java.util.Collection;
import java.util.List;

import org.certflow.application.Application;
import org.certflow.mail.ApplicantMailContent;
import org.certflow.mail.MailDraft;
import org.springframework.stereotype.Component;

/** What the billing mails say: the invoice's and the receipt's figures, with their PDFs where the seed wants them. */
@Component
class BillingMails implements ApplicantMailContent<BillingMail> {

    private final Invoices invoices;
    private final Receipts receipts;

    BillingMails(Invoices invoices, Receipts receipts) {
        this.invoices = invoices;
        this.receipts = receipts;
    }

    @Override
    public Collection<BillingMail> mails() {
        return List.of(BillingMail.values());
    }

    @Override
    public List<Copy> copies(BillingMail mail, Application application, String visit) {
        return List.of(Copy.toApplicant(application, visit, draft -> {
            switch (mail) {
                case INVOICE -> invoice(application, draft, true);
                case PAYMENT_REMINDER -> invoice(application, draft, false);
                case PAYMENT_RECEIVED -> receipt(application, draft);
                case PAYMENT_CANCELLED -> {
                    // the part every mail has is all it needs
                }
            }
        }));
    }

    private void invoice(Application application, MailDraft draft, boolean withPdf) {
        Invoice invoice = invoices.find(application.id()).orElseThrow(
                () -> new IllegalStateException("No invoice for " + application.orderNumber()));
        draft.put("invoiceNumber", invoice.invoiceNumber())
                .put("totalAmount", String.format("%,d", invoice.totalAmount()))
                .putDate("dueOn", invoice.dueOn());
        if (withPdf) {
            draft.attach("請求書_" + invoice.invoiceNumber() + ".pdf", invoice.pdf(), "application/pdf");
        }
    }

    private void receipt(Application application, MailDraft draft) {
        Receipt receipt = receipts.find(application.id()).orElseThrow(
                () -> new IllegalStateException("No receipt for " + application.orderNumber()));
        draft.put("receiptNumber", receipt.receiptNumber())
                .put("totalAmount", String.format("%,d", receipt.amount()))
                .putDate("receivedOn", receipt.receivedOn())
                .attach("領収書_" + receipt.receiptNumber() + ".pdf", receipt.pdf(), "application/pdf");
    }
}
