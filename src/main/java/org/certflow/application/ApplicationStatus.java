package org.certflow.application;

/** Where an application stands; the process model moves it, the portal and staff pages read it. */
public enum ApplicationStatus {
    /** Provisional application received; the one-time link was mailed and the main application is open. */
    AWAITING_MAIN_APPLICATION("本申込待ち"),
    /** Main application of a 「その他」 applicant received; an ra-admin checks eligibility before any invoice. */
    AWAITING_ELIGIBILITY("資格確認中"),
    AWAITING_PAYMENT("入金待ち"),
    IN_REVIEW("審査中"),
    RETURNED_FOR_CORRECTION("修正待ち"),
    AWAITING_PICKUP("取得待ち"),
    CERTIFICATE_VALID("証明書有効"),
    LINK_EXPIRED("URL期限切れ"),
    CANCELLED_UNPAID("未入金キャンセル"),
    REJECTED("審査不可"),
    /** The eligibility check found the 「その他」 applicant's qualification outside the service; nothing was invoiced. */
    NOT_ELIGIBLE("資格対象外"),
    CANCELLED_NOT_PICKED_UP("自動キャンセル"),
    REVOKED("失効"),
    CERTIFICATE_EXPIRED("有効期限切れ"),
    /** The applicant withdrew the application, before paying or during the review. */
    WITHDRAWN("取下げ"),
    /** Ended with money received: accounting is to send it back. */
    REFUND_PENDING("返金手続き中"),
    /** The money received went back and the return invoice was mailed. */
    REFUNDED("返金済み");

    private final String label;

    ApplicationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The applicant may fill in (or fix) the main application form. */
    public boolean acceptsMainApplication() {
        return this == AWAITING_MAIN_APPLICATION || this == RETURNED_FOR_CORRECTION;
    }
}
