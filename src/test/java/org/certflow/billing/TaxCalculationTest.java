package org.certflow.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaxCalculationTest {

    @Test
    void consumptionTaxIsRoundedDownOncePerInvoice() {
        assertThat(TaxCalculation.consumptionTax(10000, 10)).isEqualTo(1000);
        assertThat(TaxCalculation.consumptionTax(10009, 10)).isEqualTo(1000);
        assertThat(TaxCalculation.consumptionTax(10010, 10)).isEqualTo(1001);
        assertThat(TaxCalculation.consumptionTax(9, 10)).isZero();
    }
}
