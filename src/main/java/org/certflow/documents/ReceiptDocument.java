package org.certflow.documents;

import java.time.LocalDate;

/**
 * A receipt (領収書) for the fee of one application, with the qualified-invoice items (issuer and registration
 * number, amount per tax rate and the tax on it).
 *
 * @param serviceName              e.g. {@code MCCI電子証明書サービス}; also the PDF author
 * @param issuerName               e.g. {@code 松本商工会議所}
 * @param issuerAddress            the issuer's address (may hold line breaks)
 * @param issuerRegistrationNumber {@code T} followed by 13 digits
 * @param receiptNumber            the receipt's number
 * @param invoiceNumber            the invoice it settles
 * @param issuedOn                 date of issue
 * @param receivedOn               the day the money reached the account
 * @param recipientName            printed as 「〇〇 様」
 * @param orderNumber              the application's order number
 * @param description              what was paid for
 * @param netAmount                amount before tax, yen
 * @param taxRatePercent           consumption tax rate
 * @param taxAmount                consumption tax, yen
 * @param totalAmount              net plus tax, yen
 */
public record ReceiptDocument(String serviceName, String issuerName, String issuerAddress,
                              String issuerRegistrationNumber, String receiptNumber, String invoiceNumber,
                              LocalDate issuedOn, LocalDate receivedOn, String recipientName, String orderNumber,
                              String description, int netAmount, int taxRatePercent, int taxAmount,
                              int totalAmount) {
}
