package org.certflow.billing.banktransfer;

/** An invoice still waiting for money, with what a transfer for it may show: its numbers, the rest due, the name. */
public record OpenInvoice(long applicationId, String orderNumber, String invoiceNumber, long outstanding,
                          String familyNameKana, String firstNameKana) {
}
