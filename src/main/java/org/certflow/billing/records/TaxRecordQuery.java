package org.certflow.billing.records;

import java.time.LocalDate;
import java.util.Set;

/**
 * What staff search the tax records by; every criterion is optional and they combine with "and".
 *
 * @param kinds        the kinds of document to include; empty for all
 * @param issuedFrom   first issue date, inclusive
 * @param issuedTo     last issue date, inclusive
 * @param amountFrom   smallest amount in yen, tax included, inclusive
 * @param amountTo     largest amount in yen, tax included, inclusive
 * @param counterparty part of the counterparty's name, matched literally and regardless of case
 */
public record TaxRecordQuery(Set<DocumentKind> kinds, LocalDate issuedFrom, LocalDate issuedTo, Long amountFrom,
                             Long amountTo, String counterparty) {

    /** Every document issued in the period. */
    public static TaxRecordQuery issuedBetween(LocalDate from, LocalDate to) {
        return new TaxRecordQuery(Set.of(), from, to, null, null, null);
    }
}
