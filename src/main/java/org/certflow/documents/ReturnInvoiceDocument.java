package org.certflow.documents;

import java.time.LocalDate;

/**
 * A qualified return invoice (返還インボイス, 適格返還請求書) for the fee of one application: the issuer and its
 * registration number, the day of the refund, the invoice (number and date) whose payment is returned, the amount
 * returned per tax rate and the consumption tax on it.
 *
 * @param serviceName              e.g. {@code MCCI電子証明書サービス}; also the PDF author
 * @param issuerName               e.g. {@code 松本商工会議所}
 * @param issuerAddress            the issuer's address (may hold line breaks)
 * @param issuerRegistrationNumber {@code T} followed by 13 digits
 * @param returnInvoiceNumber      the document's own number
 * @param issuedOn                 date of issue
 * @param refundedOn               the day the money was sent back
 * @param invoiceNumber            the invoice whose payment is returned
 * @param invoiceIssuedOn          that invoice's date
 * @param recipientName            printed as 「〇〇 様」
 * @param orderNumber              the application's 受付番号
 * @param description              what was originally paid for
 * @param netAmount                amount returned before tax, yen
 * @param taxRatePercent           consumption tax rate
 * @param taxAmount                consumption tax on the amount returned, yen
 * @param totalAmount              amount returned, tax included, yen
 */
public record ReturnInvoiceDocument(String serviceName, String issuerName, String issuerAddress,
                                    String issuerRegistrationNumber, String returnInvoiceNumber, LocalDate issuedOn,
                                    LocalDate refundedOn, String invoiceNumber, LocalDate invoiceIssuedOn,
                                    String recipientName, String orderNumber, String description, int netAmount,
                                    int taxRatePercent, int taxAmount, int totalAmount) {
}
