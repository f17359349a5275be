package org.certflow.billing;

/**
 * What an application costs, line by line as its invoice prints it: the fee net of tax from the fee table, the
 * consumption tax on it and the total. For a chamber member, {@code memberDiscount} is how much less than the
 * non-member fee the net fee is (0 for non-members, or where the table gives members no discount).
 *
 * @param description the invoice's line, e.g. 電子証明書発行手数料（一級建築士・1年・会員）; a 「その他」 applicant's
 *                    line names their own qualification whatever fee category the eligibility check chose
 */
public record FeeQuote(String description, int validityYears, boolean chamberMember, int netAmount,
                       int memberDiscount, int taxRatePercent, int taxAmount, int totalAmount) {
}
