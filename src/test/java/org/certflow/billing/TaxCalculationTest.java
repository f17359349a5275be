package org.certflow.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.certflow.billing.TaxCalculation.Rounding;
import org.junit.jupiter.api.Test;

class TaxCalculationTest {

    @Test
    void roundsDownByDefaultRuleAtEveryBoundary() {
        assertThat(TaxCalculation.consumptionTax(10000, 10, Rounding.FLOOR)).isEqualTo(1000);
        assertThat(TaxCalculation.consumptionTax(10009, 10, Rounding.FLOOR)).isEqualTo(1000);
        assertThat(TaxCalculation.consumptionTax(10010, 10, Rounding.FLOOR)).isEqualTo(1001);
        assertThat(TaxCalculation.consumptionTax(9, 10, Rounding.FLOOR)).isZero();
        assertThat(TaxCalculation.consumptionTax(0, 10, Rounding.FLOOR)).isZero();
    }

    @Test
    void halfUpRoundsHalfAYenUpAndLessDown() {
        assertThat(TaxCalculation.consumptionTax(10004, 10, Rounding.HALF_UP)).isEqualTo(1000);
        assertThat(TaxCalculation.consumptionTax(10005, 10, Rounding.HALF_UP)).isEqualTo(1001);
        assertThat(TaxCalculation.consumptionTax(10015, 8, Rounding.HALF_UP)).isEqualTo(801);
        assertThat(TaxCalculation.consumptionTax(10006, 8, Rounding.HALF_UP)).isEqualTo(800);
    }

    @Test
    void ceilingRoundsAnyFractionUp() {
        assertThat(TaxCalculation.consumptionTax(10001, 10, Rounding.CEILING)).isEqualTo(1001);
        assertThat(TaxCalculation.consumptionTax(10000, 10, Rounding.CEILING)).isEqualTo(1000);
        assertThat(TaxCalculation.consumptionTax(1, 10, Rounding.CEILING)).isEqualTo(1);
    }

    @Test
    void largeAmountsDoNotOverflowAndNegativeAmountsAreRefused() {
        assertThat(TaxCalculation.consumptionTax(Integer.MAX_VALUE / 10, 10, Rounding.FLOOR))
                .isEqualTo(Integer.MAX_VALUE / 100);
        assertThatThrownBy(() -> TaxCalculation.consumptionTax(-1, 10, Rounding.FLOOR))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
