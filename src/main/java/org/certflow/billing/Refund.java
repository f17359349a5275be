package org.certflow.billing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A refund as accounting recorded it, and the return invoice (返還インボイス) once issued.
 *
 * @param amount              yen sent back, tax included
 * @param taxAmount           the consumption tax within {@code amount}
 * @param recordedBy          the staff user logged in when the refund task was completed
 * @param returnInvoiceNumber null until the return invoice is issued, like {@code issuedOn} and {@code pdf}
 */
public record Refund(long applicationId, int amount, int taxAmount, LocalDate refundedOn, String comment,
                     String recordedBy, Instant recordedAt, String returnInvoiceNumber, LocalDate issuedOn,
                     byte[] pdf) {

    public boolean issued() {
        return returnInvoiceNumber != null;
    }
}
