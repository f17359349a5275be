package org.certflow.billing.banktransfer;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which open invoice a transfer pays. A transfer is recorded without a person only when there is no doubt: the
 * remitter wrote the invoice (or order) number and sent exactly what is still due, or, without a number, exactly one
 * open invoice is due that amount from an applicant of that name. Anything else (a different amount, two candidates,
 * no candidate, a cancellation) waits for accounting, with the reason and the likely invoice when there is one.
 */
final class TransferMatching {

    /** The outcome for one transfer: the invoice it pays, and why a person must decide (null when nobody must). */
    record Match(Optional<OpenInvoice> invoice, String reason) {

        boolean recordable() {
            return invoice.isPresent() && reason == null;
        }

        static Match certain(OpenInvoice invoice) {
            return new Match(Optional.of(invoice), null);
        }

        static Match likely(OpenInvoice invoice, String reason) {
            return new Match(Optional.of(invoice), reason);
        }

        static Match none(String reason) {
            return new Match(Optional.empty(), reason);
        }
    }

    private TransferMatching() {
    }

    static Match match(Transfer transfer, List<OpenInvoice> open) {
        if (transfer.cancellation()) {
            return Match.none("銀行による取消の通知です。入金は記録しません（記録済みの入金があれば確認してください）");
        }
        Set<String> references = RemitterNames.references(transfer.remitterName(), transfer.ediInfo());
        if (!references.isEmpty()) {
            return byReference(transfer, references, open);
        }
        List<OpenInvoice> sameName = open.stream().filter(invoice -> RemitterNames.sameName(transfer.remitterName(),
                invoice.familyNameKana(), invoice.firstNameKana())).toList();
        List<OpenInvoice> sameNameAndAmount = sameName.stream()
                .filter(invoice -> invoice.outstanding() == transfer.amount()).toList();
        if (sameNameAndAmount.size() == 1) {
            return Match.certain(sameNameAndAmount.get(0));
        }
        if (sameNameAndAmount.size() > 1) {
            return Match.none("同じ名義・同じ金額の未入金の請求が " + sameNameAndAmount.size() + " 件あります");
        }
        if (sameName.size() == 1) {
            return Match.likely(sameName.get(0), differs(sameName.get(0)));
        }
        return Match.none(sameName.isEmpty() ? "振込依頼人名と金額が一致する未入金の請求がありません"
                : "同じ名義の未入金の請求が " + sameName.size() + " 件あり、どれも金額が異なります");
    }

    private static Match byReference(Transfer transfer, Set<String> references, List<OpenInvoice> open) {
        List<OpenInvoice> referred = open.stream().filter(invoice -> references.contains(invoice.invoiceNumber())
                || references.contains(invoice.orderNumber())).toList();
        if (referred.isEmpty()) {
            return Match.none("振込依頼人名などの「" + String.join("、", references) + "」に当たる未入金の請求がありません");
        }
        if (referred.size() > 1) {
            return Match.none("振込依頼人名などに複数の請求（" + String.join("、", references) + "）が書かれています");
        }
        OpenInvoice invoice = referred.get(0);
        return invoice.outstanding() == transfer.amount() ? Match.certain(invoice) : Match.likely(invoice, differs(invoice));
    }

    private static String differs(OpenInvoice invoice) {
        return String.format("請求書 %s の未入金額 %,d 円と金額が異なります", invoice.invoiceNumber(), invoice.outstanding());
    }
}
