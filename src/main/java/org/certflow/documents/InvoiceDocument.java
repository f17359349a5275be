package org.certflow.documents;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An invoice (請求書) for one application, laid out as a qualified invoice (適格請求書): the issuer's
 * registration number, the amounts per tax rate and the tax on them.
 *
 * @param serviceName              e.g. {@code MCCI電子証明書サービス}; also the PDF author
 * @param issuerName               e.g. {@code 松本商工会議所}
 * @param issuerAddress            the issuer's address (may hold line breaks)
 * @param issuerRegistrationNumber {@code T} followed by 13 digits
 * @param invoiceNumber            the invoice's number
 * @param issuedOn                 date of issue
 * @param dueOn                    payment deadline (お支払期限)
 * @param recipientName            printed as 「〇〇 様」
 * @param recipientAddress         the recipient's address, or {@code null}
 * @param orderNumber              the application's order number, e.g. {@code PBJ10000001}
 * @param description              the item, e.g. {@code 電子証明書発行手数料（一級建築士・1年）}
 * @param netAmount                amount before tax, yen
 * @param taxRatePercent           consumption tax rate, e.g. 10
 * @param taxAmount                consumption tax, yen
 * @param totalAmount              net plus tax, yen
 * @param bankAccount              the account to transfer to (multi-line text)
 */
public record InvoiceDocument(
        String serviceName,
        String issuerName,
        String issuerAddress,
        String issuerRegistrationNumber,
        String invoiceNumber,
        LocalDate issuedOn,
        LocalDate dueOn,
        String recipientName,
        String recipientAddress,
        String orderNumber,
        String description,
        int netAmount,
        int taxRatePercent,
        int taxAmount,
        int totalAmount,
        String bankAccount) {

    private static final Pattern REGISTRATION_NUMBER = Pattern.compile("T\\d{13}");

    public InvoiceDocument {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(issuerName, "issuerName");
        Objects.requireNonNull(issuerAddress, "issuerAddress");
        Objects.requireNonNull(issuerRegistrationNumber, "issuerRegistrationNumber");
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(issuedOn, "issuedOn");
        Objects.requireNonNull(dueOn, "dueOn");
        Objects.requireNonNull(recipientName, "recipientName");
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(bankAccount, "bankAccount");
        if (!REGISTRATION_NUMBER.matcher(issuerRegistrationNumber).matches()) {
            throw new IllegalArgumentException("issuerRegistrationNumber must be T followed by 13 digits");
        }
        if (netAmount < 0 || taxAmount < 0 || taxRatePercent < 0) {
            throw new IllegalArgumentException("amounts and tax rate must not be negative");
        }
        if ((long) netAmount + taxAmount != totalAmount) {
            throw new IllegalArgumentException("totalAmount must equal netAmount + taxAmount");
        }
        if (dueOn.isBefore(issuedOn)) {
            throw new IllegalArgumentException("dueOn must not be before issuedOn");
        }
    }
}
