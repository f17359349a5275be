package org.certflow.billing;

import java.time.Period;
import java.util.Map;

import org.certflow.application.Qualification;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the invoice needs from the chamber. The fee figures are examples until the chamber sets its own.
 *
 * @param issuerAddress            the chamber's address on the invoice
 * @param registrationNumber       qualified-invoice registration number, {@code T} and 13 digits
 * @param bankAccount              where applicants transfer the fee (several lines)
 * @param taxRatePercent           consumption tax rate
 * @param paymentTerm              from the invoice date to its due date
 * @param fees                     net fees per qualification (example figures until the chamber sets its own)
 */
@ConfigurationProperties("certflow.billing")
public record BillingProperties(
        @DefaultValue("長野県松本市中央1-23-1") String issuerAddress,
        @DefaultValue("T1234567890123") String registrationNumber,
        @DefaultValue("八十二銀行 松本営業部 普通 1234567 マツモトショウコウカイギショ") String bankAccount,
        @DefaultValue("10") int taxRatePercent,
        @DefaultValue("P30D") Period paymentTerm,
        Map<Qualification, Fee> fees) {

    public BillingProperties {
        if (!registrationNumber.matches("T\\d{13}")) {
            throw new IllegalArgumentException(
                    "certflow.billing.registration-number must be T followed by 13 digits, was " + registrationNumber);
        }
    }

    /** Net fees of one qualification, in yen: by validity, for members of the chamber and for others. */
    public record Fee(int oneYear, int twoYears, int memberOneYear, int memberTwoYears) {
    }

    public int netFee(Qualification qualification, int validityYears, boolean chamberMember) {
        Fee fee = fees == null ? null : fees.get(qualification);
        if (fee == null) {
            throw new IllegalStateException("No fee configured for " + qualification
                    + " (certflow.billing.fees." + qualification.name() + ")");
        }
        if (validityYears == 2) {
            return chamberMember ? fee.memberTwoYears() : fee.twoYears();
        }
        return chamberMember ? fee.memberOneYear() : fee.oneYear();
    }
}
