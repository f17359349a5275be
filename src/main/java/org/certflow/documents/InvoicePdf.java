package org.certflow.documents;

import org.springframework.stereotype.Component;

/** Renders the invoice (請求書) from {@code fop/invoice.xsl}. */
@Component
public class InvoicePdf {

    static final String TEMPLATE = "invoice";
    static final String TITLE = "請求書";

    private final PdfRenderer renderer;

    public InvoicePdf(PdfRenderer renderer) {
        this.renderer = renderer;
    }

    public byte[] render(InvoiceDocument invoice) {
        String rate = invoice.taxRatePercent() + "%";
        DataXml xml = DataXml.root("invoice")
                .text("title", TITLE)
                .text("service-name", invoice.serviceName())
                .text("issuer-name", invoice.issuerName())
                .text("issuer-address", invoice.issuerAddress())
                .text("issuer-registration-number", invoice.issuerRegistrationNumber())
                .text("invoice-number", invoice.invoiceNumber())
                .text("issued-on", JapaneseFormat.date(invoice.issuedOn()))
                .text("due-on", JapaneseFormat.date(invoice.dueOn()))
                .text("recipient-name", invoice.recipientName())
                .text("recipient-address", blankToNull(invoice.recipientAddress()))
                .text("order-number", invoice.orderNumber())
                .text("description", invoice.description())
                .text("tax-rate", rate)
                .text("net-amount", JapaneseFormat.yen(invoice.netAmount()))
                .text("tax-amount", JapaneseFormat.yen(invoice.taxAmount()))
                .text("total-amount", JapaneseFormat.yen(invoice.totalAmount()))
                .text("bank-account", invoice.bankAccount().strip());
        return renderer.render(TEMPLATE, xml.document(), TITLE + "（" + invoice.invoiceNumber() + "）",
                invoice.serviceName());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
