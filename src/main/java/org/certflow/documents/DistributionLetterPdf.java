package org.certflow.documents;

import org.springframework.stereotype.Component;

/** Renders the distribution letter (配布状) from {@code fop/distribution-letter.xsl}. */
@Component
public class DistributionLetterPdf {

    static final String TEMPLATE = "distribution-letter";
    static final String TITLE = "配布状";

    private final PdfRenderer renderer;

    public DistributionLetterPdf(PdfRenderer renderer) {
        this.renderer = renderer;
    }

    public byte[] render(DistributionLetter letter) {
        DataXml xml = DataXml.root("distribution-letter")
                .text("title", TITLE)
                .text("service-name", letter.serviceName())
                .text("issuer-name", letter.issuerName())
                .text("applicant-name", blankToNull(letter.applicantName()))
                .text("applicant-email", letter.applicantEmail())
                .text("order-number", letter.orderNumber())
                .text("pickup-url", letter.pickupUrl())
                .text("pickup-window", letter.pickupWindow())
                .text("issued-on", JapaneseFormat.date(letter.issuedOn()));
        xml.text("password-group", Integer.toString(JapaneseFormat.PASSWORD_GROUP));
        DataXml password = xml.child("pickup-password");
        for (String group : JapaneseFormat.passwordGroups(letter.pickupPassword())) {
            password.text("group", group);
        }
        return renderer.render(TEMPLATE, xml.document(), TITLE + "（" + letter.orderNumber() + "）",
                letter.serviceName());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
