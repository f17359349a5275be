package org.certflow.documents;

import org.springframework.stereotype.Component;

/** Renders the receipt (領収書) from {@code fop/receipt.xsl}. */
@Component
public class ReceiptPdf {

    static final String TEMPLATE = "receipt";
    static final String TITLE = "領収書";

    private final PdfRenderer renderer;

    public ReceiptPdf(PdfRenderer renderer) {
        this.renderer = renderer;
    }

    public byte[] render(ReceiptDocument receipt) {
        DataXml xml = DataXml.root("receipt")
                .text("title", TITLE)
                .text("service-name", receipt.serviceName())
                .text("issuer-name", receipt.issuerName())
                .text("issuer-address", receipt.issuerAddress())
                .text("issuer-registration-number", receipt.issuerRegistrationNumber())
                .text("receipt-number", receipt.receiptNumber())
                .text("invoice-number", receipt.invoiceNumber())
                .text("issued-on", JapaneseFormat.date(receipt.issuedOn()))
                .text("received-on", JapaneseFormat.date(receipt.receivedOn()))
                .text("recipient-name", receipt.recipientName())
                .text("order-number", receipt.orderNumber())
                .text("description", receipt.description())
                .text("tax-rate", receipt.taxRatePercent() + "%")
                .text("net-amount", JapaneseFormat.yen(receipt.netAmount()))
                .text("tax-amount", JapaneseFormat.yen(receipt.taxAmount()))
                .text("total-amount", JapaneseFormat.yen(receipt.totalAmount()));
        return renderer.render(TEMPLATE, xml.document(), TITLE + "（" + receipt.receiptNumber() + "）",
                receipt.serviceName());
    }
}
