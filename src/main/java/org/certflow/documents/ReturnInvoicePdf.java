package org.certflow.documents;

import org.springframework.stereotype.Component;

/** Renders the return invoice (返還インボイス) from {@code fop/return-invoice.xsl}. */
@Component
public class ReturnInvoicePdf {

    static final String TEMPLATE = "return-invoice";
    static final String TITLE = "返還インボイス";

    private final PdfRenderer renderer;

    public ReturnInvoicePdf(PdfRenderer renderer) {
        this.renderer = renderer;
    }

    public byte[] render(ReturnInvoiceDocument document) {
        DataXml xml = DataXml.root("return-invoice")
                .text("title", TITLE)
                .text("subtitle", "適格返還請求書")
                .text("service-name", document.serviceName())
                .text("issuer-name", document.issuerName())
                .text("issuer-address", document.issuerAddress())
                .text("issuer-registration-number", document.issuerRegistrationNumber())
                .text("return-invoice-number", document.returnInvoiceNumber())
                .text("issued-on", JapaneseFormat.date(document.issuedOn()))
                .text("refunded-on", JapaneseFormat.date(document.refundedOn()))
                .text("invoice-number", document.invoiceNumber())
                .text("invoice-issued-on", JapaneseFormat.date(document.invoiceIssuedOn()))
                .text("recipient-name", document.recipientName())
                .text("order-number", document.orderNumber())
                .text("description", document.description())
                .text("tax-rate", document.taxRatePercent() + "%")
                .text("net-amount", JapaneseFormat.yen(document.netAmount()))
                .text("tax-amount", JapaneseFormat.yen(document.taxAmount()))
                .text("total-amount", JapaneseFormat.yen(document.totalAmount()));
        return renderer.render(TEMPLATE, xml.document(), TITLE + "（" + document.returnInvoiceNumber() + "）",
                document.serviceName());
    }
}
