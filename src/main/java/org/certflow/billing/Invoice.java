package org.certflow.billing;

import java.time.LocalDate;

/** An issued invoice, stored unchanged with its PDF. */
public record Invoice(long applicationId, String invoiceNumber, int netAmount, int taxAmount, int totalAmount,
                      LocalDate issuedOn, LocalDate dueOn, byte[] pdf) {
}
