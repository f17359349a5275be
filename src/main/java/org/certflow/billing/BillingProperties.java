package org.certflow.billing;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the invoice needs from the chamber. The fees themselves are in {@code processes/fees.dmn}.
 *
 * @param issuerAddress            the chamber's address on the invoice
 * @param registrationNumber       qualified-invoice registration number, {@code T} and 13 digits
 * @param bankAccount              where applicants transfer the fee (several lines)
 * @param taxRatePercent           consumption tax rate
 * @param paymentTerm              from the invoice date to its due date
 * @param taxRounding              how a fraction of a yen of tax is rounded, once per invoice and rate
 */
@ConfigurationProperties("certflow.billing")
public record BillingProperties(
        @DefaultValue("長野県松本市中央1-23-1") String issuerAddress,
        @DefaultValue("T1234567890123") String registrationNumber,
        @DefaultValue("八十二銀行 松本営業部 普通 1234567 マツモトショウコウカイギショ") String bankAccount,
        @DefaultValue("10") int taxRatePercent,
        @DefaultValue("P30D") Period paymentTerm,
        @DefaultValue("FLOOR") TaxCalculation.Rounding taxRounding) {

    public BillingProperties {
        if (!registrationNumber.matches("T\\d{13}")) {
            throw new IllegalArgumentException(
                    "certflow.billing.registration-number must be T followed by 13 digits, was " + registrationNumber);
        }
    }
}
