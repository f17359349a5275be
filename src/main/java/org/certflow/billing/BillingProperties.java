package org.certflow.billing;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * What the invoice needs from the chamber. The fees themselves are in {@code processes/fees.dmn}. The registration
 * number and the bank account default to examples for the default run; production refuses them.
 *
 * @param issuerAddress            the chamber's address on the invoice
 * @param registrationNumber       qualified-invoice registration number, {@code T} and 13 digits
 * @param bankAccount              where applicants transfer the fee (several lines)
 * @param taxRatePercent           consumption tax rate
 * @param paymentTerm              from the invoice date to its due date
 * @param taxRounding              how a fraction of a yen of tax is rounded, once per invoice and rate
 */
@ConfigurationProperties("certflow.billing")
@Validated
public record BillingProperties(
        @DefaultValue("長野県松本市中央1-23-1") @NotBlank String issuerAddress,
        @DefaultValue(BillingProperties.EXAMPLE_REGISTRATION_NUMBER) @Pattern(regexp = "T\\d{13}",
                message = "must be T followed by 13 digits") String registrationNumber,
        @DefaultValue(BillingProperties.EXAMPLE_BANK_ACCOUNT) @NotBlank String bankAccount,
        @DefaultValue("10") @Min(0) @Max(100) int taxRatePercent,
        @DefaultValue("P30D") @NotNull Period paymentTerm,
        @DefaultValue("FLOOR") @NotNull TaxCalculation.Rounding taxRounding) {

    public static final String EXAMPLE_REGISTRATION_NUMBER = "T1234567890123";
    public static final String EXAMPLE_BANK_ACCOUNT = "八十二銀行 松本営業部 普通 1234567 マツモトショウコウカイギショ";
}
