package org.certflow.billing;

import java.time.LocalDate;

/** An issued receipt, stored unchanged with its PDF. */
public record Receipt(long applicationId, String receiptNumber, int amount, int taxAmount, LocalDate receivedOn,
                      LocalDate issuedOn, byte[] pdf) {
}
