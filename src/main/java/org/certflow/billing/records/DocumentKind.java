package org.certflow.billing.records;

import java.util.Arrays;
import java.util.Optional;

/**
 * The documents certflow issues electronically and keeps as tax records, with where each is stored.
 *
 * @param label the name printed on the document and shown to staff
 * @param slug  the name in URLs
 */
public enum DocumentKind {

    INVOICE("請求書", "invoice", "invoice", "invoice_number", "total_amount", "1 = 1"),
    RECEIPT("領収書", "receipt", "receipt", "receipt_number", "amount", "1 = 1"),
    RETURN_INVOICE("返還インボイス", "return-invoice", "refund", "return_invoice_number", "amount",
            "return_invoice_number is not null");

    private final String label;
    private final String slug;
    final String table;
    final String numberColumn;
    /** Yen the document states, tax included: the invoice's total, the receipt's amount, the amount returned. */
    final String amountColumn;
    /** Which rows of the table are issued documents (a refund is recorded before its return invoice is issued). */
    final String issued;

    DocumentKind(String label, String slug, String table, String numberColumn, String amountColumn, String issued) {
        this.label = label;
        this.slug = slug;
        this.table = table;
        this.numberColumn = numberColumn;
        this.amountColumn = amountColumn;
        this.issued = issued;
    }

    public String label() {
        return label;
    }

    public String slug() {
        return slug;
    }

    public static Optional<DocumentKind> ofSlug(String slug) {
        return Arrays.stream(values()).filter(kind -> kind.slug.equals(slug)).findFirst();
    }
}
