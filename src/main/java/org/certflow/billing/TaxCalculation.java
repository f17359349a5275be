package org.certflow.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Consumption tax, computed once per invoice on the net total of each rate (the qualified-invoice rule) and
 * rounded to whole yen by the chamber's rule: down (切り捨て, the default), half up (四捨五入) or up (切り上げ).
 */
public final class TaxCalculation {

    /** How a fraction of a yen is treated. */
    public enum Rounding {
        FLOOR(RoundingMode.FLOOR), HALF_UP(RoundingMode.HALF_UP), CEILING(RoundingMode.CEILING);

        private final RoundingMode mode;

        Rounding(RoundingMode mode) {
            this.mode = mode;
        }
    }

    private TaxCalculation() {
    }

    public static int consumptionTax(int netAmount, int ratePercent, Rounding rounding) {
        if (netAmount < 0 || ratePercent < 0) {
            throw new IllegalArgumentException("Amount and rate must not be negative");
        }
        return BigDecimal.valueOf(netAmount).multiply(BigDecimal.valueOf(ratePercent))
                .divide(BigDecimal.valueOf(100), 0, rounding.mode).intValueExact();
    }

    /** The consumption tax contained in a tax-inclusive amount (e.g. a partial refund), rounded the same way. */
    public static int consumptionTaxIncluded(int grossAmount, int ratePercent, Rounding rounding) {
        if (grossAmount < 0 || ratePercent < 0) {
            throw new IllegalArgumentException("Amount and rate must not be negative");
        }
        return BigDecimal.valueOf(grossAmount).multiply(BigDecimal.valueOf(ratePercent))
                .divide(BigDecimal.valueOf(100L + ratePercent), 0, rounding.mode).intValueExact();
    }
}
