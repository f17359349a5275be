package org.certflow.billing.banktransfer;

import java.time.LocalDate;

/**
 * One incoming transfer as the bank's transfer notice (振込入金通知) reports it: the account it reached (from the
 * group's header record) and the data record's fields, text decoded from Shift_JIS and stripped of the padding.
 *
 * @param inquiryNumber the bank's 照会番号, unique per account and day
 * @param bookedOn      勘定日: the day the money reached the account
 * @param remitterName  振込依頼人名 as the bank sent it (half-width katakana, capitals, digits)
 * @param cancellation  取消区分: the bank withdraws an earlier notice of this transfer
 */
public record Transfer(String bankCode, String branchCode, String accountNumber, String inquiryNumber,
                       LocalDate bookedOn, long amount, String remitterCode, String remitterName,
                       String remittingBank, String remittingBranch, boolean cancellation, String ediInfo) {

    /**
     * What identifies this transfer in every file the bank sends, a daily file and a monthly one alike: the account,
     * the inquiry number, the booking day, the amount, and whether it is the notice or its cancellation.
     */
    public String key() {
        return bankCode + "-" + branchCode + "-" + accountNumber + "/" + inquiryNumber + "/" + bookedOn + "/"
                + amount + (cancellation ? "/C" : "");
    }
}
