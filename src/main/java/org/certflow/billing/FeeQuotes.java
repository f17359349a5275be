package org.certflow.billing;

import org.certflow.application.Application;
import org.certflow.application.Qualification;
import org.springframework.stereotype.Component;

/**
 * The fee of an application with its tax, as {@code processes/fees.dmn} and the tax settings make it. The invoice
 * is made from this quote and the main application's confirmation page shows it, so the applicant sees before
 * sending the amount the invoice will ask.
 */
@Component
public class FeeQuotes {

    private final FeeSchedule fees;
    private final BillingProperties billing;

    FeeQuotes(FeeSchedule fees, BillingProperties billing) {
        this.fees = fees;
        this.billing = billing;
    }

    /** The fee at the applicant's own qualification. */
    public FeeQuote quote(Application application) {
        return quote(application, application.qualification());
    }

    /**
     * The fee at a fee category of the table: the applicant's qualification, or for a 「その他」 applicant the
     * category the eligibility check chose.
     */
    public FeeQuote quote(Application application, Qualification feeCategory) {
        int years = application.validityYears();
        boolean member = application.chamberMember();
        int net = fees.netFee(feeCategory, years, member);
        int discount = member ? Math.max(0, fees.netFee(feeCategory, years, false) - net) : 0;
        int tax = TaxCalculation.consumptionTax(net, billing.taxRatePercent(), billing.taxRounding());
        return new FeeQuote(Invoices.description(application), years, member, net, discount,
                billing.taxRatePercent(), tax, net + tax);
    }

    /** Whether the fee table has a fee for this category at the application's validity and membership. */
    public boolean hasFee(Application application, Qualification feeCategory) {
        try {
            fees.netFee(feeCategory, application.validityYears(), application.chamberMember());
            return true;
        } catch (IllegalStateException noRule) {
            return false;
        }
    }
}
