package org.certflow.billing.records;

import java.time.LocalDate;

/**
 * One issued document as a tax record: what the search shows and the export's index lists.
 *
 * @param amount       yen the document states, tax included (for a return invoice: the amount returned)
 * @param taxAmount    the consumption tax within {@code amount}
 * @param sha256       the PDF's SHA-256 stored when the document was issued
 * @param intact       whether the stored PDF still has that SHA-256
 */
public record TaxRecord(DocumentKind kind, String number, LocalDate issuedOn, String counterparty, long amount,
                        long taxAmount, String sha256, boolean intact) {

    /** The PDF's name in downloads and in the export. */
    public String fileName() {
        return number + ".pdf";
    }

    public String integrityLabel() {
        return intact ? TaxRecords.INTACT : TaxRecords.MISMATCH;
    }
}
