package org.certflow.billing;

/** Consumption tax, computed once per invoice on the net total and rounded down (切り捨て). */
final class TaxCalculation {

    private TaxCalculation() {
    }

    static int consumptionTax(int netAmount, int ratePercent) {
        return Math.floorDiv(Math.multiplyExact(netAmount, ratePercent), 100);
    }
}
